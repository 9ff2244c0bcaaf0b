from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdherentsConfig(AppConfig):
    name = "essaim.adherents"
    verbose_name = _("Adhérents de la CRESS")
    demo = "essaim.adherents.demo.charger"

    def ready(self):
        from essaim.commun import encarts

        from . import rules  # noqa: F401
        from .services import badges_fiche

        encarts.enregistrer("annuaire.fiche.badges", badges_fiche)
