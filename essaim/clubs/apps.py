from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClubsConfig(AppConfig):
    name = "essaim.clubs"
    verbose_name = _("Clubs Busin'ESS #Filières")
    module_public = {
        "titre": _("Clubs Busin'ESS #Filières"),
        "url": "clubs:liste",
        "description": _(
            "Des espaces de mise en réseau, d'inspiration et d'outillage par filière : rencontres, "
            "besoins et offres entre structures membres."
        ),
        "ordre": 75,
    }
    reference = "essaim.clubs.reference.charger"
    demo = "essaim.clubs.demo.charger"

    def ready(self):
        from essaim.opendata.registre import enregistrer

        from . import rgpd, rules  # noqa: F401  (personal-data section, permissions)
        from .opendata import JEU_CLUBS

        enregistrer(JEU_CLUBS)
