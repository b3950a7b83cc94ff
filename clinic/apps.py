from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = _("Clinic")

    def ready(self):
        # Imported here, not at the top: the access log needs the models, loaded after this.
        from clinic.access_log import connect_signals

        connect_signals()
