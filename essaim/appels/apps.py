from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppelsConfig(AppConfig):
    name = "essaim.appels"
    verbose_name = _("Appels à candidatures")
    module_public = {
        "titre": _("Appels à candidatures"),
        "url": "appels:liste",
        "description": _("Appels à projets et à contributions ouverts : candidatez en ligne."),
        "ordre": 50,
    }

    reference = "essaim.appels.reference.charger_modeles_email"
    demo = "essaim.appels.demo.charger_demo"

    def ready(self):
        from . import rgpd, signals  # noqa: F401
