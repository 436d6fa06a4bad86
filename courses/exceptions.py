"""Domain errors of the courses app; each carries a message a learner can read."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError
from core.state import InvalidTransition as BaseInvalidTransition


class CourseError(DomainError):
    default_message = _("The action could not be completed.")


class EnrolmentNotAllowed(CourseError):
    default_message = _("You cannot enrol yourself in this course. Please contact the "
                        "coordination team.")


class PrerequisitesMissing(CourseError):
    default_message = _("Please complete the required courses first.")


class NotEnrolled(CourseError):
    default_message = _("You are not enrolled in this course. Enrol first to open its lessons.")


class EnrolmentNotActive(CourseError):
    default_message = _("Your enrolment is not active, so progress cannot be recorded.")


class AttemptLimitReached(CourseError):
    default_message = _("You have used all attempts for this quiz.")


class InvalidAnswer(CourseError):
    default_message = _("The submitted answers do not belong to this quiz. Please reload the "
                        "page and answer again.")


class EmptySubmission(CourseError):
    default_message = _("Please answer at least one question before submitting. This did not "
                        "count as an attempt.")


class QuizChanged(CourseError):
    default_message = _("This quiz was changed while you were answering. Please answer the "
                        "current version.")


class InvalidTransition(BaseInvalidTransition, CourseError):
    """An enrolment cannot make this move (see courses.rules.ENROLMENT_MACHINE)."""

    default_message = _("This change of status is not possible.")
