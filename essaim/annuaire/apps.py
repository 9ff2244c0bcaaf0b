from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnuaireConfig(AppConfig):
    name = "essaim.annuaire"
    verbose_name = _("Annuaire")
    reference = "essaim.annuaire.reference.charger"
    demo = "essaim.annuaire.demo.charger"
    module_public = {
        "titre": _("Annuaire"),
        "url": "annuaire:liste",
        "description": _(
            "Les structures de l'ESS engagées dans les transitions, renseignées par elles-mêmes."
        ),
        "ordre": 10,
    }

    def ready(self):
        from . import rgpd, signals  # noqa: F401
