"""Domain errors of the service year; all are VolunteersError, so the programme's views
and admin screens show their message as they do for applications."""

from django.utils.translation import gettext_lazy as _

from core import state
from volunteers.exceptions import VolunteersError


class ServiceError(VolunteersError):
    default_message = _("The service cannot be changed like this.")


class InvalidServiceTransition(ServiceError, state.InvalidTransition):
    default_message = _("This step is not possible in the service's current state.")


class ServiceRuleBroken(ServiceError):
    """One or more statutory rules fail; `problems` holds each as a sentence."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(str(problem) for problem in problems))


class AgreementIncomplete(ServiceError):
    default_message = _("The service can start only when every party has signed the "
                        "agreement.")


class SignatureRefused(ServiceError):
    default_message = _("You cannot sign this agreement for this party.")
