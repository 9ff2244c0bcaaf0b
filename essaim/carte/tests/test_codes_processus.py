"""Code bits given by another process (issue 14): a filter on a code first indexed elsewhere
finds its structures without a restart."""

import json

import pytest

from essaim.commun.tests.processus import arreter, base_sqlite

pytestmark = [pytest.mark.processus, pytest.mark.une_fois]

# Process A reads the API before and after process B indexes a structure with a theme
# nobody carried yet (so no bit existed when A first built its masks).
LECTEUR = """
import json, sys
from django.test import Client
client = Client()
def lire():
    tout = client.get("/api/v1/structures/?theme=energie").json()
    texte = client.get("/api/v1/structures/?q=eolienne&theme=energie").json()
    facettes = client.get("/api/v1/structures/facettes/?q=eolienne").json()["facettes"]
    return {"sql": [s["nom"] for s in tout["results"]], "texte": [s["nom"] for s in texte["results"]],
            "themes": {f["valeur"]: f["count"] for f in facettes["theme"]}}
print(json.dumps(lire()), flush=True)
sys.stdin.readline()
print(json.dumps(lire()), flush=True)
"""

STRUCTURE = """
from essaim.annuaire.models import Structure, Theme
s = Structure.objects.create(nom={nom!r}, statut="publiee", categorie_juridique="5458")
s.themes.add(Theme.objects.get(code={theme!r}))
"""


def test_un_theme_indexe_par_un_autre_processus_filtre_sans_redemarrage(tmp_path):
    base = base_sqlite(tmp_path, preparee=True)
    base.python(STRUCTURE.format(nom="Recyclerie éolienne", theme="ecoconception"))
    lecteur = base.shell_interactif(LECTEUR)
    try:
        ligne = lecteur.stdout.readline()
        assert ligne, lecteur.stderr.read()
        avant = json.loads(ligne)
        assert avant == {"sql": [], "texte": [], "themes": {"ecoconception": 1, "economie-circulaire": 1}}
        base.python(STRUCTURE.format(nom="Coopérative éolienne citoyenne", theme="energie"))
        lecteur.stdin.write("\n")
        lecteur.stdin.flush()
        apres = json.loads(lecteur.stdout.readline())
    finally:
        arreter(lecteur)
    assert apres["sql"] == ["Coopérative éolienne citoyenne"]
    assert apres["texte"] == ["Coopérative éolienne citoyenne"]
    assert apres["themes"] == {"energie": 1, "ecoconception": 1, "economie-circulaire": 1}
