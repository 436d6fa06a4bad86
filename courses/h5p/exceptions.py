"""Domain errors of H5P: each carries whole sentences for the person who sees them."""

from django.utils.translation import gettext_lazy as _

from courses.exceptions import CourseError


class AttemptRefused(CourseError):
    """No genuine, current attempt token for this use; `message` says why, as a sentence."""

    def __init__(self, message: str):
        super().__init__(message)


class PackageRefused(CourseError):
    """The package was not imported; `problems` holds every reason as a sentence."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class StatementInvalid(CourseError, ValueError):
    """The statement cannot be used; `message` says why, as a sentence for the learner."""

    default_message = _("The result could not be read.")


class UserDataInvalid(CourseError, ValueError):
    """The saved state cannot be stored; `message` says why, as a sentence for the learner."""

    default_message = _("The state of the exercise could not be saved.")
