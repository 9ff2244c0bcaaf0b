"""Entering measures and indicators: bad input gets French messages naming the field, nothing is
overwritten without history, concurrent corrections are refused."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from essaim.comptes.tests.factories import charge_de_mission
from essaim.pilotage import periodes
from essaim.pilotage.enums import TypeValeur
from essaim.pilotage.models import Indicateur, Mesure
from essaim.pilotage.services import mesures
from essaim.pilotage.services.validation import lire_valeur

from . import factories

pytestmark = pytest.mark.django_db


def test_periodes_et_bornes():
    assert periodes.bornes("2024-S2", "semestrielle") == (
        datetime.date(2024, 7, 1),
        datetime.date(2024, 12, 31),
    )
    assert periodes.bornes("2024-T1", "trimestrielle") == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 3, 31),
    )
    assert periodes.periodes(2024, 2025, "semestrielle") == ["2024-S1", "2024-S2", "2025-S1", "2025-S2"]
    with pytest.raises(periodes.PeriodeInvalide, match="exemple : 2024-T3"):
        periodes.analyser("2024-S1", "trimestrielle")


@pytest.mark.parametrize(
    "texte,type_valeur,attendu",
    [
        ("1 234", TypeValeur.NOMBRE, Decimal(1234)),
        ("45,5 %", TypeValeur.POURCENTAGE, Decimal("45.5")),
        ("12 000 €", TypeValeur.MONTANT, Decimal(12000)),
        ("-3,25", TypeValeur.DECIMAL, Decimal("-3.25")),
    ],
)
def test_valeurs_saisies_a_la_francaise(texte, type_valeur, attendu):
    assert lire_valeur(texte, type_valeur, "réseaux") == attendu


@pytest.mark.parametrize(
    "texte,type_valeur,message",
    [
        (
            "45 %",
            TypeValeur.NOMBRE,
            "Valeur : « 45 % » est un pourcentage, or cet indicateur se mesure en réseaux.",
        ),
        ("120", TypeValeur.POURCENTAGE, "Valeur : 120 % est hors des bornes d'un pourcentage (de 0 à 100)."),
        ("2,5", TypeValeur.NOMBRE, "Valeur : 2,5 n'est pas un nombre entier de réseaux."),
        ("-4", TypeValeur.NOMBRE, "Valeur : -4 est négatif"),
        ("douze", TypeValeur.NOMBRE, "Valeur : « douze » n'est pas un nombre."),
        ("10 €", TypeValeur.NOMBRE, "est un montant en euros"),
        ("1e20", TypeValeur.DECIMAL, "invraisemblable"),
    ],
)
def test_valeurs_refusees_avec_un_message_nommant_le_champ(texte, type_valeur, message):
    with pytest.raises(ValidationError) as erreur:
        lire_valeur(texte, type_valeur, "réseaux")
    assert message in erreur.value.messages[0]


def test_periode_hors_du_plan_et_doublon_refuses_puis_correction_avec_historique():
    _p, _o, ind = factories.arbre_simple()
    staff = charge_de_mission("28")
    with pytest.raises(ValidationError) as erreur:
        mesures.saisir(ind, "2030", Decimal(12), par=staff)
    assert "Période : « 2030 » est hors du plan, qui couvre 2024 à 2026." in erreur.value.messages
    mesure = mesures.saisir(ind, "2024", Decimal(12), par=staff, commentaire="Premier relevé")
    with pytest.raises(ValidationError) as erreur:
        mesures.saisir(ind, "2024", Decimal(13), par=staff)
    assert "Période : une mesure existe déjà pour 2024" in erreur.value.message_dict["periode"][0]
    assert Mesure.objects.get(pk=mesure.pk).valeur == 12  # untouched
    mesures.saisir(ind, "2024", Decimal(14), par=staff, version=mesure.version)
    mesure.refresh_from_db()
    assert mesure.valeur == 14 and mesure.version == 2
    assert [h.valeur for h in mesure.history.order_by("history_date")] == [12, 14]
    assert mesure.history.first().history_user == staff
    # A correction that started from the old version is refused: nothing overwritten in silence.
    with pytest.raises(mesures.ConflitMesure):
        mesures.saisir(ind, "2024", Decimal(99), par=staff, version=1)
    assert Mesure.objects.get(pk=mesure.pk).valeur == 14


def test_date_de_cible_avant_la_reference_et_cible_hors_bornes():
    p, o, _ind = factories.arbre_simple()
    mauvais = Indicateur(
        objectif=o,
        plan=p,
        code="taux",
        libelle="Taux",
        unite="%",
        type_valeur=TypeValeur.POURCENTAGE,
        date_reference=datetime.date(2025, 1, 1),
        date_cible=datetime.date(2024, 12, 31),
        cible=Decimal(140),
    )
    with pytest.raises(ValidationError) as erreur:
        mauvais.full_clean()
    assert (
        "Date de la cible : le 31/12/2024 ne vient pas après la date de la référence (01/01/2025)."
        in (erreur.value.message_dict["date_cible"])
    )
    assert "hors des bornes d'un pourcentage" in erreur.value.message_dict["cible"][0]
    doublon = Indicateur(objectif=o, plan=p, code="reseaux", libelle="Autre", unite="x")
    with pytest.raises(ValidationError) as erreur:
        doublon.full_clean()
    assert (
        "Code : « reseaux » est déjà celui d'un autre indicateur de ce plan."
        in erreur.value.message_dict["code"]
    )


def test_un_indicateur_automatique_ne_se_saisit_pas_et_demande_un_calcul_connu():
    p, o, _ind = factories.arbre_simple()
    auto = factories.automatique(o)
    with pytest.raises(ValidationError, match="calculé automatiquement"):
        mesures.saisir(auto, "2024", Decimal(3), par=None)
    inconnu = Indicateur(
        objectif=o, plan=p, code="x", libelle="X", unite="x", mode="automatique", calcul="nimporte"
    )
    with pytest.raises(ValidationError) as erreur:
        inconnu.full_clean()
    assert "Calcul : Calcul inconnu : « nimporte »." in erreur.value.message_dict["calcul"]


def test_mesures_dues_et_retards():
    _p, _o, ind = factories.arbre_simple()
    dues = mesures.dues(Indicateur.objects.filter(pk=ind.pk), datetime.date(2026, 3, 1))
    assert [(d.periode, d.en_retard) for d in dues] == [("2024", True), ("2025", True)]
    mesures.saisir(ind, "2024", Decimal(11), par=None)
    dues = mesures.dues(Indicateur.objects.filter(pk=ind.pk), datetime.date(2026, 1, 10))
    assert [(d.periode, d.en_retard) for d in dues] == [("2025", False)]
