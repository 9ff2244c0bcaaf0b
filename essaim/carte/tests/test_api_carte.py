"""/api/v1/carte/: GeoJSON clusters whose counts add up exactly, both computation paths,
bad input, and aggregates kept exact by incremental maintenance."""

import random

import pytest
from django.db import connection

from essaim.annuaire.enums import StatutStructure
from essaim.annuaire.models import Structure
from essaim.carte.models import CelluleCarte, CompteFacette
from essaim.carte.services.reconstruction import reconstruire
from essaim.commun.tests.partage import donnees_du_module

from .factories import structure

pytestmark = pytest.mark.django_db

FRANCE = "-5.5,41,10,51.5"
VILLES = [  # (commune, lat, lon)
    ("59350", 50.6292, 3.0573),
    ("80021", 49.894, 2.2957),
    ("75056", 48.8566, 2.3522),
    ("69123", 45.764, 4.8357),
    ("13055", 43.2965, 5.3698),
    ("62041", 50.291, 2.7775),
]
THEMES = ["energie", "mobilite", "seconde-vie-produits", "agriculture-alimentation"]


def _semer():
    """60 structures scattered around six cities, reproducibly."""
    from essaim.annuaire.reference import charger

    charger()
    rng = random.Random(7)
    return [
        structure(
            f"{'Recyclerie' if i % 4 == 0 else 'Atelier'} {i}",
            commune=VILLES[i % len(VILLES)][0],
            latitude=VILLES[i % len(VILLES)][1] + rng.gauss(0, 0.08),
            longitude=VILLES[i % len(VILLES)][2] + rng.gauss(0, 0.08),
            themes=[THEMES[i % 4]],
            famille="association" if i % 3 else "cooperative",
        ).pk
        for i in range(60)
    ]


@pytest.fixture(scope="module")
def _semis_du_module(django_db_setup, django_db_blocker):
    # Built once for the module (each structure indexed on save); tests only read them or
    # change them inside their own rolled-back savepoint.
    yield from donnees_du_module(django_db_blocker, _semer)


@pytest.fixture
def semis(db, _semis_du_module):
    """The 60 structures, read afresh for each test (one may move or delete its copies)."""
    return list(Structure.objects.filter(pk__in=_semis_du_module).order_by("pk"))


def _carte(client, requete):
    reponse = client.get(f"/api/v1/carte/?{requete}")
    assert reponse.status_code == 200, reponse.content
    return reponse.json()


def _dans(s, o, su, e, n):
    return su <= s.latitude <= n and o <= s.longitude <= e


def test_une_featurecollection_d_agregats_et_de_points_isoles(client, semis):
    collection = _carte(client, f"bbox={FRANCE}&zoom=5")
    assert collection["type"] == "FeatureCollection"
    assert collection["count"] == 60
    amas = [f for f in collection["features"] if f["properties"]["cluster"]]
    assert amas and all(f["properties"]["count"] > 1 for f in amas)
    assert all(f["geometry"]["type"] == "Point" and len(f["geometry"]["coordinates"]) == 2 for f in amas)
    proche = _carte(client, "bbox=3.0,50.6,3.12,50.66&zoom=16")
    seuls = [f["properties"] for f in proche["features"] if not f["properties"]["cluster"]]
    assert seuls and all({"id", "nom"} <= set(p) for p in seuls)
    noms = {s.pk: s.nom for s in semis}
    assert all(noms[p["id"]] == p["nom"] for p in seuls)


@pytest.mark.parametrize("zoom", [3, 6, 9, 12, 14])
@pytest.mark.parametrize("filtre", ["", "theme=energie", "q=recyclerie", "theme=energie&famille=association"])
def test_la_somme_des_comptes_egale_le_nombre_de_structures_dans_la_bbox(client, semis, zoom, filtre):
    rng = random.Random(zoom)
    correspondants = {
        r["id"] for r in client.get(f"/api/v1/structures/?page_size=200&{filtre}").json()["results"]
    }
    assert correspondants
    for _ in range(3):
        _, lat, lon = rng.choice(VILLES)
        demi = 6 / 2**zoom * 40
        o, s = lon - demi * rng.uniform(0.2, 1), lat - demi * rng.uniform(0.2, 1) / 1.5
        e, n = lon + demi * rng.uniform(0.2, 1), lat + demi * rng.uniform(0.2, 1) / 1.5
        collection = _carte(client, f"bbox={o},{s},{e},{n}&zoom={zoom}&{filtre}")
        attendu = [x for x in semis if _dans(x, o, s, e, n) and x.pk in correspondants]
        assert sum(f["properties"]["count"] for f in collection["features"]) == len(attendu)
        assert collection["count"] == len(attendu)
        for f in collection["features"]:
            lon_f, lat_f = f["geometry"]["coordinates"]
            assert _dans(type("P", (), {"latitude": lat_f, "longitude": lon_f}), o, s, e, n)


def test_chemins_agrege_et_direct_donnent_les_memes_amas(client, semis):
    agrege = _carte(client, f"bbox={FRANCE}&zoom=6&theme=energie")
    direct = _carte(client, f"bbox={FRANCE}&zoom=6&theme=energie&theme=energie,mobilite&theme=energie")
    assert agrege["methode"] == "agregats"
    seul = _carte(client, f"bbox={FRANCE}&zoom=6&theme=energie&famille=association,cooperative")
    assert seul["methode"] == "direct"

    def resume(c):
        return sorted(
            (f["properties"]["count"], *[round(v, 4) for v in f["geometry"]["coordinates"]])
            for f in c["features"]
        )

    assert resume(agrege) == resume(seul)
    assert direct["count"] >= agrege["count"]


def _amas_sql(bbox, niveau, filtres) -> list[tuple]:
    """The reference: the same clusters grouped by SQL over the points table."""
    where, params = filtres.sql("p")
    decalage = 2 * (22 - niveau)
    with connection.cursor() as c:
        c.execute(
            "SELECT COUNT(*), AVG(p.latitude), AVG(p.longitude), MIN(p.structure_id) FROM carte_pointcarte p "
            "WHERE p.cle IS NOT NULL AND p.latitude BETWEEN %s AND %s AND p.longitude BETWEEN %s AND %s "
            f"AND {where} GROUP BY (p.cle >> {decalage})",
            [bbox.sud, bbox.nord, bbox.ouest, bbox.est, *params],
        )
        return [(n, lat, lon, sid if n == 1 else None) for n, lat, lon, sid in c.fetchall()]


def test_le_chemin_direct_en_memoire_egale_le_sql(client, semis):
    from essaim.carte import geo
    from essaim.carte.services import carte
    from essaim.carte.services.filtres import lire_filtres

    for zoom, params in [
        (6, {"q": "atelier"}),
        (9, {"q": "recyclerie", "theme": "energie"}),
        (13, {"q": "atelier"}),
        (6, {"theme": "energie", "famille": "association,cooperative"}),
        (15, {}),
        (16, {"departement": "59"}),
    ]:
        filtres = lire_filtres(params)
        bbox = geo.Bbox(-5.5, 41.0, 10.0, 51.5)
        niveau = carte.niveau_pour(zoom)
        memoire_ = sorted(carte._direct_memoire(bbox, niveau, filtres))
        sql = sorted(_amas_sql(bbox, niveau, filtres))
        assert sql, params
        assert [(n, sid) for n, _, _, sid in memoire_] == [(n, sid) for n, _, _, sid in sql]
        assert [(round(la, 6), round(lo, 6)) for _, la, lo, _ in memoire_] == [
            (round(la, 6), round(lo, 6)) for _, la, lo, _ in sql
        ]
    reponse = _carte(client, f"bbox={FRANCE}&zoom=6&q=atelier")
    assert reponse["methode"] == "direct" and reponse["count"] > 0


@pytest.mark.parametrize(
    "requete, champ",
    [
        ("bbox=-200,41,10,51&zoom=5", "bbox"),
        ("bbox=10,41,-5,51&zoom=5", "bbox"),
        ("bbox=-5,51,10,41&zoom=5", "bbox"),
        ("bbox=-5,41,10&zoom=5", "bbox"),
        ("bbox=a,b,c,d&zoom=5", "bbox"),
        ("bbox=nan,41,10,51&zoom=5", "bbox"),
        ("zoom=5", "bbox"),
        (f"bbox={FRANCE}", "zoom"),
        (f"bbox={FRANCE}&zoom=99", "zoom"),
        (f"bbox={FRANCE}&zoom=-1", "zoom"),
        (f"bbox={FRANCE}&zoom=5&theme=licorne", "theme"),
        (f"bbox={FRANCE}&zoom=5&q=" + "x" * 5000, "q"),
    ],
)
def test_les_parametres_invalides_donnent_400_en_francais(client, semis, requete, champ):
    reponse = client.get(f"/api/v1/carte/?{requete}")
    assert reponse.status_code == 400
    assert champ in reponse.json()["erreurs"]
    assert reponse.json()["detail"] == "Paramètres invalides."


@pytest.mark.parametrize(
    "q",
    [
        '" OR 1=1 --',
        "'; DROP TABLE carte_pointcarte; --",
        "recyclerie NEAR/2 atelier",
        "*",
        "^recyc*",
        'nom:"x"',
        "a AND (b OR",
        "-atelier",
        "recyclerie)",
    ],
)
def test_la_syntaxe_sql_ou_fts_dans_q_n_est_jamais_interpretee(client, semis, q):
    from urllib.parse import quote

    carte = client.get(f"/api/v1/carte/?bbox={FRANCE}&zoom=5&q={quote(q)}")
    liste = client.get(f"/api/v1/structures/?q={quote(q)}")
    assert carte.status_code == 200 and liste.status_code == 200
    assert carte.json()["count"] == liste.json()["count"]
    with connection.cursor() as c:
        c.execute("SELECT COUNT(*) FROM carte_pointcarte")
        assert c.fetchone()[0] == 60


def _etat_agregats():
    cellules = {
        (c.cle_filtre, c.niveau, c.cellule): (
            c.nombre,
            round(c.somme_lat, 6),
            round(c.somme_lon, 6),
            c.somme_id,
        )
        for c in CelluleCarte.objects.all()
    }
    facettes = {(f.cle_filtre, f.cle_facette): f.nombre for f in CompteFacette.objects.all()}
    return cellules, facettes


def test_la_maintenance_incrementale_egale_une_reconstruction_complete(client, semis):
    deplacee = semis[0]
    deplacee.latitude, deplacee.longitude = 43.6, 1.44  # to Toulouse
    deplacee.save()
    semis[1].themes.add(*list(semis[1].themes.model.objects.filter(code="energie")))
    semis[2].statut = StatutStructure.ARCHIVEE
    semis[2].save()
    semis[3].delete()
    semis[4].famille = "fondation"
    semis[4].save()
    incremental = _etat_agregats()
    assert reconstruire() == 58
    reconstruit = _etat_agregats()
    for i in (0, 1):
        manquants = {
            k: (incremental[i].get(k), reconstruit[i].get(k))
            for k in set(incremental[i]) ^ set(reconstruit[i])
        }
        differents = {
            k: (incremental[i][k], reconstruit[i][k])
            for k in set(incremental[i]) & set(reconstruit[i])
            if incremental[i][k] != reconstruit[i][k]
        }
        assert not manquants and not differents, (list(manquants.items())[:5], list(differents.items())[:5])
    toulouse = _carte(client, "bbox=1.3,43.5,1.6,43.7&zoom=12")
    assert [f["properties"].get("id") for f in toulouse["features"]] == [deplacee.pk]


def test_la_commande_reindexer_carte(semis, capsys):
    from django.core.management import call_command

    call_command("reindexer_carte", "--dry-run")
    assert "60 structures publiées seraient indexées" in capsys.readouterr().out
    Structure.objects.filter(pk=semis[0].pk).update(nom="Renommée sans signal")
    call_command("reindexer_carte")
    assert "Index reconstruit : 60 structures." in capsys.readouterr().out
    from essaim.carte.models import PointCarte

    assert PointCarte.objects.get(pk=semis[0].pk).nom == "Renommée sans signal"
