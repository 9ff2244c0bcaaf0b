from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarteConfig(AppConfig):
    name = "essaim.carte"
    verbose_name = _("Carte")
