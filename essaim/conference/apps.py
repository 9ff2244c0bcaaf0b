from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferenceConfig(AppConfig):
    name = "essaim.conference"
    verbose_name = _("Conférence régionale")
    module_public = {
        "titre": _("Conférence régionale"),
        "url": "conference:liste",
        "description": _(
            "Les ateliers labellisés de la conférence régionale de l'ESS, leur agenda et le rapport."
        ),
        "ordre": 60,
    }
    demo = "essaim.conference.demo.charger"

    def ready(self):
        from essaim.appels.signals import candidature_decidee

        from . import rgpd  # noqa: F401  (registers the personal-data section)
        from .opendata import enregistrer_jeux
        from .services.appel import sur_candidature_decidee

        candidature_decidee.connect(sur_candidature_decidee, dispatch_uid="conference_labellisation")
        enregistrer_jeux()
