from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = _("Clinic")

    def ready(self):
        from clinic import hooks, mail
        from clinic.models import OutgoingMail

        hooks.register_mail_link(OutgoingMail.Kind.PASSWORD_RESET, mail.password_reset_path)
