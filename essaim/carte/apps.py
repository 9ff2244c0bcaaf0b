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
        from django.db.models.signals import pre_migrate

        from . import signals  # noqa: F401

        pre_migrate.connect(_noms_index_du_modele, sender=self)


def _noms_index_du_modele(sender, using="default", **kwargs):
    """Give the map index's SQLite indexes back their model names before migrations run
    (a rebuild beside the live tables leaves them as ``<nom>__neuf``)."""
    from django.db import connections

    connexion = connections[using]
    if connexion.vendor != "sqlite" or "carte_pointcarte" not in connexion.introspection.table_names():
        return
    from .services.echange import normaliser_noms_index

    with connexion.cursor() as curseur:
        normaliser_noms_index(curseur)
