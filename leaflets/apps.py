from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeafletsConfig(AppConfig):
    name = "leaflets"
    verbose_name = _("Leaflets")

    def ready(self):
        # Imported here, not at the top: the app's modules need the models, loaded after this.
        from leaflets.hooks import register

        register()
