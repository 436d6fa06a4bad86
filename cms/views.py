import re
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Page
from wagtail.search.query import And, Or, Phrase, PlainText, SearchQuery

from accounts.roles import ADMIN_ROLES, Role
from certificates.selectors import certificates_for_recipient
from cms.selectors import dashboard_sections
from core.pagecache import page_links, request_site
from courses.selectors import dashboard_courses
from volunteers.dashboard import dashboard_section
from volunteers.matching.selectors import applicant_explanations
from volunteers.selectors import placements_search

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 20
WORD = re.compile(r"\w+")


def search_query_parse(text: str) -> SearchQuery | None:
    """What a visitor typed as a query the search backends cannot misread; None if no word.

    Only words reach the index (SQLite's FTS5 and PostgreSQL's tsquery each give a server
    error on their own syntax otherwise): quotes, brackets, `*`, `-`, `:` and control
    characters are dropped, operator words such as AND or NEAR are plain words, and the
    text between a pair of double quotes is a phrase. An unpaired quote is ignored.
    """
    segments = text.split('"')
    if len(segments) % 2 == 0:  # an odd number of quotes: the last one opens nothing
        segments[-2:] = [segments[-2] + " " + segments[-1]]
    parts: list[SearchQuery] = []
    budget = MAX_QUERY_WORDS
    for index, segment in enumerate(segments):
        words = WORD.findall(segment)[:budget]
        budget -= len(words)
        if len(words) > 1 and index % 2:
            parts.append(Phrase(" ".join(words)))
        elif words:
            parts.append(PlainText(" ".join(words), operator="and"))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


# German spelled without umlauts ("Thueringen", "Strasse") and with them, both ways.
UMLAUT_SPELLINGS = (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"))


def umlaut_variant(text: str) -> str:
    """The other German spelling of `text`: umlauts written out, or written-out umlauts
    (ae, oe, ue) put back; `text` itself when it has neither."""
    lowered = text.lower()
    if any(umlaut in lowered for umlaut, _spelled in UMLAUT_SPELLINGS):
        for umlaut, spelled in UMLAUT_SPELLINGS:
            lowered = lowered.replace(umlaut, spelled)
        return lowered
    for umlaut, spelled in UMLAUT_SPELLINGS[:3]:
        lowered = lowered.replace(spelled, umlaut)
    return lowered if lowered != text.lower() else text


def search_query_with_spellings(text: str) -> SearchQuery | None:
    """The parsed query, or-ed with its other umlaut spelling where there is one."""
    parsed = search_query_parse(text)
    variant = umlaut_variant(text)
    if parsed is None or variant == text:
        return parsed
    other = search_query_parse(variant)
    return parsed if other is None else Or([parsed, other])


class _Results:
    """Found placements (a short list) followed by found pages (searched lazily), as one
    sequence the paginator can count and slice without loading every page hit."""

    def __init__(self, first: list, rest):
        self.first, self.rest = first, rest

    def count(self) -> int:
        return len(self.first) + self.rest.count()

    def __getitem__(self, key: slice) -> list:
        start, stop = key.start or 0, key.stop
        head = self.first[start:stop]
        skip = max(start - len(self.first), 0)
        if stop is None:
            return head + list(self.rest[skip:])
        take = stop - len(self.first) - skip
        return head + (list(self.rest[skip:skip + take]) if take > 0 else [])


def search(request):
    """Full-text search over the published, public pages and the published placements."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    parsed = search_query_with_spellings(query)
    pages = Page.objects.live().public().specific()
    if parsed is None:
        results = Page.objects.none()
    else:
        results = _Results(placements_search(query=parsed), pages.search(parsed))
    page_obj = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("seite"))
    return render(request, "cms/search.html", {"query": query, "page_obj": page_obj,
                                               "search_query": urlencode({"q": query})})


@login_required
def dashboard(request):
    """"Mein Bereich": the logged-in person's own data, and nothing of anyone else's.

    Each domain app contributes a section through its own selector; this view only
    composes them.
    """
    user = request.user
    request_site(request)  # the links to lessons and the navigation need it: cached
    has = dashboard_sections(user=user)  # one query; sections without rows are not read
    role_names = set(user.groups.values_list("name", flat=True)) if has["groups"] else set()
    roles = [role for role in Role if role.value in role_names]
    # Seminars are led by their Begleitung, or recorded by whoever holds the permission
    # (through a group or their own); a person with none of these has no programme part.
    if (has["applications"] or has["services"] or has["leads_seminars"] or has["host_contact"]
            or has["groups"] or has["permissions"] or user.is_superuser):
        volunteering = dashboard_section(user=user)
    else:
        volunteering = {"applications": [], "services": [], "leads_seminars": False,
                        "needs_action": False, "is_host_contact": False}
    explanations = applicant_explanations(applications=volunteering["applications"])
    for application in volunteering["applications"]:
        application.matching_explanation = explanations.get(application.pk, [])
    courses = dashboard_courses(user=user, assigned=has["assignments"],
                                completed=has["completions"])
    _link_course_cards(request, courses["in_progress"])
    return render(request, "cms/dashboard.html", {
        "roles": roles,
        "unit_path": [*user.home_unit.ancestors(), user.home_unit] if user.home_unit else [],
        "works_in_admin": user.is_superuser or any(role in ADMIN_ROLES for role in roles),
        "volunteering": volunteering,
        "courses": courses,
        "certificates": list(certificates_for_recipient(user=user))
        if has["certificates"] else [],
    })


def _link_course_cards(request, rows: list[dict]) -> None:
    """Each course card's links: its course (`course_link`: address, whether it is live;
    None for a course no longer offered) and where "Continue learning" leads
    (`resume_link`), from the page cache."""
    resume = [row["resume_lesson"].pk for row in rows if row["resume_lesson"]]
    links = page_links(request, [*(row["enrolment"].course_id for row in rows
                                   if row["enrolment"].course_id), *resume])
    for row in rows:
        row["course_link"] = links.get(row["enrolment"].course_id)
        lesson = row["resume_lesson"]
        row["resume_link"] = links.get(lesson.pk) if lesson else None
