from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RessourcesConfig(AppConfig):
    name = "essaim.ressources"
    verbose_name = _("Ressources")
    demo = "essaim.ressources.demo.charger"
    module_public = {
        "titre": _("Ressources"),
        "url": "ressources:liste",
        "description": _(
            "Outils, guides, études, textes, dispositifs, podcasts et projets inspirants pour les "
            "transitions de l'ESS, enrichis à chaque conférence."
        ),
        "ordre": 45,
    }

    def ready(self):
        from . import jeux, rgpd, signals  # noqa: F401  (dataset, personal data, conference feed)
