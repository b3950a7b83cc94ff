from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _create_cache_table(*, using, verbosity=1, **kwargs):
    """Without Redis, production caches in a database table; `migrate` makes sure it exists."""
    call_command("createcachetable", database=using, verbosity=verbosity)


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
        post_migrate.connect(_create_cache_table, sender=self)
