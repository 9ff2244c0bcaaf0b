"""The public API against its own OpenAPI schema (issue 13 §3): schemathesis generates requests
from /api/v1/schema/ against a live production server, bounded in time and with a fixed seed.
0 server errors, 0 responses outside the schema."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from essaim.commun.tests.processus import Serveur, base_sqlite, collecter_statiques

CONFIG = Path(__file__).with_name("schemathesis.toml")  # what the schema documents on purpose
# Long and engine-independent: run in the PostgreSQL pass, which is the shorter one.
pytestmark = [pytest.mark.processus, pytest.mark.une_fois, pytest.mark.passe_postgresql]

DONNEES = """
from essaim.annuaire.models import Lieu, Structure, Theme, Transition
from essaim.territoires.models import Commune
for i, (nom, code, theme) in enumerate([("Atelier Vélo Solidaire", "59350", "mobilite"),
                                         ("Coopérative Énergie Citoyenne", "62041", "energie"),
                                         ("Recyclerie du Marais", "75056", "seconde-vie-produits")]):
    s = Structure.objects.create(nom=nom, statut="publiee", categorie_juridique="5458", siret="",
                                 site_web=f"https://exemple{i}.fr", description="Une structure de l'ESS.")
    commune = Commune.objects.get(code=code)
    Lieu.objects.create(structure=s, commune=commune, adresse="1 rue de la Paix", principal=True,
                        code_postal=commune.codes_postaux.split(" ")[0], latitude=50.6 - i, longitude=3.0 - i)
    s.themes.add(Theme.objects.get(code=theme))
    s.transitions.add(Transition.objects.first())
"""


def test_l_api_respecte_son_schema_openapi(tmp_path):
    base = base_sqlite(tmp_path, preparee=True)
    base.python(DONNEES)
    collecter_statiques(base)  # the site's 404 page, for probes outside the API
    serveur = Serveur(base, workers=2, API_ANON_RATE="100000/min")
    try:
        fini = subprocess.run(
            [
                Path(sys.executable).parent / "st",
                "--config-file",
                CONFIG,
                "run",
                f"{serveur.url}/api/v1/schema/",
                "--checks",
                "all",
                "--seed",
                "20261201",
                "--max-examples",
                "30",
                "--max-time",
                "40",
                "--request-timeout",
                "10",
                "--workers",
                "2",
                "--no-color",
            ],
            capture_output=True,
            text=True,
            timeout=90,
            cwd=tmp_path,  # its cache (.schemathesis/) there
        )
    finally:
        journal = serveur.arreter()
    rapport = fini.stdout + fini.stderr
    (Path(tmp_path) / "rapport.txt").write_text(rapport)
    (Path(tmp_path) / "gunicorn.log").write_text(journal)
    assert "Traceback" not in journal, journal[journal.index("Traceback") - 500 :][:6000]
    assert fini.returncode == 0, rapport[-8000:]
    resultat = re.search(r"(\d+) generated, (\d+) passed", rapport)
    assert resultat and resultat[1] == resultat[2] and int(resultat[1]) > 100, rapport[-3000:]
    assert "Failures:" not in rapport
