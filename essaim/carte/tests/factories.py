"""Published structures placed in real communes of the COG, indexed by the signals."""

import itertools

from essaim.annuaire.enums import StatutStructure
from essaim.annuaire.models import Agrement, Structure, Theme, Transition
from essaim.territoires.models import Commune

_compteur = itertools.count(1)


def structure(
    nom=None,
    commune="59350",
    latitude=50.6292,
    longitude=3.0573,
    themes=(),
    transitions=(),
    agrements=(),
    statut=StatutStructure.PUBLIEE,
    **champs,
) -> Structure:
    c = Commune.objects.get(code=commune) if commune else None
    s = Structure.objects.create(
        nom=nom or f"Structure {next(_compteur)}",
        statut=statut,
        commune=c,
        region_id=c.region_id if c else None,
        latitude=latitude,
        longitude=longitude,
        **champs,
    )
    if themes:
        s.themes.set(Theme.objects.filter(code__in=themes))
    if transitions:
        s.transitions.set(Transition.objects.filter(code__in=transitions))
    if agrements:
        s.agrements.set(Agrement.objects.filter(code__in=agrements))
    return s
