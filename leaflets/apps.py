from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeafletsConfig(AppConfig):
    name = "leaflets"
    verbose_name = _("Leaflets")
