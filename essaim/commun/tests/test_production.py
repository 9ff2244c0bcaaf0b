"""Smoke test of the production stack, as `make serve` runs it.

In subprocesses, with ``essaim.settings.production``: migrate and a little demo data
(production_donnees.py), collectstatic with the manifest storage, gunicorn on a free loopback
port and the task worker (``manage.py db_worker``). Then real HTTP requests: the main pages,
a hashed static file, a public logo, the health endpoint (the worker has emptied the queue)
and a missing page. Everything started is stopped, even on failure.

Own directory and database: a copy of the prepared database (processus.py) in a temporary
SQLite file, or, when the run is on PostgreSQL (DATABASE_URL set), in a scratch PostgreSQL
database dropped at the end. Safe under pytest-xdist.
"""

import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from .processus import base_postgres, base_sqlite

pytestmark = [pytest.mark.production, pytest.mark.processus]

RACINE = Path(settings.BASE_DIR)
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def _environnement(var: Path, database_url: str) -> dict:
    env = {
        cle: valeur
        for cle, valeur in os.environ.items()
        # No coverage, no test settings, no shared cache, no inherited database in the subprocesses.
        if not cle.startswith(("COV_CORE_", "PYTEST_", "DJANGO_", "ESSAIM_"))
        and cle not in ("DATABASE_URL", "REDIS_URL", "DEBUG")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="essaim.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        ESSAIM_VAR_DIR=str(var),
        ESSAIM_STATIQUES_COMPRESSES="false",  # gzip/brotli of every bundle: a minute, not needed here
        EMAIL_URL="consolemail://",
        LOG_LEVEL="WARNING",
        PYTHONUNBUFFERED="1",
    )
    env["DATABASE_URL"] = database_url
    return env


class Pile:
    """The processes of the stack; all stopped (process group) by ``arreter``."""

    def __init__(self, env: dict, dossier: Path):
        self.env, self.dossier, self.processus = env, dossier, {}

    def lancer(self, nom: str, commande: list[str]) -> subprocess.Popen:
        journal = (self.dossier / f"{nom}.log").open("wb")
        processus = subprocess.Popen(
            commande,
            cwd=RACINE,
            env=self.env,
            stdout=journal,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processus[nom] = processus
        return processus

    def attendre(self, nom: str, delai: float) -> str:
        code = self.processus[nom].wait(timeout=delai)
        sortie = self.journal(nom)
        assert code == 0, f"{nom} a échoué (code {code}) :\n{sortie[-4000:]}"
        return sortie

    def journal(self, nom: str) -> str:
        return (self.dossier / f"{nom}.log").read_text(errors="replace")

    def arreter(self):
        for processus in self.processus.values():
            if processus.poll() is None:
                os.killpg(processus.pid, signal.SIGTERM)
        for processus in self.processus.values():
            try:
                processus.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(processus.pid, signal.SIGKILL)
                processus.wait()


def _get(base: str, chemin: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(base + chemin, timeout=30) as reponse:
            return reponse.status, dict(reponse.headers), reponse.read()
    except urllib.error.HTTPError as erreur:
        return erreur.code, dict(erreur.headers), erreur.read()


def _page(base: str, chemin: str, *attendus: str) -> str:
    statut, _, corps = _get(base, chemin)
    texte = corps.decode()
    assert statut == 200, f"{chemin} : {statut}\n{texte[:2000]}"
    for attendu in attendus:
        assert attendu in texte, f"{chemin} : « {attendu} » absent"
    return texte


def _adresse_gunicorn(pile: Pile, delai: float) -> str:
    limite = time.monotonic() + delai
    while time.monotonic() < limite:
        trouve = re.search(r"Listening at: (http://127\.0\.0\.1:\d+)", pile.journal("gunicorn"))
        if trouve and "Booting worker" in pile.journal("gunicorn"):
            base = trouve.group(1)
            try:
                if _get(base, "/sante/")[0] in (200, 503):
                    return base
            except OSError:
                pass
        assert pile.processus["gunicorn"].poll() is None, pile.journal("gunicorn")[-4000:]
        time.sleep(0.2)
    raise AssertionError("gunicorn ne répond pas :\n" + pile.journal("gunicorn")[-4000:])


@pytest.fixture
def pile(tmp_path):
    # A copy of the prepared database (migrated, reference data loaded: built once per session
    # and code version, see processus.py); production_donnees.py still runs migrate on it.
    if os.environ.get("DATABASE_URL"):
        base = base_postgres(tmp_path, preparee=True)
    else:
        base = base_sqlite(tmp_path, preparee=True)
    pile = Pile(_environnement(tmp_path / "var", base.url), tmp_path)
    try:
        yield pile
    finally:
        pile.arreter()
        base.detruire()


def test_la_pile_de_production_sert_le_site(pile):
    debut = time.monotonic()
    manage = [PYTHON, "manage.py"]
    # Static files and the database at the same time: they do not depend on each other.
    pile.lancer("collectstatic", [*manage, "collectstatic", "--noinput", "-v0"])
    pile.lancer(
        "donnees",
        [*manage, "shell", "-c", "from essaim.commun.tests.production_donnees import preparer; preparer()"],
    )
    donnees = json.loads(pile.attendre("donnees", 180).strip().splitlines()[-1])
    pile.attendre("collectstatic", 120)
    prete = time.monotonic() - debut

    pile.lancer("worker", [*manage, "db_worker", "--interval", "0.5"])
    # Port 0: the system picks a free port, read back from gunicorn's log (no race under xdist).
    # No control socket: its default path is shared with any other gunicorn of the machine.
    gunicorn = [GUNICORN, "essaim.wsgi", "-c", "python:essaim.gunicorn_conf", "--workers", "2"]
    pile.lancer("gunicorn", [*gunicorn, "--bind", "127.0.0.1:0", "--no-control-socket"])
    base = _adresse_gunicorn(pile, 60)

    accueil = _page(base, "/", "L'économie sociale et solidaire en transition", 'lang="fr"')
    structure = donnees["structure"]
    _page(base, "/annuaire/", structure["nom"].replace("'", "&#x27;"))
    _page(base, structure["url"], structure["nom"].replace("'", "&#x27;"), f'src="{donnees["logo"]}"')
    _page(base, "/carte/", "leaflet")
    _page(base, "/observatoire/region/32/", "Hauts-de-France", "Données synthétiques de démonstration")
    _page(base, f"/conferences/{donnees['conference']}/rapport/", "Le temps des transitions")
    _page(base, "/comptes/login/", 'name="password"', "Se connecter")
    _page(base, "/admin/login/", "Essaim — administration", 'name="password"')

    feuille = re.search(r'href="(/static/css/essaim\.[0-9a-f]{12}\.css)"', accueil)
    assert feuille, "feuille de style sans empreinte dans la page d'accueil"
    statut, entetes, corps = _get(base, feuille.group(1))
    assert statut == 200 and entetes["Content-Type"].startswith("text/css") and b".conteneur" in corps
    assert "immutable" in entetes["Cache-Control"]

    statut, entetes, corps = _get(base, donnees["logo"])
    assert statut == 200 and entetes["Content-Type"] == "image/png" and corps.startswith(b"\x89PNG")

    # The worker empties the queue (the import left by production_donnees.py).
    limite = time.monotonic() + 30
    while True:
        sante = json.loads(_get(base, "/sante/")[2])
        taches = sante["verifications"]["taches"]
        if taches["en_attente"] == 0 and taches["en_cours"] == 0 or time.monotonic() > limite:
            break
        time.sleep(0.3)
    assert sante["statut"] == "ok" and taches["en_attente"] == taches["en_cours"] == 0, sante

    statut, _, corps = _get(base, "/cette-page-n-existe-pas/")
    page = corps.decode()
    assert statut == 404 and "Page introuvable" in page and 'class="nav-principale"' in page

    for nom in ("gunicorn", "worker"):
        assert pile.processus[nom].poll() is None, pile.journal(nom)[-4000:]
        assert "Traceback" not in pile.journal(nom), pile.journal(nom)[-4000:]
    print(f"pile prête en {prete:.1f} s ({donnees['durees']}), total {time.monotonic() - debut:.1f} s")
