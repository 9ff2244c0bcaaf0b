from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    name = "essaim.opendata"
    verbose_name = _("Données ouvertes")
    module_public = {
        "titre": _("Données ouvertes"),
        "url": "opendata:index",
        "description": _(
            "Téléchargez les données de l'annuaire (CSV, XLSX, GeoJSON, JSON) sous Licence Ouverte."
        ),
        "ordre": 60,
    }

    def ready(self):
        from . import jeux  # noqa: F401  (registers the datasets)
