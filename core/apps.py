from django.apps import AppConfig


class CoreConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "core"
    verbose_name = "Core"

    def ready(self):
        # late import: Wagtail's admin views, patched there, need the ready app registry
        from core.exports import spreadsheet_exports_neutralise

        spreadsheet_exports_neutralise()
