from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccompagnementConfig(AppConfig):
    name = "essaim.accompagnement"
    verbose_name = _("Accompagnement")
    module_public = {
        "titre": _("Territoires accompagnés"),
        "url": "accompagnement:territoires",
        "description": _(
            "La politique ESS de chaque EPCI de la région, les territoires pilotes et leurs projets."
        ),
        "ordre": 70,
    }
    demo = "essaim.accompagnement.demo.charger"

    def ready(self):
        from essaim.appels.extensions import enregistrer_liens
        from essaim.observatoire.extensions import enregistrer_section

        from . import opendata, rgpd, signals  # noqa: F401
        from .services.suivis import lien_vers_le_suivi
        from .services.territoires import section_epci

        enregistrer_section(section_epci)
        enregistrer_liens(lien_vers_le_suivi)
