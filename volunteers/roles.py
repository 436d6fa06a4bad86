"""Permissions the roles hold on this app's models in the admin (collected by accounts)."""

from accounts.roles import Role
from volunteers.seminar_days.roles import SEMINAR_ROLE_PERMISSIONS
from volunteers.service.roles import SERVICE_ROLE_PERMISSIONS

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COORDINATOR: [
        *[f"volunteers.{action}_{model}" for model in (
            "programmeyear", "startdate", "hostorganisation", "placement", "emailtemplate")
          for action in ("view", "add", "change")],
        "volunteers.view_application", "volunteers.change_application",
        # matching proposals: run (add), review and change assignments, approve (change)
        "volunteers.view_matchingrun", "volunteers.add_matchingrun",
        "volunteers.change_matchingrun",
        *SEMINAR_ROLE_PERMISSIONS,  # seminar plan, groups, rules, attendance, reports
        *SERVICE_ROLE_PERMISSIONS,  # services, agreement templates, pocket money and leave
    ],
}
