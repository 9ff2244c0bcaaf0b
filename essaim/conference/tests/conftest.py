import pytest

from essaim.comptes.enums import Role

from .factories import AtelierFactory, ConferenceFactory, utilisateur


@pytest.fixture
def conference(db):
    return ConferenceFactory()


@pytest.fixture
def atelier(conference):
    return AtelierFactory(conference=conference)


@pytest.fixture
def staff_hdf(db):
    return utilisateur(Role.CHARGE_MISSION, regions=["32"])


@pytest.fixture
def staff_normandie(db):
    return utilisateur(Role.CHARGE_MISSION, regions=["28"])


@pytest.fixture
def partenaire_hdf(db):
    return utilisateur(Role.PARTENAIRE, regions=["32"])


@pytest.fixture
def organisateur(atelier):
    compte = utilisateur(Role.GESTIONNAIRE)
    atelier.responsables.add(compte)
    return compte
