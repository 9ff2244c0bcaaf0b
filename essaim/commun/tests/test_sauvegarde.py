"""Backup and restore round trip on both databases (issue 13 §1): an empty database gets
identical row counts per table, the files, and a working site."""

import json
import tarfile

import pytest

from .processus import base_postgres, base_sqlite

pytestmark = [pytest.mark.processus, pytest.mark.une_fois]

DONNEES = """
from io import BytesIO
from pathlib import Path
from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image
from essaim.annuaire.models import Structure, Theme
image = BytesIO()
Image.new("RGB", (40, 30), "teal").save(image, "PNG")
s = Structure.objects.create(nom="Ressourcerie des Dunes", statut="publiee", categorie_juridique="5458")
s.themes.add(Theme.objects.get(code="energie"))
s.logo.save("dunes.png", ContentFile(image.getvalue()))
prive = Path(getattr(settings, "ESSAIM_PRIVE_ROOT", settings.VAR_DIR / "prive")) / "appels" / "piece.pdf"
prive.parent.mkdir(parents=True, exist_ok=True)
prive.write_bytes(b"%PDF-1.4 piece privee")
print(s.slug, s.logo.name)
"""

ETAT = """
import json
from pathlib import Path
from django.conf import settings
from django.test import Client
from essaim.commun.sauvegarde import compter_lignes
slug, logo = {slug!r}, {logo!r}
client = Client()
trouves = client.get("/api/v1/structures/?q=dunes&theme=energie").json()["results"]
prive = Path(getattr(settings, "ESSAIM_PRIVE_ROOT", settings.VAR_DIR / "prive")) / "appels" / "piece.pdf"
print(json.dumps({{
    "lignes": compter_lignes(),
    "logo": (Path(settings.MEDIA_ROOT) / logo).read_bytes().hex(),
    "prive": prive.read_bytes().decode(),
    "page": "Ressourcerie des Dunes" in client.get(f"/annuaire/{{slug}}/").content.decode(),
    "recherche": [r["nom"] for r in trouves],
}}))
"""


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.passe_postgresql)])
def moteur(request):
    return request.param


def _base(moteur, dossier, preparee=False):
    return (base_sqlite if moteur == "sqlite" else base_postgres)(dossier, preparee=preparee)


def test_sauvegarde_puis_restauration_dans_une_base_vide(moteur, tmp_path):
    source = _base(moteur, tmp_path / "source", preparee=True)
    cible = _base(moteur, tmp_path / "cible")
    try:
        slug, logo = source.python(DONNEES).split()
        avant = json.loads(source.python(ETAT.format(slug=slug, logo=logo)))
        archive = tmp_path / "essaim.tar.gz"
        sortie = source.manage("sauvegarder", "--sortie", archive)
        assert f"Sauvegarde écrite : {archive}" in sortie

        with tarfile.open(archive) as tar:
            noms = tar.getnames()
            manifeste = json.load(tar.extractfile("manifeste.json"))
        assert {"manifeste.json", f"media/{logo}", "prive/appels/piece.pdf"} <= set(noms)
        assert ("base.sqlite3" if moteur == "sqlite" else "base.dump") in noms
        assert manifeste["moteur"] == moteur
        assert manifeste["tables"] == avant["lignes"]

        sortie = cible.manage("restaurer", archive)
        assert f"{len(avant['lignes'])} tables" in sortie
        apres = json.loads(cible.python(ETAT.format(slug=slug, logo=logo)))
        assert apres["lignes"]["annuaire_structure"] == 1
        assert apres["lignes"]["territoires_commune"] > 30_000
        assert apres == avant
        assert apres["page"] and apres["recherche"] == ["Ressourcerie des Dunes"]

        # A second restore over the now non-empty database is refused.
        refus = cible.essayer("restaurer", archive)
        assert refus.returncode == 1
        assert "La base n'est pas vide" in refus.stderr
        assert "--ecraser" in refus.stderr
    finally:
        source.detruire()
        cible.detruire()


def test_une_sauvegarde_d_un_autre_moteur_est_refusee(tmp_path):
    source = base_sqlite(tmp_path / "source")  # an empty database is enough to be refused
    archive = tmp_path / "essaim.tar"
    source.manage("sauvegarder", "--sortie", archive)
    cible = base_postgres(tmp_path / "cible")
    try:
        refus = cible.essayer("restaurer", archive)
    finally:
        cible.detruire()
    assert refus.returncode == 1
    assert "Sauvegarde sqlite, base postgresql" in refus.stderr


def test_garder_ne_conserve_que_les_plus_recentes(tmp_path):
    base = base_sqlite(tmp_path)  # an empty database: only the archives' rotation matters
    dossier = tmp_path / "sauvegardes"
    for i in range(4):
        base.manage("sauvegarder", "--sortie", dossier / f"essaim-2026010{i}-000000.tar", "--garder", "2")
    assert sorted(p.name for p in dossier.iterdir()) == [
        "essaim-20260102-000000.tar",
        "essaim-20260103-000000.tar",
    ]
