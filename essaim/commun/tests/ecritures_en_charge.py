"""Writes during a bulk job, driven through real HTTP (shared by the concurrent-write test and
``scripts/charge_ecritures.py``): a gunicorn serving a SQLite file prepared with synthetic
structures, a workshop and a staff session; visitors registering, a staff member editing a
record; figures (requests, accepted writes, 5xx, longest wait)."""

import contextlib
import csv
import itertools
import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from .processus import RACINE, Base, arreter, attendre, port_libre

PREPARATION = r"""
import json
from django.conf import settings
from django.test import Client
from essaim.annuaire.tests.factories import StructureFactory, UtilisateurFactory
from essaim.annuaire.services import fiches
from essaim.comptes.enums import Role
from essaim.conference.tests.factories import AtelierFactory
from essaim.territoires.models import Region

atelier = AtelierFactory(capacite=100_000)
staff = UtilisateurFactory(email="camille@cress-hdf.fr", role=Role.CHARGE_MISSION,
                           regions=[Region.objects.get(code="32")])
structure = StructureFactory(nom="Recyclerie de Lille")
donnees = fiches.instantane(structure)
formulaire = {k: v for k, v in donnees.items() if k not in ("reseaux_sociaux", "logo") and v not in ("", [])}
formulaire["lieu_commune"] = structure.lieu_principal.commune_id
client = Client()
client.force_login(staff)
print(json.dumps({
    "atelier": f"/conferences/{atelier.conference.slug}/ateliers/{atelier.pk}/",
    "structure": structure.pk, "slug": structure.slug, "formulaire": formulaire,
    "session": client.cookies[settings.SESSION_COOKIE_NAME].value,
}, default=str))
"""


@contextlib.contextmanager
def serveur_pret(
    base: Base, structures: int, attente_ms: int = 10_000, travailleurs: int = 3, preparee: bool = False
):
    """Prepare ``base`` (reference data unless it is a copy of the prepared model, ``structures``
    synthetic records, a workshop, a staff session) and serve it with gunicorn, whose writes wait
    ``attente_ms`` at most for the lock (then 503); yield what the clients need."""
    if not preparee:
        base.preparer()
    base.manage("generer_structures", "--nombre", structures, "--sans-index", timeout=1800)
    donnees = json.loads(base.python(PREPARATION).strip().splitlines()[-1])
    port = port_libre()
    var = base.dossier / "var"
    journal = (var / "gunicorn.log").open("w")  # a file: a pipe nobody reads would fill up
    gunicorn = subprocess.Popen(
        [
            Path(sys.executable).parent / "gunicorn",
            "essaim.wsgi",
            "-c",
            "python:essaim.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(travailleurs),
            "--timeout",
            "60",
        ],
        cwd=RACINE,
        env=base.env(SQLITE_BUSY_TIMEOUT=attente_ms),
        stdout=journal,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"

    def pret():
        try:
            return httpx.get(f"{url}{donnees['atelier']}", timeout=5).status_code == 200
        except httpx.TransportError:
            return False

    try:
        attendre(pret, delai=120, message="gunicorn prêt")
        yield {**donnees, "url": url, "base": base, "var": var, "fichier": var / "essaim.sqlite3"}
    finally:
        arreter(gunicorn)
        journal.close()


def client_http(serveur, adresse: str, **kwargs) -> httpx.Client:
    """A visitor from its own loopback address (127.x.y.z): the registration limits count
    per client address, as they would for real visitors."""
    transport = httpx.HTTPTransport(local_address=adresse)
    return httpx.Client(base_url=serveur["url"], timeout=30, transport=transport, **kwargs)


def jeton_csrf(client: httpx.Client, chemin: str) -> str:
    page = client.get(chemin)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)


class Mesures:
    def __init__(self):
        self.verrou = threading.Lock()
        self.acceptees: list[str] = []
        self.erreurs: list[str] = []
        self.attentes: list[float] = []

    def resume(self) -> str:
        return (
            f"{len(self.attentes)} requêtes d'écriture, {len(self.acceptees)} acceptées, "
            f"{len(self.erreurs)} erreurs 5xx, attente max {max(self.attentes, default=0):.2f} s"
        )

    def noter(self, debut: float, reponse: httpx.Response, valeur: str, acceptee: bool):
        duree = time.monotonic() - debut
        with self.verrou:
            self.attentes.append(duree)
            if reponse.status_code >= 500:
                self.erreurs.append(f"{reponse.status_code} après {duree:.1f} s : {reponse.text[:300]}")
            elif acceptee:
                self.acceptees.append(valeur)


_visiteurs = itertools.count(1)


def inscrire(serveur, _numero: int, arret: threading.Event, mesures: Mesures):
    i = 0
    while not arret.is_set():
        # A new visitor (loopback address 127.x.y.z, e-mail) every few registrations, below
        # the per-address limit; never twice the same in a process.
        visiteur = next(_visiteurs)
        with client_http(serveur, f"127.{visiteur // 250 + 1}.{visiteur % 250 + 1}.1") as client:
            jeton = jeton_csrf(client, serveur["atelier"])
            for _ in range(5):
                if arret.is_set():
                    return
                i += 1
                email = f"visiteur-{visiteur}-{i}@exemple.fr"
                debut = time.monotonic()
                reponse = client.post(
                    f"{serveur['atelier']}inscription/",
                    data={
                        "prenom": "Camille",
                        "nom": f"Visiteur {visiteur}",
                        "email": email,
                        "consentement": "on",
                        "csrfmiddlewaretoken": jeton,
                    },
                    headers={"Referer": serveur["url"]},
                )
                acceptee = reponse.status_code == 302 and "inscription" in reponse.headers.get("location", "")
                mesures.noter(debut, reponse, email, acceptee)


def modifier(serveur, arret: threading.Event, mesures: Mesures):
    base = sqlite3.connect(serveur["fichier"], timeout=30)
    session = {"sessionid": serveur["session"]}
    with client_http(serveur, "127.0.99.1", cookies=session) as client:
        chemin = f"/annuaire/{serveur['slug']}/modifier/"
        jeton = jeton_csrf(client, chemin)
        i = 0
        while not arret.is_set():
            i += 1
            telephone = f"03 20 00 {i // 100:02d} {i % 100:02d}"
            version = base.execute(
                "SELECT version FROM annuaire_structure WHERE id = ?", [serveur["structure"]]
            ).fetchone()[0]
            debut = time.monotonic()
            reponse = client.post(
                chemin,
                data={
                    **serveur["formulaire"],
                    "telephone": telephone,
                    "version": version,
                    "csrfmiddlewaretoken": jeton,
                },
                headers={"Referer": serveur["url"]},
            )
            mesures.noter(debut, reponse, telephone, reponse.status_code == 302)
            time.sleep(0.1)
    base.close()


def fichier_import(chemin: Path, nombre: int) -> Path:
    with chemin.open("w", newline="", encoding="utf-8") as f:
        ecrivain = csv.writer(f, delimiter=";")
        ecrivain.writerow(["nom", "commune", "identifiant"])
        for i in range(nombre):
            ecrivain.writerow([f"Ressourcerie importée {i}", "59350", f"imp-{i}"])
    return chemin


@contextlib.contextmanager
def visiteurs(serveur, inscrits: int = 4):
    """``inscrits`` visitors registering and one staff member editing, until the block ends."""
    arret, mesures = threading.Event(), Mesures()
    fils = [threading.Thread(target=inscrire, args=(serveur, n, arret, mesures)) for n in range(inscrits)]
    fils.append(threading.Thread(target=modifier, args=(serveur, arret, mesures)))
    for fil in fils:
        fil.start()
    try:
        yield mesures
    finally:
        arret.set()
        for fil in fils:
            fil.join()
