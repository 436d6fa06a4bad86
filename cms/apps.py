from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Website")

    def ready(self):
        # late import: the receivers use models, which exist once the app registry is ready
        from cms import signals

        signals.connect()
