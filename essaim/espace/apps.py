from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EspaceConfig(AppConfig):
    name = "essaim.espace"
    verbose_name = _("Mon espace")
