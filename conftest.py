"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _cache_vide():
    # Rate limits live in the cache: each test starts with none spent.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real COG once per test session (35,000 communes, a few seconds)."""
    from essaim.territoires.services import charger_territoires

    with django_db_blocker.unblock():
        charger_territoires()
