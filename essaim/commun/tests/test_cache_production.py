"""Production rate limits count in a cache shared by every process (issue 13 §1)."""

import json

import pytest

from .processus import base_sqlite

pytestmark = [pytest.mark.processus, pytest.mark.une_fois]

CACHE = "from django.conf import settings; import json; print(json.dumps(settings.CACHES['default']))"

# One process of a production deployment (a gunicorn worker): 7 magic-link requests.
DEMANDES = """
from django.test import Client
c = Client(raise_request_exception=False)
passees = 0
for _ in range(7):
    r = c.post("/annuaire/cooperative-du-test/lien-de-modification/", {"email": "a@exemple.fr"}, secure=True)
    passees += r.status_code == 302 and r["Location"] == "/annuaire/cooperative-du-test/"
print(passees)
"""


def _production(tmp_path, preparee=False, **extra):
    extra = {"ALLOWED_HOSTS": "testserver", **extra}
    return base_sqlite(tmp_path, preparee=preparee, settings="essaim.settings.production", extra=extra)


def test_production_sans_redis_utilise_le_cache_en_base(tmp_path):
    cache = json.loads(_production(tmp_path).python(CACHE))
    assert cache["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_production_avec_redis_utilise_redis_et_son_prefixe(tmp_path):
    base = _production(tmp_path, REDIS_URL="redis://127.0.0.1:6379/3", CACHE_KEY_PREFIX="essai42")
    cache = json.loads(base.python(CACHE))
    assert cache == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/3",
        "KEY_PREFIX": "essai42",
    }


def test_la_limite_des_liens_magiques_compte_tous_les_processus_ensemble(tmp_path):
    """Three worker processes, 21 requests from one address: 5 pass (a 5/hour limit), not 15."""
    base = _production(tmp_path, preparee=True)
    base.python(
        "from essaim.annuaire.models import Structure\n"
        "Structure.objects.create(nom='Coopérative du test', slug='cooperative-du-test', statut='publiee',"
        " categorie_juridique='5458')"
    )
    passees = [int(base.python(DEMANDES)) for _ in range(3)]
    assert sum(passees) == 5, passees
