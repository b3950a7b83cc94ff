from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = _("Clinic")

    def ready(self):
        # Imported here, not at the top: these need the models, loaded after this module.
        from clinic import (
            hooks,
            mail,
            middleware_sessions,  # noqa: F401 - connects the login signals
        )
        from clinic.access_log import connect_signals
        from clinic.models import OutgoingMail

        hooks.register_mail_link(OutgoingMail.Kind.PASSWORD_RESET, mail.password_reset_path)
        connect_signals()
