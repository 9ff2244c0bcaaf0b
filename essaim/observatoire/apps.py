from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ObservatoireConfig(AppConfig):
    name = "essaim.observatoire"
    verbose_name = _("Observatoire")
    module_public = {
        "titre": _("Observatoire"),
        "url": "observatoire:accueil",
        "description": _(
            "Les chiffres clés de l'ESS par territoire, famille et secteur, et la liste légale des "
            "entreprises de l'ESS."
        ),
        "ordre": 40,
    }
    reference = "essaim.observatoire.services.domaines.charger_reference"
    demo = "essaim.observatoire.demo.charger"

    def ready(self):
        from .opendata import enregistrer_jeux

        enregistrer_jeux()
