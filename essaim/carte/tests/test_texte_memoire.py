"""Text queries answered from the in-memory filter columns: same answers as SQL, kept fresh
by the index journal, tiered ranking above the BM25 threshold (both backends)."""

import random

import pytest
from django.db import connection

from essaim.annuaire.models import Structure, Theme
from essaim.carte.services import liste, memoire, texte
from essaim.carte.services.filtres import Filtres, lire_filtres
from essaim.commun.tests.partage import donnees_du_module

from .factories import structure

pytestmark = pytest.mark.django_db

COMMUNES = ["59350", "80021", "62041", "75056", "13055", "42218", "2A004"]
THEMES = ["seconde-vie-produits", "energie", "mobilite", "biodiversite-eau"]


def _semer():
    from essaim.annuaire.reference import charger

    charger()
    rng = random.Random(7)
    return [
        structure(
            f"{rng.choice(['Recyclerie', 'Atelier', 'Jardin'])} numéro {i}",
            commune=rng.choice(COMMUNES),
            themes=rng.sample(THEMES, k=rng.choice((1, 2))),
            transitions=rng.sample(["ecologique", "sociale"], k=1),
            famille=rng.choice(["association", "cooperative"]),
            description=rng.choice(["Réemploi et réparation.", "Vélo et recyclerie.", "Potager."]),
        ).pk
        for i in range(60)
    ]


@pytest.fixture(scope="module")
def _corpus_du_module(django_db_setup, django_db_blocker):
    # Built once for the module; tests change it only inside their rolled-back savepoint.
    yield from donnees_du_module(django_db_blocker, _semer)


@pytest.fixture
def corpus(db, _corpus_du_module):
    memoire.oublier()
    yield list(Structure.objects.filter(pk__in=_corpus_du_module).order_by("pk"))
    memoire.oublier()


def _sql(filtres: Filtres) -> dict:
    """The reference: the SQL path of the facet counts (join of the full-text matches)."""
    return liste._comptes_directs(filtres)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "recyclerie"},
        {"q": "recyclerie", "theme": "energie"},
        {"q": "atelier", "departement": "59,80"},
        {"q": "reemploi", "famille": "cooperative", "transition": "sociale"},
        {"q": "jardin", "commune": "75056"},  # Paris includes its arrondissements
        {"q": "velo", "region": "32", "theme": "mobilite,energie"},
        {"q": "numero", "commune": "2A004"},
    ],
)
def test_comptes_et_facettes_identiques_au_sql(corpus, params):
    filtres = lire_filtres(params)
    attendu = _sql(Filtres(q=filtres.q, mots=filtres.mots, valeurs=filtres.valeurs))
    assert texte.comptes_facettes(filtres) == attendu
    assert liste.compter(lire_filtres(params)) == attendu.get("", 0)


def test_la_memoire_suit_modifications_suppressions_et_ajouts(corpus, client):
    def facettes(**params):
        return client.get("/api/v1/structures/facettes/", params).json()

    avant = facettes(q="recyclerie", theme="energie")["count"]
    cible = next(
        s for s in corpus if s.nom.startswith("Recyclerie") and not s.themes.filter(code="energie").exists()
    )
    cible.themes.add(*Theme.objects.filter(code="energie"))
    assert facettes(q="recyclerie", theme="energie")["count"] == avant + 1
    cible.delete()
    assert facettes(q="recyclerie", theme="energie")["count"] == avant
    structure("Recyclerie toute neuve", commune="80021", themes=["energie"])
    apres = facettes(q="recyclerie", theme="energie")
    assert apres["count"] == avant + 1
    somme = next(f for f in apres["facettes"]["departement"] if f["valeur"] == "80")
    assert somme["libelle"] == "Somme" and somme["count"] >= 1


def test_un_journal_inconnu_recharge_tout(corpus):
    c = memoire.colonnes()
    n = len(c.ids)
    with connection.cursor() as curseur:
        curseur.execute("DELETE FROM carte_journalindex")  # e.g. index rebuilt or journal pruned
        memoire.journaliser(curseur, [0])
    assert memoire.colonnes() is not c
    assert len(memoire.colonnes().ids) == n


def test_classement_par_paliers_au_dessus_du_seuil(corpus, client, monkeypatch):
    structure("Plateforme", description="Une recyclerie citée seulement dans la description.")
    monkeypatch.setattr(texte, "SEUIL_CLASSEMENT", 3)
    reponse = client.get("/api/v1/structures/", {"q": "recyclerie", "page_size": 100}).json()
    noms = [r["nom"] for r in reponse["results"]]
    assert reponse["count"] == len(noms)
    dans_le_nom = [n for n in noms if "Recyclerie" in n]
    # Every structure whose name matches comes first, the newest first.
    assert noms[: len(dans_le_nom)] == dans_le_nom
    assert dans_le_nom == sorted(dans_le_nom, key=lambda n: -int(n.split()[-1]))
    assert "Plateforme" in noms[len(dans_le_nom) :]
    # Pages follow the same order.
    page2 = client.get("/api/v1/structures/", {"q": "recyclerie", "page_size": 5, "page": 2}).json()
    assert [r["nom"] for r in page2["results"]] == noms[5:10]


def test_recherche_par_siren_ou_siret(vocabulaires, client):
    structure("Épicerie du Canal", siren="123456789", siret="12345678900012")
    assert [
        r["nom"] for r in client.get("/api/v1/structures/", {"q": "12345678900012"}).json()["results"]
    ] == ["Épicerie du Canal"]
    assert client.get("/api/v1/structures/", {"q": "123456789"}).json()["count"] == 1
