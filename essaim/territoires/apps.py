from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoiresConfig(AppConfig):
    name = "essaim.territoires"
    verbose_name = _("Territoires")
    reference = "essaim.territoires.services.charger_reference"
