from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunConfig(AppConfig):
    name = "essaim.commun"
    verbose_name = _("Commun")

    def ready(self):
        from .convertisseurs import enregistrer

        enregistrer()
