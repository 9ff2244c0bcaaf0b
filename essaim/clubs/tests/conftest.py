import pytest

from essaim.comptes.tests.factories import UtilisateurFactory, charge_de_mission, partenaire

from .factories import ClubFactory, RencontreFactory, membre


@pytest.fixture
def animateur(db):
    return charge_de_mission("32", email="animatrice@exemple.fr")


@pytest.fixture
def club(animateur):
    return ClubFactory(animateur=animateur)


@pytest.fixture
def gestionnaire_membre(club):
    compte = UtilisateurFactory(email="membre@exemple.fr", first_name="Gaëlle", last_name="Membre")
    membre(club, gestionnaire=compte)
    return compte


@pytest.fixture
def autre_gestionnaire(db):
    from essaim.annuaire.tests.factories import StructureFactory

    compte = UtilisateurFactory(email="autre@exemple.fr")
    StructureFactory(nom="Ressourcerie d'Amiens", gestionnaires=[compte], commune="80021")
    return compte


@pytest.fixture
def staff_normandie(db):
    return charge_de_mission("28")


@pytest.fixture
def partenaire_hdf(db):
    return partenaire("32")


@pytest.fixture
def rencontre(club):
    return RencontreFactory(club=club)
