"""Every whole-number field a person can fill has a plausible upper bound (issue 13 §2.10).

Walks the models: a new count field without bounds fails here until it gets
``validators=entre(...)`` (essaim/commun/bornes.py) or is listed below as never typed by anyone.
"""

import pytest
from django.apps import apps
from django.core.validators import MaxValueValidator
from django.db import models

from essaim.commun.bornes import ENTIER_MAX, entre

# Filled by the code, never by a person (or with their own bounds elsewhere).
CALCULES = {
    "annuaire.Structure.version",
    "annuaire.ModificationEnAttente.version_base",
    "appels.PieceJointe.taille",
    "commun.Travail.fait",
    "commun.Travail.total",
    "ressources.Ressource.version",
    "territoires.EPCI.population",
    "territoires.Commune.population",
}


def _champs_entiers():
    for modele in apps.get_models():
        if not modele.__module__.startswith("essaim.") or modele.__name__.startswith("Historical"):
            continue
        if modele._meta.app_label in {"carte", "observatoire"} and modele.__name__ != "ChiffreImporte":
            continue  # the map index and SIRENE aggregates are computed, never typed
        for champ in modele._meta.get_fields():
            if (
                isinstance(champ, models.IntegerField)
                and not isinstance(champ, models.AutoField)
                and not champ.is_relation
                and champ.editable
                and not champ.primary_key
                and not champ.choices  # a choice list is its own bound (form and model validation)
            ):
                yield f"{modele._meta.app_label}.{modele.__name__}.{champ.name}", champ


def test_every_count_a_person_fills_has_a_plausible_maximum():
    sans_borne = []
    vus = set()
    for nom, champ in _champs_entiers():
        vus.add(nom)
        if nom in CALCULES:
            continue
        maxima = [v.limit_value for v in champ._validators if isinstance(v, MaxValueValidator)]
        if not maxima or min(maxima) > ENTIER_MAX:
            sans_borne.append(nom)
    assert sans_borne == []
    assert "conference.Atelier.participants_declares" in vus


def test_the_bound_message_is_french_and_names_the_limit():
    from django.core.exceptions import ValidationError

    minimum, maximum = entre(0, 100_000)
    with pytest.raises(ValidationError) as erreur:
        maximum(9_223_372_036_854_775_807)
    assert erreur.value.messages == ["Valeur invraisemblable : au plus 100\u202f000."]
    with pytest.raises(ValidationError) as erreur:
        minimum(-1)
    assert erreur.value.messages == ["Valeur trop petite : au moins 0."]
