from django.apps import AppConfig


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core.exports import spreadsheet_exports_neutralise

        spreadsheet_exports_neutralise()
