from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PatientsConfig(AppConfig):
    name = "patients"
    verbose_name = _("Patients")

    def ready(self):
        # Imported here, not at the top: the app's modules need the models, loaded after this.
        from patients.hooks import register

        register()
