"""Machinery of the access matrix: concrete requests for URL names, and outcome symbols.

A URL name and a case become a request: most parameters are filled from their name
(`image_id` → the world's image, `pk` → the object of the viewset's model, own or other by
the case); views that need more (POST bodies, query strings, page paths) have their own
builder in SPECIAL.

Outcome symbols, and how a response is checked against them:

OK      200.
LOGIN   (anonymous) 302 to the site's or the admin's login page, with `next`.
DENY    403; or, for a logged-in person, 302 to a login page (the admin refuses people
        without admin access that way) or to the admin dashboard with Wagtail's
        "permission denied" error message.
NF      404: the object is not there for this person (never confirms that it exists).
NO      DENY or NF: refused, either way is fine (objects outside a coordinator's scope).
REDIR   302/303 somewhere else (a POST that did its work, "already logged in", …).
BAD     400.   N405  405 (POST-only view opened with GET).   ERR  500 (Wagtail's test view).
CSV     200, text/csv.
SCOPE   200 and the listing shows the own/in-scope marker but not the other one.
ALL     200 and the listing shows both markers (superusers, unscoped lists).
NONE    200 and the listing shows neither marker (people's data this role never sees).
ANON    200 and the names and email addresses of the applicants this person may not
        identify (yet) are nowhere in the page.
NAMED   200 and the applicant's name or email address is shown.
SBX     200 and the response's own CSP is `sandbox allow-scripts` without allow-same-origin.
SBXNO   403 with that same sandboxing CSP (the player refuses to start without a token).
"""

import datetime
import json
import re
import uuid
from dataclasses import dataclass
from urllib.parse import urlparse

from django.contrib.messages import ERROR
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

ROLES = ("anonymous", "learner", "supervisor", "applicant", "host", "coordinator", "editor",
         "superuser")


@dataclass(frozen=True)
class Pattern:
    key: str      # the qualified name ("wagtailimages:edit"), or "route:<route>" if unnamed
    route: str
    params: tuple[str, ...]


@dataclass
class Request:
    """Where to send a cell's request and what to send; the MATRIX row says GET or POST."""

    path: str
    data: dict | str | None = None
    content_type: str | None = None


def url_patterns() -> list[Pattern]:
    """Every pattern of the site, walking includes, namespaces and language prefixes."""
    found: list[Pattern] = []

    def walk(resolver, prefix: str, namespaces: tuple[str, ...]):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                spaces = namespaces + ((entry.namespace,) if entry.namespace else ())
                walk(entry, prefix + str(entry.pattern), spaces)
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                key = (":".join((*namespaces, entry.name)) if entry.name
                       else f"route:{route}")
                params = tuple(getattr(entry.pattern, "converters", {}) or
                               entry.pattern.regex.groupindex)
                found.append(Pattern(key=key, route=route, params=params))

    walk(get_resolver(), "", ())
    return found


# Which model a viewset namespace lists (snippet and chooser namespaces carry it in the name).
NAMESPACE_KINDS = {
    "enrolments": "enrolment",
    "h5p_libraries": "h5plibrary",
    "certificates_certificate": "certificate",
    "certificates_batch": "certificatebatch",
    "assignments_admin": "assignment",
    "seminar_sessions": "session",
    "certificates_admin": "certificate",
    "volunteers_admin": "application",
    "service_admin": "service",
    "seminar_days_admin": "seminar",
    "seminar_days": "seminar",
    "wagtailsites": "site",
    "wagtailusers_users": "user",
    "wagtailusers_groups": "group",
    "wagtailadmin_collections": "collection",
    "wagtailadmin_api:pages": "page",
    "wagtailadmin_api:documents": "document_wagtail",
    "wagtailadmin_api:images": "image",
    "wagtailimages": "image",
    "wagtailimages_chooser": "image",
    "wagtaildocs": "document_wagtail",
    "wagtaildocs_chooser": "document_wagtail",
    "wagtailredirects": "redirect",
}
TASK_NAMES = {"edit_task", "disable_task", "enable_task", "task_chosen"}
SNIPPET = re.compile(r"^wagtailsnippet(?:s|choosers)_(?P<app>[a-z0-9]+)_(?P<model>[a-z0-9]+)$")


def kind_of(namespace: str, name: str) -> str:
    if match := SNIPPET.match(namespace):
        return match["model"]
    if namespace == "wagtailadmin_workflows":
        return "task" if name in TASK_NAMES else "workflow"
    if namespace == "certificates_admin" and name.startswith("batch"):
        return "certificatebatch"
    return NAMESPACE_KINDS.get(namespace, "page")


def fill(w, key: str, param: str, case: str):
    """A value for one URL parameter."""
    namespace, _sep, name = key.rpartition(":")
    page = w.obj("page")
    values = {
        "image_id": lambda: w.obj("image").pk,
        "document_id": lambda: w.obj("document_wagtail").pk,
        "doc_id": lambda: w.obj("document_wagtail").pk,
        "page_id": lambda: page.pk,
        "parent_page_id": lambda: page.pk,
        "page_to_move_id": lambda: page.pk,
        "destination_id": lambda: w.obj("page", "home").pk,
        "revision_id": lambda: page.latest_revision_id,
        "redirect_id": lambda: w.obj("redirect").pk,
        "collection_id": lambda: w.obj("collection").pk,
        "page_pk": lambda: page.pk,
        "workflow_pk": lambda: w.obj("workflow").pk,
        "task_id": lambda: w.obj("task").pk,
        "task_state_id": lambda: 999999,
        "workflow_state_id": lambda: 999999,
        "uploaded_file_id": lambda: 999999,
        "session_id": lambda: 999999,
        "object_id": lambda: str(page.pk),
        "content_type_app_name": lambda: "cms",
        "content_type_model_name": lambda: "contentpage",
        "app_label": lambda: "cms",
        "model_name": lambda: "contentpage",
        "app_name": lambda: "cms",
        "filter_spec": lambda: "original",
        "action_name": lambda: "approve",
        "uidb64": lambda: "MQ",
        "token": lambda: "ungueltig-0000",
        "restriction_id": lambda: 999999,
        "page_view_restriction_id": lambda: w.obj("pageviewrestriction").pk,
        "public_id": lambda: w.obj("h5pcontent").public_id,
    }
    if param == "pk":
        kind = kind_of(namespace, name)
        if kind in SEMINAR_KINDS:
            return seminar_object(kind, case).pk
        return w.obj(kind, case).pk
    if param == "day":
        return seminar_object("seminar", case).first_day.isoformat()
    if param not in values:
        raise LookupError(f"no value for parameter {param!r} of {key}")
    return values[param]()


def _page_path(page) -> str:
    return page.relative_url(page.get_site())


# --- the seminar days: "own" in the matrix coordinator's programme year, "other" the
# demo's earlier year ----------------------------------------------------------------------

SEMINAR_KINDS = {"seminar", "seminargroup", "seminarterms"}


def seminar_object(kind: str, case: str):
    """The seminar plan's objects, made on first use inside the world's transaction."""
    from volunteers.models import ProgrammeYear, Seminar, SeminarGroup, SeminarTerms

    name = "Jahrgang 2025/26" if case == "other" else "Jahrgang 2027/28"
    year = ProgrammeYear.objects.get(name=name)
    group, _created = SeminarGroup.objects.get_or_create(programme_year=year,
                                                         name="Matrix-Gruppe")
    if kind == "seminargroup":
        return group
    if kind == "seminarterms":
        return SeminarTerms.objects.get_or_create(programme_year=year)[0]
    first = datetime.date(year.application_closes.year, 10, 5)
    return Seminar.objects.get_or_create(
        programme_year=year, group=group, title="Matrix-Seminar", defaults={
            "kind": "interim", "first_day": first,
            "last_day": first + datetime.timedelta(days=4), "place": "Erfurt"})[0]


# --- the Zeugnis: of the demo's services ("own" at the host's Apolda, "other" elsewhere),
# made on first use inside the world's transaction ------------------------------------------


def zeugnis_object(w, case: str):
    from volunteers.models import Zeugnis

    return Zeugnis.objects.get_or_create(service=w.obj("service", case))[0]


# --- builders for the views that need more than their parameters -------------------------


def _wagtail_serve(w, case: str) -> Request:
    page_paths = {
        "home": lambda: "/",
        "home-en": lambda: "/en/",
        "content": lambda: _page_path(w.obj("page")),
        "courses": lambda: _page_path(w.obj("courses_page")),
        "course": lambda: _page_path(w.obj("course")),
        "lesson": lambda: _page_path(w.obj("lesson")),
        "programme": lambda: _page_path(w.obj("programme_page")),
        "placement": lambda: _page_path(w.obj("programme_page")) + "stelle/"
        + w.obj("placement").slug + "/",
        "private": lambda: _page_path(w.obj("page", "restricted")),
        "missing": lambda: "/gibt-es-nicht/",
    }
    return Request(page_paths[case]())


def _xapi(w, case: str) -> Request:
    """A well-formed result of the H5P lesson, sent without the player's attempt token."""
    lesson = w.obj("lesson", "h5p")
    content = lesson.h5p_block().value["content"]
    statement = {
        "id": str(uuid.uuid4()),
        "actor": {"name": "Matrix", "mbox": "mailto:matrix@example.org",
                  "objectType": "Agent"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/answered",
                 "display": {"en-US": "answered"}},
        "object": {"id": "http://testserver/h5p/x", "objectType": "Activity"},
        "context": {"contextActivities": {"category": [
            {"id": "http://h5p.org/libraries/H5P.TestQuestion-1.0"}]}},
        "result": {"completion": True, "success": True,
                   "score": {"min": 0, "raw": 1, "max": 1, "scaled": 1}},
    }
    return Request(reverse("h5p_xapi:xapi", kwargs={"lesson_id": lesson.pk}),
                   json.dumps({"content": str(content.public_id), "statement": statement}),
                   "application/json")


def _player(w, case: str) -> Request:
    content = w.obj("h5pcontent")
    path = reverse("h5p:player", kwargs={"public_id": content.public_id})
    if case == "token":
        from courses.h5p.attempts import h5p_attempt_token_make

        token = h5p_attempt_token_make(learner=w.users["learner"], lesson=w.obj("lesson", "h5p"),
                                       content=content)
        path += f"?versuch={token}"
    return Request(path)


def _content_asset(w, case: str) -> Request:
    return Request(reverse("h5p:content_asset", kwargs={
        "public_id": w.obj("h5pcontent").public_id, "path": "h5p.json"}))


def _library_asset(w, case: str) -> Request:
    return Request(reverse("h5p:library_asset", kwargs={
        "folder": w.obj("h5plibrary").folder, "path": "library.json"}))


def _user_data(w, case: str) -> Request:
    """A well-formed saved state of the H5P lesson, sent without the player's attempt token."""
    lesson = w.obj("lesson", "h5p")
    content = lesson.h5p_block().value["content"]
    return Request(reverse("h5p_xapi:user_data", kwargs={"lesson_id": lesson.pk}),
                   json.dumps({"content": str(content.public_id), "subContentId": "0",
                               "dataType": "state", "data": "{}"}), "application/json")


def _certificate_code(w, case: str) -> str:
    return w.obj("certificate", case).code_display


def _bulk(w, case: str) -> Request:
    if case in ("own", "other"):
        path = reverse("wagtail_bulk_action", args=["volunteers", "application", "start_review"])
        return Request(f"{path}?id={w.obj('application', case).pk}")
    path = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    return Request(f"{path}?id={w.obj('page').pk}")


def _list_query(w, key: str, case: str) -> Request:
    path = reverse(key)
    return Request(path + "?export=csv" if case == "csv" else path)


def _user_list_query() -> dict:
    # The demo holds more people than a page of the list. The world's people have logged
    # in today (the other learner's login is set when the world is built): only they.
    return {"last_login_from": timezone.localdate().isoformat()}


def _user_list(w, case: str) -> Request:
    return Request(reverse("wagtailusers_users:index"), _user_list_query())


SPECIAL = {
    "wagtailusers_users:index": _user_list,
    "wagtailusers_users:index_results": lambda w, case: Request(
        reverse("wagtailusers_users:index_results"), _user_list_query()),
    "wagtail_serve": _wagtail_serve,
    "h5p_xapi:xapi": _xapi,
    "h5p_xapi:user_data": _user_data,
    "h5p:player": _player,
    "h5p:content_asset": _content_asset,
    "h5p:library_asset": _library_asset,
    "h5p:player_file": lambda w, case: Request(
        reverse("h5p:player_file", kwargs={"path": "styles/h5p.css"})),
    "wagtail_bulk_action": _bulk,
    "accounts:logout": lambda w, case: Request(reverse("accounts:logout")),
    "accounts:data_rights_download": lambda w, case: Request(
        reverse("accounts:data_rights_download", args=[999999])),
    "data_rights_admin:erase": lambda w, case: Request(
        reverse("data_rights_admin:erase", args=[w.obj("user", case).pk])),
    "two_factor_admin:reset": lambda w, case: Request(
        reverse("two_factor_admin:reset", args=[w.obj("user", case).pk])),
    "roster_admin:detail": lambda w, case: Request(
        reverse("roster_admin:detail", args=[w.obj("rosterimport", case).pk])),
    "certificates:detail": lambda w, case: Request(
        reverse("certificates:detail", args=[_certificate_code(w, case)])),
    "certificates:download": lambda w, case: Request(
        reverse("certificates:download", args=[_certificate_code(w, case)])),
    "certificates:verify": lambda w, case: Request(
        reverse("certificates:verify") + ("?code=" + _certificate_code(w, "own")
                                          if case == "code" else "")),
    "search": lambda w, case: Request(reverse("search") + {"-": "", "quote": '?q=%22',
                                                           "text": "?q=Kurs"}[case]),
    "courses:enrol": lambda w, case: Request(
        reverse("courses:enrol", args=[w.obj("course").pk])),
    "courses:withdraw": lambda w, case: Request(
        reverse("courses:withdraw", args=[w.obj("enrolment", case).pk])),
    "courses:quiz_submit": lambda w, case: Request(
        reverse("courses:quiz_submit", args=[w.obj("lesson", "quiz").pk]),
        {"quiz": "x", "submission_token": str(uuid.uuid4())}),
    "courses:lesson_viewed": lambda w, case: Request(
        reverse("courses:lesson_viewed", args=[w.obj("lesson", "own").pk])),
    "volunteers:agreement_pdf": lambda w, case: Request(
        reverse("volunteers:agreement_pdf", args=[w.obj("agreement", case).pk])),
    "volunteers:host_service": lambda w, case: Request(
        reverse("volunteers:host_service", args=[w.obj("service", case).pk])),
    "volunteers:host_zeugnis": lambda w, case: Request(
        reverse("volunteers:host_zeugnis", args=[w.obj("service", case).pk])),
    "zeugnis_admin:edit": lambda w, case: Request(
        reverse("zeugnis_admin:edit", args=[zeugnis_object(w, case).pk])),
    "service_admin:plan": lambda w, case: Request(
        reverse("service_admin:plan", args=[w.obj("accepted", case).pk])),
    "volunteer_reports:compliance_service": lambda w, case: Request(reverse(
        "volunteer_reports:compliance_service", args=[w.obj("service", case).pk])),
    "volunteers:apply_start": lambda w, case: Request(
        reverse("volunteers:apply_start", args=[w.obj("placement").slug])),
    "volunteers:step": lambda w, case: Request(reverse("volunteers:step", args=["personal"])),
    "volunteers:submit": lambda w, case: Request(reverse("volunteers:submit")),
    "volunteers:action": lambda w, case: Request(
        reverse("volunteers:action", args=[w.obj("application", case).pk, "withdraw"]),
        {"reason": "Matrix"}),
    "volunteers:action_confirm": lambda w, case: Request(
        reverse("volunteers:action_confirm", args=[w.obj("application", case).pk, "withdraw"])),
    "volunteers:document": lambda w, case: Request(
        reverse("volunteers:document", args=[w.obj("document", case).pk])),
    "volunteers:document_remove": lambda w, case: Request(
        reverse("volunteers:document_remove", args=[w.obj("document", case).pk])),
    "volunteers:guardian_consent": lambda w, case: Request(reverse(
        "volunteers:guardian_consent",
        args=[w.obj("guardian_token") if case == "own" else "ungueltig"])),
    "volunteers:host_application": lambda w, case: Request(
        reverse("volunteers:host_application", args=[w.obj("preference", case).pk])),
    "volunteers_matching:year": lambda w, case: Request(
        reverse("volunteers_matching:year", args=[w.obj("programmeyear", case).pk])),
    "volunteers_matching:run": lambda w, case: Request(
        reverse("volunteers_matching:run", args=[w.obj("matchingrun", case).pk])),
    "volunteers_matching:approve": lambda w, case: Request(
        reverse("volunteers_matching:approve", args=[w.obj("matchingrun", case).pk])),
    "volunteers_matching:compare": lambda w, case: Request(
        reverse("volunteers_matching:compare", args=[w.obj("matchingrun", case).pk])
        + f"?other={w.obj('matchingrun', case).pk}"),
    "volunteers_matching:applicant": lambda w, case: Request(reverse(
        "volunteers_matching:applicant",
        args=[w.obj("matchingrun", case).pk, w.obj("application", case).pk])),
    "wagtaildocs_serve": lambda w, case: Request(w.obj("document_wagtail").url),
    "wagtaildocs_authenticate_with_password": lambda w, case: Request(reverse(
        "wagtaildocs_authenticate_with_password", args=[999999])),
    # a request id that does not exist: nobody's decision goes through
    "team:decide": lambda w, case: Request(reverse("team:decide", args=[999999]),
                                           {"decision": "approve"}),
    "approvals_admin:decide": lambda w, case: Request(
        reverse("approvals_admin:decide", args=[999999]), {"decision": "approve"}),
    "wagtailadmin_pages:revisions_compare": lambda w, case: Request(
        f"/admin/pages/{w.obj('page').pk}/revisions/compare/earliest...latest/"),
    "wagtailsettings:edit": lambda w, case: Request(reverse(
        "wagtailsettings:edit", args=["cms", "navigationsettings"]
        + ([w.obj("site").pk] if case == "site" else []))),
    "wagtailsettings:preview_on_edit": lambda w, case: Request(reverse(
        "wagtailsettings:preview_on_edit", args=["cms", "navigationsettings", w.obj("site").pk])),
    "wagtailadmin_workflows:remove": lambda w, case: Request(reverse(
        "wagtailadmin_workflows:remove", args=[w.obj("page").pk]
        + ([w.obj("workflow").pk] if case == "workflow" else []))),
    "wagtailadmin_workflows:add_task": lambda w, case: Request(reverse(
        "wagtailadmin_workflows:add_task", args=["wagtailcore", "groupapprovaltask"])),
    "wagtailadmin_tag_model_autocomplete": lambda w, case: Request(reverse(
        "wagtailadmin_tag_model_autocomplete", args=["wagtaildocs", "document"]) + "?term=a"),
    "wagtailadmin_pages:choose_parent": lambda w, case: Request(reverse(
        "wagtailadmin_pages:choose_parent", args=["cms", "contentpage"])),
    "route:admin/^.*/$": lambda w, case: Request("/admin/gibt-es-nicht/"),
    "route:admin/test404/": lambda w, case: Request("/admin/test404/"),
    "wagtailadmin_editing_sessions:ping": lambda w, case: Request(reverse(
        "wagtailadmin_editing_sessions:ping",
        args=["wagtailcore", "page", str(w.obj("page").pk), 999999])),
    "wagtailadmin_editing_sessions:release": lambda w, case: Request(reverse(
        "wagtailadmin_editing_sessions:release", args=[999999])),
    "wagtailcore_authenticate_with_password": lambda w, case: Request(reverse(
        "wagtailcore_authenticate_with_password",
        args=[w.obj("pageviewrestriction").pk, w.obj("page", "restricted").pk])),
}
EXPORT_LISTS = {"enrolments:index", "wagtailsnippets_volunteers_application:list",
                "wagtailsnippets_volunteers_placement:list",
                "wagtailsnippets_volunteers_hostorganisation:list"}


def build_request(w, pattern: Pattern, case: str) -> Request:
    if pattern.key in SPECIAL:
        return SPECIAL[pattern.key](w, case)
    if pattern.key in EXPORT_LISTS:
        return _list_query(w, pattern.key, case)
    kwargs = {param: fill(w, pattern.key, param, case) for param in pattern.params}
    return Request(reverse(pattern.key, kwargs=kwargs))


# Listings whose rows are people's data: the scope markers of the world apply to them.
LIST_KINDS = {
    "enrolments": "enrolment",
    "certificates_certificate": "certificate",
    "wagtailsnippets_volunteers_application": "application",
    "wagtailusers_users": "user",
    "wagtailadmin_reports": "application",  # the site history: the audit log's entries
    "audit_log": "application",  # our scoped view of the site history, at the same paths
    "audit_log_results": "application",
}


def markers_for(w, key: str, case: str) -> tuple[str, str] | None:
    """(text only the own/in-scope row shows, text only the other row shows) for a listing
    or, in case "csv", for its export."""
    kind = LIST_KINDS.get(key.rpartition(":")[0]) or LIST_KINDS.get(key)
    if kind is None:
        return None
    return w.markers.get(f"{kind}:{case}", w.markers[kind])


def identity_for(w, key: str, case: str) -> tuple[str, ...]:
    """Applicants' names and email addresses a page must (NAMED) or must not (ANON) show."""
    if key == "volunteers:host_applications":  # the host's list: the two not yet opened
        applications = [w.obj("preference", "anon").application,
                        w.obj("preference", "elsewhere").application]
    elif key == "volunteers:host_application":
        applications = [w.obj("preference", case).application]
    else:
        applications = [w.obj("application", case)]
    return tuple(text for application in applications
                 for text in (f"{application.first_name} {application.last_name}",
                              application.contact_email))


# --- outcomes -----------------------------------------------------------------------------

SYMBOLS = {"OK", "LOGIN", "DENY", "NF", "NO", "REDIR", "BAD", "N405", "ERR", "CSV", "SCOPE",
           "ALL", "NONE", "ANON", "NAMED", "SBX", "SBXNO"}
LISTED = {"SCOPE": (True, False), "ALL": (True, True), "NONE": (False, False)}


def _login_paths() -> set[str]:
    return {reverse("accounts:login"), "/en" + reverse("accounts:login"),
            reverse("wagtailadmin_login"), reverse("wagtailcore_login")}


def _denied_message(response) -> bool:
    storage = getattr(response.wsgi_request, "_messages", None)
    return storage is not None and any(m.level == ERROR for m in storage)


def _sandboxed(response) -> bool:
    policy = response.get("Content-Security-Policy", "")
    directives = [d.strip() for d in policy.split(";")]
    sandbox = [d for d in directives if d.startswith("sandbox")]
    return bool(sandbox) and "allow-scripts" in sandbox[0] \
        and "allow-same-origin" not in sandbox[0]


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def observe(response, *, anonymous: bool) -> str:
    """The plain symbol for what happened (used in failure messages)."""
    status = response.status_code
    if status == 200:
        return "CSV" if response.get("Content-Type", "").startswith("text/csv") else "OK"
    if status in (301, 302, 303):
        location = urlparse(response["Location"])
        if location.path in _login_paths():
            return "LOGIN" if anonymous else "DENY"
        if location.path == reverse("wagtailadmin_home") and _denied_message(response):
            return "DENY"
        return "REDIR"
    return {400: "BAD", 403: "DENY", 404: "NF", 405: "N405", 500: "ERR"}.get(status,
                                                                           str(status))


def matches(expected: str, response, *, anonymous: bool, markers=None,
            identity=None) -> tuple[bool, str]:
    """Whether the response is what the cell expects; and what was seen, for the message."""
    seen = observe(response, anonymous=anonymous)
    if expected == "NO":
        return seen in ("DENY", "NF"), seen
    if expected == "LOGIN":
        ok = seen == "LOGIN" and "next=" in response["Location"]
        return ok, seen
    if expected in LISTED:
        if seen not in ("OK", "CSV"):
            return False, seen
        body = _body(response)
        own, other = markers
        shown = (own in body, other in body)
        seen = f"{seen} (own shown: {shown[0]}, other shown: {shown[1]})"
        return shown == LISTED[expected], seen
    if expected in ("ANON", "NAMED"):
        if seen != "OK":
            return False, seen
        body = _body(response)
        named = any(text and text in body for text in identity)
        seen = "NAMED" if named else "ANON"
        return seen == expected, seen
    if expected in ("SBX", "SBXNO"):
        sandboxed = _sandboxed(response)
        seen = f"{seen} ({'sandboxed' if sandboxed else 'NOT sandboxed'})"
        return sandboxed and response.status_code == (200 if expected == "SBX" else 403), seen
    return seen == expected, seen
