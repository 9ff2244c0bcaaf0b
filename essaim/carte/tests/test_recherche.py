"""Full-text search, identical behaviour on both backends (SQLite FTS5 / PostgreSQL)."""

import pytest
from django.db import connection

from essaim.carte.recherche import moteur
from essaim.carte.recherche.texte import distance_un, mots_requete, plier

from .factories import structure

pytestmark = pytest.mark.django_db


@pytest.fixture
def annuaire(vocabulaires):
    return {
        "recyclerie": structure(
            "Recyclerie de l'Épinette",
            themes=["seconde-vie-produits"],
            description="<p>Collecte et <strong>réemploi</strong> d'objets.</p>",
        ),
        "energie": structure("Énergies Citoyennes", sigle="ECHDF", themes=["energie"], famille="cooperative"),
        "velo": structure(
            "Atelier du Vieux-Lille",
            commune="59350",
            themes=["mobilite"],
            description="Atelier de réparation de vélos ; ancienne recyclerie de pièces.",
        ),
        "amiens": structure(
            "Jardin partagé", commune="80021", latitude=49.894, longitude=2.2957, themes=["biodiversite-eau"]
        ),
        "etienne": structure("Tiers-lieu Sainte-Étienne", commune="42218", latitude=45.43, longitude=4.39),
    }


def chercher(client, q, **filtres):
    params = {"q": q, **filtres}
    reponse = client.get("/api/v1/structures/", params)
    assert reponse.status_code == 200, reponse.content
    return [r["nom"] for r in reponse.json()["results"]]


def test_insensible_aux_accents_et_a_la_casse(client, annuaire):
    assert chercher(client, "energies citoyennes") == ["Énergies Citoyennes"]
    assert chercher(client, "ÉNERGIES") == ["Énergies Citoyennes"]
    assert chercher(client, "epinette") == ["Recyclerie de l'Épinette"]


def test_trouve_les_mots_du_nom_du_sigle_de_la_description_des_themes_et_de_la_commune(client, annuaire):
    assert chercher(client, "echdf") == ["Énergies Citoyennes"]
    assert chercher(client, "reemploi") == ["Recyclerie de l'Épinette"]
    assert chercher(client, "biodiversite") == ["Jardin partagé"]  # theme label
    assert chercher(client, "amiens") == ["Jardin partagé"]  # commune
    assert chercher(client, "somme") == ["Jardin partagé"]  # département
    assert set(chercher(client, "lille")) == {
        "Recyclerie de l'Épinette",
        "Énergies Citoyennes",
        "Atelier du Vieux-Lille",
    }


def test_saint_et_st_se_valent(client, annuaire):
    assert chercher(client, "ste etienne") == ["Tiers-lieu Sainte-Étienne"]


def test_tous_les_mots_doivent_correspondre_et_le_dernier_en_prefixe(client, annuaire):
    assert chercher(client, "atelier lille") == ["Atelier du Vieux-Lille"]
    assert chercher(client, "recycl") == ["Recyclerie de l'Épinette", "Atelier du Vieux-Lille"]
    assert chercher(client, "recyclerie amiens") == []


def test_classe_le_nom_avant_la_description(client, annuaire):
    assert chercher(client, "recyclerie") == ["Recyclerie de l'Épinette", "Atelier du Vieux-Lille"]


@pytest.mark.parametrize(
    "faute, attendu",
    [
        ("recyclrie", "Recyclerie de l'Épinette"),
        ("recylcerie", "Recyclerie de l'Épinette"),
        ("energeis", "Énergies Citoyennes"),
        ("jardinn", "Jardin partagé"),
        ("ateleir", "Atelier du Vieux-Lille"),
    ],
)
def test_tolere_une_faute_de_frappe(client, annuaire, faute, attendu):
    assert attendu in chercher(client, faute)


def test_deux_fautes_ne_trouvent_rien_plutot_que_n_importe_quoi(client, annuaire):
    assert chercher(client, "rcyclrie") == []


def test_les_filtres_s_appliquent_a_la_recherche(client, annuaire):
    assert chercher(client, "recyclerie", theme="mobilite") == ["Atelier du Vieux-Lille"]
    assert chercher(client, "recyclerie", departement="80") == []


def test_la_recherche_suit_les_modifications_et_suppressions(client, annuaire):
    s = annuaire["amiens"]
    s.nom = "Potager des Hortillonnages"
    s.save()
    assert chercher(client, "hortillonnages") == ["Potager des Hortillonnages"]
    assert chercher(client, "jardin") == []
    s.delete()
    assert chercher(client, "hortillonnages") == []


def test_les_mots_de_la_requete_sont_reduits_a_des_lettres_et_chiffres():
    assert mots_requete('"Recyclerie" OR 1=1; -- NEAR(x)') == ["recyclerie", "or", "1", "near", "x"]
    assert mots_requete("l'économie de la mer") == ["economie", "mer"]
    assert plier("Œuvre à Saint-Omer") == "oeuvre a st omer"
    assert distance_un("recyclerie", "recylcerie") and not distance_un("recyclerie", "rcyclrie")


def test_le_moteur_correspond_a_la_base(annuaire):
    attendu = {"sqlite": "sqlite-fts5", "postgresql": "postgresql-tsvector-trgm"}[connection.vendor]
    assert moteur().nom == attendu
    assert moteur().corriger("recyclrie") == ["recyclerie"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite uniquement")
def test_sqlite_table_fts5_synchronisee_par_declencheurs(annuaire):
    with connection.cursor() as c:
        c.execute("SELECT COUNT(*) FROM carte_recherche WHERE carte_recherche MATCH 'epinette'")
        assert c.fetchone()[0] == 1
        c.execute("SELECT COUNT(*) FROM carte_variantemot WHERE variante = 'recyclrie'")
        assert c.fetchone()[0] == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL uniquement")
def test_postgresql_vecteur_pondere_et_trigrammes(annuaire):
    with connection.cursor() as c:
        c.execute("SELECT COUNT(*) FROM carte_recherche_pg WHERE vecteur @@ to_tsquery('simple', 'epinette')")
        assert c.fetchone()[0] == 1
        c.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert c.fetchone() is not None


def _postings_et_vecteurs(mot: str, prefixe: bool, nom_seulement: bool):
    """(ids read from the postings, ids the weighted tsvectors match): the reference."""
    from essaim.carte.recherche.base import Terme

    m = moteur()
    expr = f"{mot}:*" if prefixe else mot
    if nom_seulement:
        expr += "A" if prefixe else ":A"
    with connection.cursor() as c:
        c.execute(
            "SELECT structure_id FROM carte_recherche_pg WHERE vecteur @@ to_tsquery('simple', %s)", [expr]
        )
        attendu = sorted(r[0] for r in c.fetchall())
    return m.ids_texte([Terme(mot, ((mot, prefixe),))], nom_seulement=nom_seulement).tolist(), attendu


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL uniquement")
def test_postgresql_les_listes_de_postings_suivent_creations_modifications_et_suppressions(annuaire):
    from essaim.annuaire.models import Structure
    from essaim.carte.services.reconstruction import reconstruire

    mots = [
        ("recyclerie", False),
        ("rec", True),
        ("lille", False),
        ("atelier", False),
        ("canal", False),
        ("jardin", True),
        ("energies", False),
        ("epinette", False),
    ]

    def verifier():
        for mot, prefixe in mots:
            for nom_seulement in (False, True):
                lus, attendus = _postings_et_vecteurs(mot, prefixe, nom_seulement)
                assert lus == attendus, (mot, prefixe, nom_seulement)

    verifier()
    assert _postings_et_vecteurs("recyclerie", False, True)[0] == [annuaire["recyclerie"].pk]
    # The name changes: its old words leave the name postings, the new ones come in.
    recyclerie = annuaire["recyclerie"]
    recyclerie.nom = "Ressourcerie du Canal"
    recyclerie.save()
    verifier()
    assert _postings_et_vecteurs("canal", False, True)[0] == [recyclerie.pk]
    assert recyclerie.pk not in _postings_et_vecteurs("recyclerie", False, True)[0]
    # Unpublished then deleted: gone from every list.
    Structure.objects.filter(pk=annuaire["velo"].pk).delete()
    nouveau = structure("Atelier vélo du canal", description="Recyclerie de vélos")
    verifier()
    assert nouveau.pk in _postings_et_vecteurs("canal", False, False)[0]
    assert annuaire["velo"].pk not in _postings_et_vecteurs("atelier", False, False)[0]
    # The bulk rebuild gives the same lists as the row by row trigger.
    avant = {(m, p): _postings_et_vecteurs(m, p, False)[0] for m, p in mots}
    reconstruire()
    verifier()
    assert {(m, p): _postings_et_vecteurs(m, p, False)[0] for m, p in mots} == avant
