from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        # What the app holds about a person, for their data export and account deletion.
        from accounts.data_rights.registry import data_rights_register  # late import: models
        from certificates import data_rights  # late import: models

        data_rights_register("certificates", export=data_rights.certificates_export,
                             erase=data_rights.certificates_erase,
                             keeps=data_rights.certificates_keeps)
