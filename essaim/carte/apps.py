from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarteConfig(AppConfig):
    name = "essaim.carte"
    verbose_name = _("Carte")
    module_public = {
        "titre": _("Carte"),
        "url": "carte:carte",
        "description": _(
            "Toutes les structures de l'ESS en transition sur une carte, avec recherche, filtres et "
            "liste accessible."
        ),
        "ordre": 15,
    }

    def ready(self):
        from . import signals  # noqa: F401
