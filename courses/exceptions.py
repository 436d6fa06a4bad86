"""Domain errors of the courses app; each carries a message a learner can read."""

from django.utils.translation import gettext_lazy as _


class CourseError(Exception):
    message = _("The action could not be completed.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class EnrolmentNotAllowed(CourseError):
    message = _("You cannot enrol yourself in this course. Please contact the coordination "
                "team.")


class PrerequisitesMissing(CourseError):
    message = _("Please complete the required courses first.")


class NotEnrolled(CourseError):
    message = _("You are not enrolled in this course. Enrol first to open its lessons.")


class EnrolmentNotActive(CourseError):
    message = _("Your enrolment is not active, so progress cannot be recorded.")


class AttemptLimitReached(CourseError):
    message = _("You have used all attempts for this quiz.")


class InvalidAnswer(CourseError):
    message = _("The submitted answers do not belong to this quiz. Please reload the page and "
                "answer again.")


class QuizChanged(CourseError):
    message = _("This quiz was changed while you were answering. Please answer the current "
                "version.")


class InvalidTransition(CourseError):
    message = _("This change of status is not possible.")
