"""Several servers (issue 13 §1): two gunicorn servers started by scripts/grappe.sh on two
loopback ports, one PostgreSQL, one Redis and two task workers.

- a record edited through server A shows in server B's search, facets and map within 2 s;
- a rate limit counts the requests to both servers together;
- each background job runs exactly once with two workers.

Needs PostgreSQL and Redis: skipped when absent, except in CI. Marked ``grappe`` so that it
can be run on its own (``pytest -m grappe``) or scheduled apart.
"""

import os
import secrets
import signal
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from .processus import RACINE, attendre, base_postgres, collecter_statiques, exiger_service, port_libre

pytestmark = [pytest.mark.processus, pytest.mark.grappe, pytest.mark.une_fois, pytest.mark.passe_postgresql]

REDIS = "redis://127.0.0.1:6379/7"
FILE_EN_BASE = "django_tasks_db.backend.DatabaseBackend"  # the queue the two workers share
LIMITE = 30  # API requests per minute and per client, for this test

DONNEES = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from essaim.annuaire.models import Lieu, Structure, Theme
from essaim.comptes.models import Utilisateur
from essaim.territoires.models import Commune
s = Structure.objects.create(nom="Recyclerie du Beffroi", statut="publiee", categorie_juridique="5458",
                             description="Réemploi et réparation.")
lille = Commune.objects.get(code="59350")
Lieu.objects.create(structure=s, commune=lille, adresse="1 place du Théâtre", principal=True,
                    code_postal="59000", latitude=50.637, longitude=3.064)
s.themes.add(Theme.objects.get(code="seconde-vie-produits"))
u = Utilisateur.objects.create_superuser(email="admin@exemple.fr", password="motdepasse-solide-42")
session = SessionStore()
session.update({SESSION_KEY: str(u.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                HASH_SESSION_KEY: u.get_session_auth_hash()})
session.create()
print(s.pk, s.slug, session.session_key)
"""

TRAVAUX = """
from essaim.commun.taches import lancer
from essaim.commun.tests.grappe_taches import noter
print(" ".join(str(lancer(noter, "essai", fichier={fichier!r}, numero=i).pk) for i in range(8)))
"""

ETAT_TRAVAUX = """
from essaim.commun.models import Travail
print(" ".join(sorted(set(Travail.objects.filter(pk__in={ids!r}).values_list("statut", flat=True)))))
"""


class Formulaire(HTMLParser):
    """The fields of the page's form that carries ``version``, as a browser would send them."""

    def __init__(self):
        super().__init__()
        self.formulaires, self.courant, self.zone, self.choix = [], None, None, None

    def handle_starttag(self, balise, attributs):
        a = dict(attributs)
        if balise == "form":
            self.courant = []
            self.formulaires.append(self.courant)
        elif self.courant is None or "name" not in a and balise != "option":
            return
        elif balise == "input" and a.get("type") not in ("submit", "button", "file", "image"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.courant.append([a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")])
        elif balise == "textarea":
            self.zone = [a["name"], ""]
            self.courant.append(self.zone)
        elif balise == "select":
            self.choix = a["name"]
        elif balise == "option" and self.choix and "selected" in a:
            self.courant.append([self.choix, a.get("value", "")])

    def handle_data(self, texte):
        if self.zone is not None:
            self.zone[1] += texte

    def handle_endtag(self, balise):
        if balise == "textarea":
            self.zone = None
        elif balise == "select":
            self.choix = None
        elif balise == "form":
            self.courant = None

    def champs(self) -> list[list[str]]:
        return next(f for f in self.formulaires if any(nom == "version" for nom, _ in f))


def _cookie(reponse: httpx.Response, nom: str) -> str:
    # The production cookies are Secure: an HTTP client keeps them only over HTTPS.
    for entete in reponse.headers.get_list("set-cookie"):
        if entete.startswith(f"{nom}="):
            return entete.split(";", 1)[0].split("=", 1)[1]
    raise AssertionError(f"pas de cookie {nom}")


def travailleurs(pid_grappe: int) -> set[int]:
    """Pids of the task workers started by scripts/grappe.sh (children running db_worker)."""
    pids = set()
    for enfant in Path(f"/proc/{pid_grappe}/task/{pid_grappe}/children").read_text().split():
        if b"db_worker" in Path(f"/proc/{enfant}/cmdline").read_bytes():
            pids.add(int(enfant))
    return pids


def _client(ip: str | None = None) -> dict:
    # The servers run as behind one proxy (PROXIES_DE_CONFIANCE=1): the client is the address
    # in X-Forwarded-For, so a fresh address per polling request keeps the rate-limit check
    # below independent of them.
    return {"X-Forwarded-For": ip or f"198.51.100.{secrets.randbelow(250) + 1}"}


def test_deux_serveurs_une_base_un_redis_deux_workers(tmp_path):
    exiger_service("127.0.0.1", 6379, "Redis")
    base = base_postgres(tmp_path, preparee=True)
    prefixe = f"essai-grappe-{secrets.token_hex(4)}"
    grappe = None
    try:
        pk, slug, session = base.python(DONNEES).split()
        collecter_statiques(base)
        a, b = port_libre(), port_libre()
        journal = (tmp_path / "grappe.log").open("w")
        grappe = subprocess.Popen(
            ["bash", str(RACINE / "scripts" / "grappe.sh")],
            cwd=RACINE,
            env=base.env(
                DJANGO_SETTINGS_MODULE="essaim.settings.production",
                PORTS=f"{a} {b}",
                REDIS_URL=REDIS,
                CACHE_KEY_PREFIX=prefixe,
                SANS_PREPARATION="1",
                ALLOWED_HOSTS="127.0.0.1",
                SECURE_SSL_REDIRECT="false",
                API_ANON_RATE=f"{LIMITE}/min",
                PROXIES_DE_CONFIANCE="1",
                WEB_CONCURRENCY="2",
                TASKS_BACKEND=FILE_EN_BASE,
            ),
            stdout=journal,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        A, B = f"http://127.0.0.1:{a}", f"http://127.0.0.1:{b}"

        def prets():
            try:
                return all(
                    httpx.get(f"{u}/api/v1/structures/", headers=_client()).status_code == 200 for u in (A, B)
                )
            except httpx.HTTPError:
                assert grappe.poll() is None, (tmp_path / "grappe.log").read_text()[-4000:]
                return False

        attendre(prets, delai=90, pas=0.3, message="deux serveurs prêts")

        # 1. Edit through A (the staff edit form, as a browser sends it); read through B.
        cookies = {"sessionid": session}
        page = httpx.get(f"{A}/annuaire/{slug}/modifier/", cookies=cookies)
        assert page.status_code == 200, page.text[:2000]
        cookies["csrftoken"] = _cookie(page, "csrftoken")
        lecteur = Formulaire()
        lecteur.feed(page.text)
        champs = {}
        for nom, valeur in lecteur.champs():
            champs.setdefault(nom, []).append("Recyclerie Zéphyrine" if nom == "nom" else valeur)
        envoi = httpx.post(
            f"{A}/annuaire/{slug}/modifier/",
            data=champs,
            cookies=cookies,
            headers={"Referer": f"{A}/annuaire/{slug}/modifier/"},
        )
        assert envoi.status_code == 302, envoi.text[:3000]
        modifie = time.monotonic()

        def vu_par_b():
            liste = httpx.get(f"{B}/api/v1/structures/?q=zephyrine", headers=_client()).json()
            facettes = httpx.get(f"{B}/api/v1/structures/facettes/?q=zephyrine", headers=_client()).json()
            carte = httpx.get(
                f"{B}/api/v1/carte/?bbox=2.9,50.5,3.2,50.7&zoom=16&q=zephyrine", headers=_client()
            ).json()
            ids = [f["properties"].get("id") for f in carte["features"]]
            return (
                [s["nom"] for s in liste["results"]] == ["Recyclerie Zéphyrine"]
                and facettes["count"] == 1
                and {
                    "valeur": "seconde-vie-produits",
                    "libelle": facettes["facettes"]["theme"][0]["libelle"],
                    "count": 1,
                }
                in facettes["facettes"]["theme"]
                and ids == [int(pk)]
            )

        # Requests sent to B less than 2 s after the edit must see it (measured from when the
        # request leaves, not when its answer arrives: on a busy test machine one answer can
        # take a second by itself).
        while True:
            envoi_b = time.monotonic()
            if vu_par_b():
                break
            assert envoi_b - modifie < 2, "la modification faite sur A n'est pas vue par B après 2 s"
        assert envoi_b - modifie < 2

        # 2. One client alternating between A and B: the limit counts both together.
        client = _client("203.0.113.7")
        statuts = [
            httpx.get(f"{(A, B)[i % 2]}/api/v1/structures/", headers=client).status_code for i in range(40)
        ]
        assert statuts.count(200) == LIMITE and statuts.count(429) == 40 - LIMITE, statuts

        # 3. Eight jobs, two workers: each job runs once.
        fichier = tmp_path / "travaux.txt"
        sortie = base.python(TRAVAUX.format(fichier=str(fichier)), TASKS_BACKEND=FILE_EN_BASE)
        ids = [int(i) for i in sortie.split()]
        attendre(
            lambda: base.python(ETAT_TRAVAUX.format(ids=ids)).split() == ["termine"],
            delai=60,
            pas=0.5,
            message="les huit travaux terminés",
        )
        lignes = [ligne.split() for ligne in fichier.read_text().splitlines()]
        assert sorted(int(numero) for numero, _ in lignes) == list(range(8))
        executants = {int(pid) for _, pid in lignes}
        assert travailleurs(grappe.pid) >= executants, "exécutés hors des workers de tâches"
    finally:
        if grappe is not None:
            os.killpg(grappe.pid, signal.SIGTERM)
            grappe.wait(20)
            journal.close()
        import redis

        r = redis.Redis.from_url(REDIS)
        for cle in r.scan_iter(f"{prefixe}:*"):
            r.delete(cle)
        base.detruire()
