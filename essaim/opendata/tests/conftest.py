import pytest


@pytest.fixture(autouse=True)
def _bits_neufs():
    # Code bits are cached per process; each test's database starts without them.
    from essaim.carte.services import codes

    codes.vider_cache()
    yield
    codes.vider_cache()


@pytest.fixture
def vocabulaires(db):
    from essaim.annuaire.reference import charger

    charger()
