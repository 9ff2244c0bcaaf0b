"""The shared map style's server side: first view on the data, outlines configuration, tiles
only when the settings set them (and their origin in the CSP img-src, nowhere else)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

from .factories import structure

pytestmark = pytest.mark.django_db
RACINE = Path(__file__).resolve().parents[3]


def _json_script(html: str, ident: str):
    debut = html.index(f'id="{ident}"')
    debut = html.index(">", debut) + 1
    return json.loads(html[debut : html.index("</script>", debut)])


@pytest.fixture
def nord_et_somme(vocabulaires):
    for i in range(9):
        structure(f"Recyclerie {i}", latitude=50.6 + i * 0.01, longitude=3.05)
    structure("Centrale solaire", commune="80021", latitude=49.89, longitude=2.29)
    # One record far away must not zoom the first view out to the whole of France.
    structure("Ressourcerie de Bayonne", commune="64102", latitude=43.49, longitude=-1.47)


def test_la_premiere_vue_est_l_etendue_des_structures_pas_toute_la_france(client, nord_et_somme):
    html = client.get("/carte/").content.decode()
    (sud, ouest), (nord, est) = _json_script(html, "carte-etendue")
    # Nord and Somme (10 of 11 records), not the Pyrénées-Atlantiques.
    assert 49.5 < sud < 49.7 and 51.0 < nord < 51.2
    assert 1.3 < ouest < 1.5 and 4.1 < est < 4.3
    assert _json_script(html, "carte-config")["etendue"] == [[sud, ouest], [nord, est]]
    assert "carte-centres" not in html  # the bare département code points are gone


def test_un_territoire_choisi_donne_sa_propre_etendue(client, nord_et_somme):
    html = client.get("/carte/", {"departement": "64"}).content.decode()
    (sud, ouest), (nord, est) = _json_script(html, "carte-etendue")
    assert 42.7 < sud < 43.1 and -1.9 < ouest < -1.6 and 43.5 < nord < 43.7 and -0.2 < est < 0.1
    html = client.get("/carte/", {"commune": "80021"}).content.decode()
    (sud, ouest), (nord, est) = _json_script(html, "carte-etendue")
    assert sud == nord and 49.8 < sud < 50.0  # one commune: its point


def test_sans_structure_la_carte_cadre_la_france(client, vocabulaires):
    html = client.get("/carte/").content.decode()
    assert _json_script(html, "carte-etendue") is None


def test_chaque_carte_charge_le_style_commun_sans_tuiles_par_defaut(client, nord_et_somme):
    from essaim.annuaire.models import Structure

    fiche = Structure.objects.get(nom="Centrale solaire")
    for url in ("/carte/", "/carte/embed/", f"/annuaire/{fiche.slug}/"):
        reponse = client.get(url)
        html = reponse.content.decode()
        assert "js/carte-fond.js" in html and "css/carte-fond.css" in html, url
        config = _json_script(html, "carte-fond-config")
        assert config["tuiles"] is None
        assert config["contours"]["departement"] == "/territoires/contours/departement.geojson"
        img_src = next(d for d in reponse["Content-Security-Policy"].split(";") if "img-src" in d)
        assert img_src.split() == ["img-src", "'self'", "data:"], url


@override_settings(
    CARTE_TUILES_URL="https://tuiles.example.org/{z}/{x}/{y}.png",
    CARTE_TUILES_ATTRIBUTION="© Exemple",
    CARTE_TUILES_ZOOM_MAX=17,
)
def test_les_tuiles_viennent_des_reglages_et_pas_dans_la_carte_integree(client, nord_et_somme):
    config = _json_script(client.get("/carte/").content.decode(), "carte-fond-config")
    assert config["tuiles"] == {
        "url": "https://tuiles.example.org/{z}/{x}/{y}.png",
        "attribution": "© Exemple",
        "zoomMax": 17,
    }
    assert _json_script(client.get("/carte/embed/").content.decode(), "carte-fond-config")["tuiles"] is None


def _img_src_en_production(**env) -> str:
    code = (
        "import essaim.settings.production as s; "
        "print(' '.join(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])); print(s.CARTE_TUILES_URL)"
    )
    variables = {**os.environ, "SECRET_KEY": "x" * 50, **env}
    variables.pop("CARTE_TUILES_URL", None) if "CARTE_TUILES_URL" not in env else None
    sortie = subprocess.run(
        [sys.executable, "-c", code], cwd=RACINE, env=variables, capture_output=True, text=True, check=True
    )
    return sortie.stdout


def test_en_production_plan_ign_par_defaut_et_son_origine_seule_dans_img_src():
    sortie = _img_src_en_production()
    assert sortie.splitlines()[0] == "'self' data: https://data.geopf.fr"
    assert "LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2" in sortie
    # Emptied: no tiles, nothing added to the CSP.
    assert _img_src_en_production(CARTE_TUILES_URL="").splitlines()[0] == "'self' data:"
    autre = _img_src_en_production(CARTE_TUILES_URL="https://tile.openstreetmap.fr/osmfr/{z}/{x}/{y}.png")
    assert autre.splitlines()[0] == "'self' data: https://tile.openstreetmap.fr"
