"""Errors of assignments; each carries a message a coordinator can read."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class AssignmentInvalid(DomainError):
    default_message = _("The assignment could not be saved. Please check your entries.")


class AssignmentOutsideScope(AssignmentInvalid):
    default_message = _("You may only assign courses to people and units within your "
                        "coordination scope.")
