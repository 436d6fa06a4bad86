"""Domain errors of the accounts app; each carries a message the acting person can read."""

from django.utils.translation import gettext_lazy as _


class AccountsError(Exception):
    message = _("The action could not be completed.")

    def __init__(self, message=None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class RoleChangeForbidden(AccountsError):
    """The actor may not make this change to a person's roles, scope or admin rights."""

    message = _("You are not allowed to make this change to the person's roles.")
