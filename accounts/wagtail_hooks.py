"""Admin screens for accounts: the organisation-unit tree, the audit-log actions."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.permissions import page_permission_policy, register_permission_policy
from wagtail.snippets.models import register_snippet

from accounts.admin_users import AccountAssignRoleBulkAction, AccountSetActiveStateBulkAction
from accounts.audit import AUDIT_ACTIONS, audit_scope_register, audit_users_in_scope
from accounts.models import OrgUnit, User
from accounts.permissions import (
    CheckedSnippetViewSet,
    ScopedWritePermissionPolicy,
    ScopedWriteViewSetMixin,
)
from accounts.selectors import orgunits_in_scope

# Every coordinator reads all units; a limited one changes only those in their scope.
register_permission_policy(OrgUnit, ScopedWritePermissionPolicy(
    OrgUnit, scope=lambda user, queryset: orgunits_in_scope(user=user, units=queryset)),
    exact_class=True)


class OrgUnitViewSet(ScopedWriteViewSetMixin, CheckedSnippetViewSet):
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


audit_scope_register(User, audit_users_in_scope)


class AuditLogMenuItem(MenuItem):
    """Wagtail lists its site history (our audit log) only for people who can explore
    pages; coordinators, who manage accounts, applications and certificates, get this
    entry instead. The report shows each person only entries about things they may manage.
    """

    def is_shown(self, request):
        return (request.user.has_perm("accounts.view_user")
                and page_permission_policy.explorable_root_instance(request.user) is None)


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    return AuditLogMenuItem(_("Audit log"), reverse("wagtailadmin_reports:site_history"),
                            name="audit-log", icon_name="history", order=1001)


# Registered after Wagtail's own user bulk actions (higher order), so these replace them:
# "assign role" offers only grantable roles and goes through user_roles_change.
hooks.register("register_bulk_action", AccountAssignRoleBulkAction, order=100)
hooks.register("register_bulk_action", AccountSetActiveStateBulkAction, order=100)

# Data rights: deleting an account on request, from the user listing.
from accounts.data_rights import wagtail_hooks as _data_rights_hooks  # noqa: E402, F401
from accounts.roster import wagtail_hooks as _roster_hooks  # noqa: E402, F401
from accounts.two_factor import wagtail_hooks as _two_factor_hooks  # noqa: E402, F401
