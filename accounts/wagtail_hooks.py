"""Admin screens for accounts: the organisation-unit tree, the audit-log actions."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.admin_users import AccountAssignRoleBulkAction, AccountSetActiveStateBulkAction
from accounts.audit import AUDIT_ACTIONS
from accounts.models import OrgUnit


class OrgUnitViewSet(SnippetViewSet):
    model = OrgUnit
    icon = "group"
    menu_label = _("Organisation units")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind", "parent", "code"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "code"]
    panels = [FieldPanel("name"), FieldPanel("short_name"), FieldPanel("code"),
              FieldPanel("kind"), FieldPanel("parent")]


register_snippet(OrgUnitViewSet)


@hooks.register("register_log_actions")
def register_audit_log_actions(actions):
    for action, (label, message) in AUDIT_ACTIONS.items():
        actions.register_action(action, label, message)


# Registered after Wagtail's own user bulk actions (higher order), so these replace them:
# "assign role" offers only grantable roles and goes through user_roles_change.
hooks.register("register_bulk_action", AccountAssignRoleBulkAction, order=100)
hooks.register("register_bulk_action", AccountSetActiveStateBulkAction, order=100)
