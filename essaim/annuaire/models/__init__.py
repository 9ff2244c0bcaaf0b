"""Records of the collaborative directory: organisations (``Structure``), their places
(``Lieu``), the vocabularies they are tagged with, and the collaborative flows around them
(claims, reports, pending edits, moderation settings, imports).

Integration contract with ``essaim.carte`` (map / search / API / open data, issue 5):
``essaim.carte`` keeps its own denormalised search and map index in sync by listening to
``post_save`` / ``post_delete`` on ``Structure`` (and ``m2m_changed`` on ``Structure.themes``,
``Structure.transitions``, ``Structure.agrements``). This app therefore always saves
structures through ``Model.save()`` (never ``QuerySet.update()``) when public data change,
including when the principal ``Lieu`` changes and its commune / région / coordinates are
copied onto the structure (see ``signals.py``). This app does not build search, map, API
or open-data exports itself.
"""

from .demandes import (
    Demande,
    ImportStructures,
    ModificationEnAttente,
    PaireNonDoublon,
    ReglageRegion,
    Revendication,
    Signalement,
)
from .structures import SLUGS_RESERVES, Gestion, Lieu, Structure, StructureQuerySet, _chemin_logo
from .vocabulaires import Agrement, Theme, Transition

__all__ = [
    "SLUGS_RESERVES",
    "Agrement",
    "Demande",
    "Gestion",
    "ImportStructures",
    "Lieu",
    "ModificationEnAttente",
    "PaireNonDoublon",
    "ReglageRegion",
    "Revendication",
    "Signalement",
    "Structure",
    "StructureQuerySet",
    "Theme",
    "Transition",
    "_chemin_logo",
]
