"""Home page: live key figures and the latest published records."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from essaim.annuaire.enums import StatutStructure
from essaim.annuaire.models import Structure, Transition
from essaim.annuaire.reference import charger
from essaim.annuaire.tests.factories import StructureFactory
from essaim.appels.tests.factories import AppelFactory
from essaim.conference.models import Evenement
from essaim.conference.tests.factories import AtelierFactory, ConferenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vocabulaires(db):
    charger()


def _chiffre(contenu, cle):
    import re

    return re.search(rf'data-chiffre="{cle}">([^<]*)<', contenu).group(1)


def test_l_accueil_montre_les_chiffres_vivants_et_les_dernieres_fiches(client):
    ecologique = Transition.objects.get(code="ecologique")
    for n in range(3):
        StructureFactory(nom=f"Publiée {n}").transitions.add(ecologique)
    StructureFactory(nom="Brouillon caché", statut=StatutStructure.BROUILLON).transitions.add(ecologique)
    derniere = StructureFactory(nom="La toute dernière")
    Structure.objects.filter(pk=derniere.pk).update(publiee_le=timezone.now() + datetime.timedelta(minutes=1))
    conference = ConferenceFactory(annee=timezone.localdate().year + 1)
    AtelierFactory(conference=conference)
    AtelierFactory(conference=conference, date=datetime.date(2020, 1, 1))  # past: not counted
    Evenement.objects.create(
        conference=conference, type="lancement", titre="Lancement", date=conference.date_debut
    )
    AppelFactory(titre="Appel ouvert")
    AppelFactory(titre="Appel clos", cloture=timezone.now() - datetime.timedelta(days=1))
    AppelFactory(titre="Appel en préparation", publie=False)
    cache.clear()

    contenu = client.get("/").content.decode()
    assert _chiffre(contenu, "fiches") == "4"
    assert "structures publiées dans l'annuaire" in contenu
    assert _chiffre(contenu, "ateliers") == "1" and _chiffre(contenu, "evenements") == "1"
    assert _chiffre(contenu, "appels") == "1"
    assert 'data-transition="ecologique">3<' in contenu
    dernieres = contenu.split('id="titre-dernieres"')[1]
    assert dernieres.index("La toute dernière") < dernieres.index("Publiée 0")
    assert "Brouillon caché" not in contenu
