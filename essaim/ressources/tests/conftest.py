import pytest

from essaim.annuaire.reference import charger
from essaim.comptes.enums import Role
from essaim.comptes.tests.factories import UtilisateurFactory, administrateur, charge_de_mission, partenaire


@pytest.fixture
def vocabulaires(db):
    charger()


def construire_profils() -> dict:
    """One account per profile of the permission matrix."""
    return {
        "proposant": UtilisateurFactory(email="gaelle@recyclerie-lille.fr", role=Role.GESTIONNAIRE),
        "autre": UtilisateurFactory(email="autre@ailleurs.fr", role=Role.GESTIONNAIRE),
        "staff_hdf": charge_de_mission("32", email="camille@cress-hdf.fr"),
        "staff_normandie": charge_de_mission("28", email="noe@cress-normandie.fr"),
        "partenaire_hdf": partenaire("32", email="ademe@exemple.fr"),
        "admin": administrateur(email="admin@essaim.local"),
    }


@pytest.fixture
def profils(db):
    return construire_profils()


@pytest.fixture
def proposant(profils):
    return profils["proposant"]


@pytest.fixture
def staff_hdf(profils):
    return profils["staff_hdf"]


@pytest.fixture
def staff_normandie(profils):
    return profils["staff_normandie"]


@pytest.fixture(autouse=True)
def _liens_enregistres():
    """No test checks a real link: recorded answers, any other URL unreachable (offline)."""
    from ..providers.faux import liens_enregistres

    with liens_enregistres() as faux:
        yield faux
