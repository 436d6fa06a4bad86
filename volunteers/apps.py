from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class VolunteersConfig(AppConfig):
    name = "volunteers"
    verbose_name = _("Freiwilliges Digitales Jahr")

    def ready(self):
        # What the app holds about a person, for their data export and account deletion.
        from accounts.data_rights.registry import data_rights_register  # late import: models
        from volunteers import data_rights  # late import: models

        data_rights_register("volunteers", export=data_rights.volunteers_export,
                             erase=data_rights.volunteers_erase,
                             keeps=data_rights.volunteers_keeps)
        # The daily retention run (anonymised applications, expired service records).
        from volunteers.retention import services as retention  # late import: models

        post_migrate.connect(retention.daily_schedule_ensure_handler, sender=self,
                             dispatch_uid="volunteers_retention_schedule")
        # The daily start and end of services whose first or last day has come.
        from volunteers.service import tasks as service_tasks  # late import: models

        post_migrate.connect(service_tasks.services_due_schedule_ensure_handler, sender=self,
                             dispatch_uid="volunteers_services_due_schedule")
