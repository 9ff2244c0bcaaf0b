"""Test settings: the same as development, with fast hashing and synchronous tasks."""

import hashlib
import os
import tempfile
from pathlib import Path

from . import *  # noqa: F403
from . import DATABASES


def _var_dir_de_test() -> str:
    """A var/ of its own for this checkout, this database and this pytest-xdist worker.

    Several checkouts of the project run their tests on the same machine, the SQLite and
    PostgreSQL runs of `make test` overlap and xdist workers run side by side: none may share
    files (media, static, the SQLite file) with another. ESSAIM_VAR_DIR, when set, is the parent.
    A subprocess started by a test inherits the folder resolved here (ESSAIM_TEST_VAR_DIR).
    """
    travailleur = os.environ.get("PYTEST_XDIST_WORKER", "")
    if os.environ.get("ESSAIM_TEST_VAR_DIR") and os.environ.get("ESSAIM_TEST_TRAVAILLEUR") == travailleur:
        return os.environ["ESSAIM_TEST_VAR_DIR"]
    projet = Path(__file__).resolve().parents[2]
    parent = os.environ.get("ESSAIM_VAR_DIR") or tempfile.gettempdir()
    cle = f"{projet}|{os.environ.get('DATABASE_URL', 'sqlite')}"
    dossier = Path(parent) / f"essaim-test-{hashlib.sha256(cle.encode()).hexdigest()[:12]}"
    if travailleur:
        dossier /= travailleur
    os.environ["ESSAIM_TEST_VAR_DIR"] = str(dossier)
    os.environ["ESSAIM_TEST_TRAVAILLEUR"] = travailleur
    return str(dossier)


# The package's settings were computed before this module ran: derive again what lives in var/.
VAR_DIR = Path(_var_dir_de_test())
VAR_DIR.mkdir(parents=True, exist_ok=True)
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
if DATABASES["default"]["ENGINE"] in ("django.db.backends.sqlite3", "essaim.commun.sqlite"):
    DATABASES["default"]["NAME"] = str(VAR_DIR / "essaim.sqlite3")
    # The test database stays in memory, as with Django's own SQLite engine: pytest-django
    # recognises only that engine by name, and would otherwise suffix the file path itself
    # ("test_/tmp/…_gw0") under xdist.
    DATABASES["default"].setdefault("TEST", {})["NAME"] = ":memory:"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = VAR_DIR / "media"
ESSAIM_PRIVE_ROOT = VAR_DIR / "prive"
ESSAIM_DONNEES_DEMO = False
LANGUAGE_CODE = "fr"
