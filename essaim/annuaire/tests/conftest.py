import pytest

from essaim.comptes.enums import Role
from essaim.territoires.models import Region

from ..reference import charger
from .factories import StructureFactory, UtilisateurFactory


@pytest.fixture(autouse=True)
def _vocabulaires(db):
    charger()


@pytest.fixture(autouse=True)
def _bits_neufs():
    # The search index caches its code bits per process; each test's database starts without them.
    from essaim.carte.services import codes

    codes.vider_cache()
    yield
    codes.vider_cache()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ESSAIM_PRIVE_ROOT = tmp_path / "prive"


@pytest.fixture
def hdf(db):
    return Region.objects.get(code="32")


@pytest.fixture
def normandie(db):
    return Region.objects.get(code="28")


@pytest.fixture
def proprietaire(db):
    return UtilisateurFactory(email="gaelle@recyclerie-lille.fr", role=Role.GESTIONNAIRE)


@pytest.fixture
def autre_proprietaire(db):
    return UtilisateurFactory(email="autre@ailleurs.fr", role=Role.GESTIONNAIRE)


@pytest.fixture
def staff_hdf(hdf):
    return UtilisateurFactory(email="camille@cress-hdf.fr", role=Role.CHARGE_MISSION, regions=[hdf])


@pytest.fixture
def staff_normandie(normandie):
    return UtilisateurFactory(email="noe@cress-normandie.fr", role=Role.CHARGE_MISSION, regions=[normandie])


@pytest.fixture
def partenaire_hdf(hdf):
    return UtilisateurFactory(email="paul@ademe.fr", role=Role.PARTENAIRE, regions=[hdf])


@pytest.fixture
def admin(db):
    return UtilisateurFactory(email="ada@essaim.fr", role=Role.ADMINISTRATEUR)


@pytest.fixture
def structure(proprietaire):
    return StructureFactory(
        nom="Recyclerie de Lille", site_web="https://www.recyclerie-lille.fr", gestionnaires=[proprietaire]
    )


@pytest.fixture
def structure_autre(autre_proprietaire):
    return StructureFactory(nom="Atelier vélo d'Amiens", commune="80021", gestionnaires=[autre_proprietaire])
