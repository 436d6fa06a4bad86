"""Writes of the courses app, gathered for callers outside it (the demo, tests, benchmarks).

They live with their sub-feature: courses/learning/services.py (enrolment, progress, the
completion rule), courses/quizzes/services.py and courses/h5p/services.py.
"""

from courses.learning.services import (  # noqa: F401
    Outcome,
    enrolment_create,
    enrolment_evaluate,
    enrolment_for_lesson,
    enrolment_transition,
    enrolment_withdraw,
    lesson_progress_record,
    lesson_view_record,
)
