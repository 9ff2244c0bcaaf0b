"""Territory outlines: the shipped régions and départements, the official EPCI/commune files,
the GeoJSON endpoint with its ETag."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from essaim.territoires.contours import emprise, point_etiquette, simplifier
from essaim.territoires.models import Contour

pytestmark = pytest.mark.django_db
DONNEES = Path(__file__).parent / "donnees"


def _dedans(point, anneau):
    x, y = point
    dedans = False
    for (x1, y1), (x2, y2) in zip(anneau, anneau[1:], strict=False):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            dedans = not dedans
    return dedans


def test_regions_et_departements_ont_un_contour_livre_avec_le_projet():
    regions = set(Contour.objects.filter(niveau="region").values_list("code", flat=True))
    departements = set(Contour.objects.filter(niveau="departement").values_list("code", flat=True))
    # The 13 metropolitan régions and the 5 overseas ones; the 101 départements.
    assert {"11", "32", "53", "94", "01", "02", "03", "04", "06"} <= regions
    assert len(regions) == 18
    assert len(departements) == 101
    assert {"59", "2A", "2B", "971", "976"} <= departements


def test_un_contour_est_plausible_nord_autour_de_lille():
    nord = Contour.objects.get(niveau="departement", code="59")
    geometrie = json.loads(nord.geometrie)
    assert geometrie["type"] in ("Polygon", "MultiPolygon")
    assert 1.5 < nord.ouest < 2.6 and 4.0 < nord.est < 4.5
    assert 49.9 < nord.sud < 50.1 and 51.0 < nord.nord < 51.2
    # The label point lies inside the outline (Nord is a thin concave shape).
    anneau = max(
        (
            p[0]
            for p in (
                [geometrie["coordinates"]] if geometrie["type"] == "Polygon" else geometrie["coordinates"]
            )
        ),
        key=len,
    )
    assert _dedans((nord.etiquette_lon, nord.etiquette_lat), anneau)
    # Coordinates rounded to 4 decimals.
    assert all(len(str(c).split(".")[-1]) <= 4 for c in anneau[0])


def test_geojson_des_departements_d_une_region():
    from django.test import Client

    reponse = Client().get("/territoires/contours/departement.geojson", {"region": "32"})
    assert reponse["Content-Type"] == "application/geo+json"
    donnees = json.loads(reponse.content)
    assert donnees["type"] == "FeatureCollection"
    proprietes = {f["properties"]["code"]: f["properties"] for f in donnees["features"]}
    assert sorted(proprietes) == ["02", "59", "60", "62", "80"]
    assert proprietes["59"]["nom"] == "Nord"
    assert len(proprietes["59"]["etiquette"]) == 2
    assert donnees["features"][0]["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_geojson_des_regions_de_france(client):
    donnees = json.loads(client.get("/territoires/contours/region.geojson").content)
    noms = {f["properties"]["nom"] for f in donnees["features"]}
    assert {"Hauts-de-France", "Bretagne", "Corse", "La Réunion"} <= noms


def test_etag_et_get_conditionnel_304(client):
    premiere = client.get("/territoires/contours/region.geojson")
    etag = premiere["ETag"]
    assert etag and "max-age=3600" in premiere["Cache-Control"]
    seconde = client.get("/territoires/contours/region.geojson", headers={"if-none-match": etag})
    assert seconde.status_code == 304 and seconde.content == b""
    # Another région filter is another document, with another ETag.
    autre = client.get(
        "/territoires/contours/region.geojson", {"region": "32"}, headers={"if-none-match": etag}
    )
    assert autre.status_code == 200 and autre["ETag"] != etag
    assert [f["properties"]["code"] for f in json.loads(autre.content)["features"]] == ["32"]


def test_contours_compresses_pour_le_navigateur_et_304_sur_l_etag_faible(client):
    import gzip

    reponse = client.get("/territoires/contours/departement.geojson", headers={"accept-encoding": "gzip"})
    assert reponse["Content-Encoding"] == "gzip"
    assert len(reponse.content) < 80_000
    assert len(json.loads(gzip.decompress(reponse.content))["features"]) == 101
    seconde = client.get(
        "/territoires/contours/departement.geojson",
        headers={"accept-encoding": "gzip", "if-none-match": reponse["ETag"]},
    )
    assert seconde.status_code == 304


def test_niveau_ou_region_inconnus_404(client):
    assert b"FeatureCollection" not in client.get("/territoires/contours/canton.geojson").content
    assert client.get("/territoires/contours/canton.geojson").status_code == 404
    assert client.get("/territoires/contours/region.geojson", {"region": "XX"}).status_code == 404


def test_charger_contours_epci_etalab_puis_servis_et_etag_change(client):
    avant = client.get("/territoires/contours/epci.geojson", {"region": "32"})
    assert json.loads(avant.content)["features"] == []
    sortie = StringIO()
    call_command(
        "charger_contours", str(DONNEES / "contours-epci.geojson"), "--niveau", "epci", stdout=sortie
    )
    assert (
        "chargés : 2" in sortie.getvalue()
        and "ignorés (code inconnu ou sans géométrie) : 2" in sortie.getvalue()
    )
    mel = Contour.objects.get(niveau="epci", code="200093201")
    anneau = json.loads(mel.geometrie)["coordinates"][0]
    # The collinear points along the south edge are gone, the shape's corners stay.
    assert [2.9, 50.55] not in anneau and [3.0, 50.55] not in anneau
    assert [2.8, 50.55] in anneau and [3.25, 50.7] in anneau
    apres = client.get(
        "/territoires/contours/epci.geojson", {"region": "32"}, headers={"if-none-match": avant["ETag"]}
    )
    assert apres.status_code == 200
    features = {f["properties"]["code"]: f for f in json.loads(apres.content)["features"]}
    assert features["200093201"]["properties"]["nom"] == "Métropole Européenne de Lille"
    assert "200041960" in features


def test_charger_contours_communes_admin_express():
    sortie = StringIO()
    fichier = DONNEES / "contours-communes-admin-express.geojson"
    call_command("charger_contours", str(fichier), "--niveau", "commune", stdout=sortie)
    lille = Contour.objects.get(niveau="commune", code="59350")
    assert (lille.ouest, lille.sud, lille.est, lille.nord) == (3.01, 50.6, 3.1, 50.66)
    # Reloading updates in place.
    call_command("charger_contours", str(fichier), "--niveau", "commune", stdout=sortie)
    assert Contour.objects.filter(niveau="commune", code="59350").count() == 1


def test_charger_contours_refuse_le_lambert_93():
    with pytest.raises(CommandError, match="WGS 84"):
        call_command("charger_contours", str(DONNEES / "contours-lambert93.geojson"), "--niveau", "commune")
    assert not Contour.objects.filter(niveau="commune").exists()


def test_simplification_et_point_d_etiquette_d_une_forme_en_u():
    # A U shape: its centroid falls in the notch, the label point must not.
    u = {
        "type": "Polygon",
        "coordinates": [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]],
    }
    lon, lat = point_etiquette(u)
    assert _dedans((lon, lat), u["coordinates"][0])
    assert emprise(u) == (0, 0, 3, 3)
    simple = simplifier(
        {"type": "Polygon", "coordinates": [[[0, 0], [1, 0.00001], [2, 0], [2, 2], [0, 2], [0, 0]]]}, 0.001
    )
    assert simple["coordinates"][0] == [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]
