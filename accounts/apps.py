from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts and organisation")

    def ready(self):
        # late import: the receivers' modules use models, which exist once the registry is ready
        from accounts.audit import admin_login_record
        from accounts.data_rights.tasks import daily_schedule_ensure_handler  # late import: idem
        from accounts.role_permissions import roles_sync_permissions_handler  # late import: idem

        # Permissions only exist after migrate has run; grant them to the role groups then.
        post_migrate.connect(roles_sync_permissions_handler,
                             dispatch_uid="accounts_roles_sync_permissions")
        user_logged_in.connect(admin_login_record, dispatch_uid="accounts_admin_login_audit")
        # The daily retention run (accounts.data_rights) is a django-q2 schedule.
        post_migrate.connect(daily_schedule_ensure_handler, sender=self,
                             dispatch_uid="accounts_data_retention_schedule")


class AccountsUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user and group admin: our fields, the role-granting rules, audited changes."""

    user_viewset = "accounts.admin_users.UserViewSet"
    group_viewset = "accounts.admin_groups.GroupViewSet"
