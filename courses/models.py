"""Every table of the courses app, gathered for Django and for callers outside the app.

The classes live with their sub-feature: pages and vocabularies in courses/catalogue,
enrolments and progress in courses/learning, attempts in courses/quizzes, H5P rows in
courses/h5p. Importing them here registers them with the app.
"""

from courses.approvals.models import ApprovalRequest  # noqa: F401
from courses.assignments.models import (  # noqa: F401
    Assignment,
    AssignmentReach,
    AssignmentTarget,
    Completion,
    JobState,
    PersonAssignment,
)
from courses.catalogue.models import (  # noqa: F401
    PAGE_CONTEXT_HOOK,
    CompetenceArea,
    CourseFormat,
    CourseIndexPage,
    CoursePage,
    CourseTopic,
    LessonPage,
    ModulePage,
    page_context_from_hooks,
)
from courses.h5p.models import (  # noqa: F401
    H5PContent,
    H5PLibrary,
    H5PStatement,
    H5PUserData,
)
from courses.learning.models import (  # noqa: F401
    Enrolment,
    EnrolmentEvent,
    EnrolmentSource,
    LessonProgress,
)
from courses.quizzes.models import QuizAttempt  # noqa: F401
from courses.reminders.models import MailPreference, MailText, ReminderSent  # noqa: F401
from courses.rules import EnrolmentStatus, LessonRequirement  # noqa: F401
from courses.seminars.attendance.models import Attendance, AttendanceChange  # noqa: F401
from courses.seminars.models import (  # noqa: F401
    Booking,
    Session,
    SessionDay,
    SessionMail,
)
