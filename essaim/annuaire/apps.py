from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnuaireConfig(AppConfig):
    name = "essaim.annuaire"
    verbose_name = _("Annuaire")
