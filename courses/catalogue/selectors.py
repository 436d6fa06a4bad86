"""Reads of the catalogue: the filtered, paginated list of courses."""

from functools import partial
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject

from core.pagecache import page_data
from core.prepared import PreparedQuery
from courses.assignments.selectors import current_person_assignments
from courses.catalogue.models import CompetenceArea, CourseFormat, CoursePage, CourseTopic
from courses.learning.models import Enrolment
from courses.rules import EnrolmentStatus

ES = EnrolmentStatus
COURSES_PER_PAGE = 12
DURATION_BUCKETS = {  # name: (min minutes exclusive, max minutes inclusive)
    "kurz": (None, 60),
    "mittel": (60, 240),
    "lang": (240, None),
}


def catalogue_page(*, index, params, user) -> dict:
    """The catalogue's filtered, paginated courses and, for a learner, each one's status
    and (when the course is assigned to them) their assignment.

    The courses come from the page cache (published content, the same for everyone); the
    learner's statuses and assignments are two queries.
    """
    filters = {key: params.get(key, "").strip()[:200] for key in
               ("q", "thema", "format", "dauer", "bereich", "pflicht")}
    query = urlencode({key: value for key, value in filters.items() if value})
    ids = page_data("catalogue-ids", index.pk, query,
                    build=lambda: _course_ids(index=index, filters=filters))
    page_obj = Paginator(ids, COURSES_PER_PAGE).get_page(params.get("seite"))
    shown = tuple(page_obj.object_list)
    # A card's course is read (from the page cache) only when its rendered part is not
    # cached yet (the template's {% shared %}); the card itself needs its id and whether
    # it is mandatory training.
    flags = page_data("catalogue-card-flags", *shown, build=lambda: [
        (course.pk, course.is_mandatory) for course in _cards(shown)]) if shown else []
    courses = SimpleLazyObject(lambda: {course.pk: course for course in page_data(
        "catalogue-cards", *shown, build=lambda: _cards(shown))})
    statuses = {}
    if user.is_authenticated and flags:
        statuses = dict(_statuses(user.pk, shown))
    assigned = _mandatory_for(user=user, course_ids=shown)  # "Mandatory for you until …"
    cards = [{"course": SimpleLazyObject(partial(_course_of, courses, pk)), "course_id": pk,
              "mandatory": mandatory, "status": statuses.get(pk),
              "status_label": ES(statuses[pk]).label if pk in statuses else "",
              "assignment": assigned.get(pk)}
             for pk, mandatory in flags]
    page_obj.object_list = cards
    topics, areas = page_data("catalogue-vocabularies", build=lambda: (
        list(CourseTopic.objects.all()), list(CompetenceArea.objects.all())))
    return {
        "cards": cards, "page_obj": page_obj, "filters": filters, "filter_query": query,
        "topics": topics, "areas": areas, "formats": CourseFormat.choices,
    }


def _course_of(courses: SimpleLazyObject, pk: int) -> CoursePage:
    return courses[pk]  # reads the courses (from the page cache) at first use only


def _mandatory_for(*, user, course_ids) -> dict[int, dict]:
    """{course id: {"mandatory", "due_date"}} of the shown courses assigned to the user as
    mandatory training (one narrow query; the compliance state is not needed here)."""
    if not user.is_authenticated or not course_ids:
        return {}
    rows = _mandatory_due_dates(user.pk, tuple(course_ids))
    assigned: dict[int, dict] = {}
    for course_id, due_date in rows:
        assigned.setdefault(course_id, {"mandatory": True, "due_date": due_date})
    return assigned


# The person's rows for the shown cards: prepared queries, as every catalogue page asks.
_statuses = PreparedQuery(
    lambda learner_id, course_ids: Enrolment.objects.filter(
        learner_id=learner_id, course_id__in=course_ids).values_list("course_id", "status"))
_mandatory_due_dates = PreparedQuery(
    lambda user_id, course_ids: current_person_assignments()
    .filter(user_id=user_id, course_id__in=course_ids, mandatory=True)
    .order_by("due_date").values_list("course_id", "due_date"))


def _course_ids(*, index, filters: dict) -> list[int]:
    """The ids of the live, public courses matching `filters`, in catalogue order."""
    courses = (CoursePage.objects.live().public().child_of(index)
               .order_by("-is_mandatory", "title"))
    if filters["thema"]:
        courses = courses.filter(topic__slug=filters["thema"])
    if filters["format"] in CourseFormat.values:
        courses = courses.filter(format=filters["format"])
    if filters["dauer"] in DURATION_BUCKETS:
        low, high = DURATION_BUCKETS[filters["dauer"]]
        if low is not None:
            courses = courses.filter(duration_minutes__gt=low)
        if high is not None:
            courses = courses.filter(duration_minutes__lte=high)
    if filters["bereich"]:
        courses = courses.filter(competence_areas__code=filters["bereich"])
    if filters["pflicht"] in ("ja", "nein"):
        courses = courses.filter(is_mandatory=filters["pflicht"] == "ja")
    if filters["q"]:
        hits = CoursePage.objects.live().public().child_of(index).search(filters["q"])
        courses = courses.filter(pk__in=[hit.pk for hit in hits])
    return list(dict.fromkeys(courses.values_list("pk", flat=True)))


def _cards(ids: tuple[int, ...]) -> list[CoursePage]:
    """The courses of one catalogue page, in the order of `ids`, with what a card shows."""
    courses = {course.pk: course for course in CoursePage.objects.filter(pk__in=ids)
               .select_related("topic").prefetch_related("competence_areas")}
    return [courses[pk] for pk in ids if pk in courses]
