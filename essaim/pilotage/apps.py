from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotageConfig(AppConfig):
    name = "essaim.pilotage"
    verbose_name = _("Pilotage")
    demo = "essaim.pilotage.demo.charger"
    module_public = {
        "titre": _("Orientations stratégiques"),
        "url": "pilotage:liste",
        "description": _(
            "Les plans de la CRESS : priorités, objectifs, indicateurs suivis dans le temps, bilans annuels."
        ),
        "ordre": 70,
    }

    def ready(self):
        from . import rgpd  # noqa: F401  (personal data)
