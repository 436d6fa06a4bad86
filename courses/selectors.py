"""Reads of the courses app, gathered for callers outside it (the dashboard, tests).

They live with their sub-feature: courses/catalogue/selectors.py and
courses/learning/selectors.py (quizzes and H5P have their own).
"""

from courses.catalogue.selectors import (  # noqa: F401
    COURSES_PER_PAGE,
    DURATION_BUCKETS,
    catalogue_page,
)
from courses.learning.selectors import (  # noqa: F401
    Outline,
    OutlineItem,
    course_lessons,
    course_outline,
    course_page_context,
    dashboard_courses,
    enrolment_of,
    lesson_context,
    lesson_requirement_met,
    missing_prerequisites,
)
