from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        # The modules use models, which exist once the registry is ready.
        from courses.assignments import receivers  # late import: see above
        from courses.reminders.tasks import daily_schedule_ensure_handler  # late import: idem
        from courses.seminars.tasks import hourly_schedule_ensure_handler  # late import: idem

        receivers.connect(self)
        from accounts.data_rights.registry import data_rights_register  # late import: idem
        from courses.data_rights import courses_erase, courses_export  # late import: idem

        data_rights_register("courses", export=courses_export, erase=courses_erase)
        # The daily reminder run is a django-q2 schedule; created once, kept on redeploys.
        post_migrate.connect(daily_schedule_ensure_handler, sender=self,
                             dispatch_uid="courses_daily_schedule")
        # Seminar offers that ran out, decided approvals, tomorrow's reminders: hourly.
        post_migrate.connect(hourly_schedule_ensure_handler, sender=self,
                             dispatch_uid="courses_seminars_hourly_schedule")
