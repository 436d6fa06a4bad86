"""Reads of the catalogue: the filtered, paginated list of courses."""

from urllib.parse import urlencode

from django.core.paginator import Paginator

from courses.assignments.selectors import assignments_for_user
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
    and (when the course is assigned to them) their assignment."""
    courses = (CoursePage.objects.live().public().child_of(index)
               .select_related("topic").prefetch_related("competence_areas")
               .order_by("-is_mandatory", "title"))
    filters = {key: params.get(key, "").strip() for key in
               ("q", "thema", "format", "dauer", "bereich", "pflicht")}
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
        hits = CoursePage.objects.live().public().child_of(index).search(filters["q"][:200])
        courses = courses.filter(pk__in=[hit.pk for hit in hits])
    page_obj = Paginator(courses.distinct(), COURSES_PER_PAGE).get_page(params.get("seite"))
    statuses = {}
    if user.is_authenticated:
        statuses = dict(Enrolment.objects.filter(
            learner=user, course_id__in=[c.pk for c in page_obj.object_list])
            .values_list("course_id", "status"))
    assigned = assignments_for_user(user)  # "Mandatory for you until …"
    cards = [{"course": course, "status": statuses.get(course.pk),
              "status_label": ES(statuses[course.pk]).label if course.pk in statuses else "",
              "assignment": assigned.get(course.pk)}
             for course in page_obj.object_list]
    query = urlencode({key: value for key, value in filters.items() if value})
    return {
        "cards": cards, "page_obj": page_obj, "filters": filters, "filter_query": query,
        "topics": CourseTopic.objects.all(), "areas": CompetenceArea.objects.all(),
        "formats": CourseFormat.choices,
    }
