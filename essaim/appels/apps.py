from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppelsConfig(AppConfig):
    name = "essaim.appels"
    verbose_name = _("Appels à candidatures")
