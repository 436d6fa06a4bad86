"""Domain errors of the accounts app; each carries a message the acting person can read."""

from django.utils.translation import gettext_lazy as _

from core.errors import DomainError


class AccountsError(DomainError):
    default_message = _("The action could not be completed.")


class RoleChangeForbidden(AccountsError):
    """The actor may not make this change to a person's roles, scope or admin rights."""

    default_message = _("You are not allowed to make this change to the person's roles.")
