"""Search, facets, pages, JSON-LD, API and open data, on rows built once for the module."""

import json
import re

import pytest

from essaim.annuaire.models import Theme, Transition
from essaim.annuaire.reference import charger
from essaim.commun.tests.partage import donnees_du_module
from essaim.territoires.models import Commune, Departement, Region

from ..enums import Echelle, StatutRessource, TypeRessource
from .factories import RessourceFactory

pytestmark = pytest.mark.django_db


def _construire():
    charger()
    t = {x.code: x for x in Transition.objects.all()}
    lois = RessourceFactory(
        titre="Loi anti-gaspillage pour une économie circulaire",
        type=TypeRessource.TEXTE_JURIDIQUE,
        echelle=Echelle.FRANCE,
        editeur_libre="Ministère de la Transition écologique",
        date="2020-02-10",
    )
    lois.transitions.add(t["ecologique"])
    podcast = RessourceFactory(
        titre="Ces histoires qui font bouger l'ÉCO — Aisne Collecte, Soissons",
        type=TypeRessource.PODCAST,
        echelle=Echelle.COMMUNE,
        commune=Commune.objects.get(code="02722"),
        description="<p>Des déchets organiques transformés en énergie.</p>",
    )
    podcast.transitions.add(t["sociale"], t["ecologique"])
    podcast.themes.add(Theme.objects.get(code="gestion-ressources-dechets"))
    guide = RessourceFactory(titre="Je parle avec mon banquier", url="", editeur_libre="France Active")
    guide.transitions.add(t["economique"])
    RessourceFactory(
        titre="Guide normand du réemploi",
        region=Region.objects.get(code="28"),
        echelle=Echelle.DEPARTEMENT,
        departement=Departement.objects.get(code="14"),
    )
    RessourceFactory(titre="Guide en attente", statut=StatutRessource.EN_ATTENTE)
    for n in range(3):
        RessourceFactory(titre=f"Kit de sensibilisation {n}", type=TypeRessource.KIT)
    return {"podcast": podcast, "guide": guide, "loi": lois}


@pytest.fixture(scope="module")
def biblio(django_db_setup, django_db_blocker):
    yield from donnees_du_module(django_db_blocker, _construire)


def _api(client, requete=""):
    reponse = client.get(f"/api/v1/ressources/{requete}")
    return reponse.status_code, reponse.json()


def _titres(donnees):
    return {r["titre"] for r in donnees["results"]}


@pytest.mark.parametrize(
    ("requete", "attendus"),
    [
        ("?type=podcast", {"Ces histoires qui font bouger l'ÉCO — Aisne Collecte, Soissons"}),
        (
            "?type=podcast&type=texte_juridique",
            {
                "Ces histoires qui font bouger l'ÉCO — Aisne Collecte, Soissons",
                "Loi anti-gaspillage pour une économie circulaire",
            },
        ),
        ("?transition=economique", {"Je parle avec mon banquier"}),
        ("?theme=economie-circulaire", {"Ces histoires qui font bouger l'ÉCO — Aisne Collecte, Soissons"}),
        ("?territoire=france", {"Loi anti-gaspillage pour une économie circulaire"}),
        ("?territoire=commune:02722", {"Ces histoires qui font bouger l'ÉCO — Aisne Collecte, Soissons"}),
        # A bare two-character code is a région when one has it (02: Martinique), else a département.
        ("?territoire=02", set()),
        ("?territoire=departement:02", {"Ces histoires qui font bouger l'ÉCO — Aisne Collecte, Soissons"}),
        ("?territoire=28", {"Guide normand du réemploi"}),
        ("?territoire=14", {"Guide normand du réemploi"}),
        ("?q=dechets+ENERGIE", {"Ces histoires qui font bouger l'ÉCO — Aisne Collecte, Soissons"}),
        ("?q=france+active", {"Je parle avec mon banquier"}),
        ("?q=banquier&type=podcast", set()),
        ("?region=28", {"Guide normand du réemploi"}),
        ("?region=32&type=texte_juridique", {"Loi anti-gaspillage pour une économie circulaire"}),
    ],
)
def test_filtres_de_l_api(client, biblio, requete, attendus):
    code, donnees = _api(client, requete)
    assert code == 200
    assert _titres(donnees) == attendus
    assert donnees["count"] == len(attendus)


def test_region_inclut_ses_communes_mais_pas_le_national(client, biblio):
    _, donnees = _api(client, "?territoire=region:32")
    titres = _titres(donnees)
    assert "Ces histoires qui font bouger l'ÉCO — Aisne Collecte, Soissons" in titres
    assert "Loi anti-gaspillage pour une économie circulaire" not in titres
    assert "Guide en attente" not in titres and "Guide normand du réemploi" not in titres


def test_pagination_et_forme_des_resultats(client, biblio, monkeypatch):
    from essaim.commun.pagination import PaginationStricte

    monkeypatch.setattr(PaginationStricte, "page_size", 3)
    code, page1 = _api(client)
    assert code == 200 and page1["count"] == 7 and page1["previous"] is None
    assert page1["next"].endswith("/api/v1/ressources/?page=2")
    _, page3 = _api(client, "?page=3")
    assert len(page3["results"]) == 1 and page3["next"] is None
    podcast = next(r for r in _api(client, "?type=podcast")[1]["results"])
    assert podcast["territoire"] == {"echelle": "commune", "code": "02722", "libelle": "Soissons (02)"}
    assert podcast["transitions"] == ["ecologique", "sociale"]
    assert podcast["type_libelle"] == "Podcast ou média"
    assert podcast["page"].endswith(f"/ressources/{biblio['podcast'].slug}/")


@pytest.mark.parametrize(
    ("requete", "parametre", "message"),
    [
        ("?type=roman", "type", "Valeur inconnue : « roman »."),
        ("?transition=spatiale", "transition", "Valeur inconnue : « spatiale »."),
        ("?territoire=99999", "territoire", "inconnu"),
        ("?territoire=canton:12", "territoire", "niveau « canton » inconnu"),
        ("?page=", "page", "Un seul numéro de page"),
        ("?region=99", "region", "Région inconnue : « 99 »"),
    ],
)
def test_mauvais_filtres_400_en_francais(client, biblio, requete, parametre, message):
    code, donnees = _api(client, requete)
    assert code == 400
    texte = json.dumps(donnees, ensure_ascii=False)
    assert parametre in texte and message in texte


def test_liste_filtres_facettes_et_erreurs(client, biblio):
    page = client.get("/ressources/?transition=ecologique").content.decode()
    assert "2 ressources" in page
    assert re.search(r'value="podcast"[^>]*>\s*<label[^>]*>Podcast ou média \(1\)', page)
    assert 'role="search"' in page and '<label for="filtre-territoire">' in page
    assert "Soissons" not in page or "Aisne Collecte" in page
    page = client.get("/ressources/?type=roman").content.decode()
    assert "Certains critères de recherche ne sont pas valides" in page and "« roman »" in page


def test_page_d_une_ressource_et_json_ld(client, biblio):
    for cle, type_schema in (("podcast", "PodcastEpisode"), ("loi", "Legislation"), ("guide", "HowTo")):
        page = client.get(f"/ressources/{biblio[cle].slug}/").content.decode()
        brut = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
        donnees = json.loads(brut)
        assert donnees["@type"] == type_schema and donnees["@context"] == "https://schema.org"
        assert donnees["name"] == biblio[cle].titre
    podcast = json.loads(
        re.search(
            r'ld\+json">(.*?)</script>',
            client.get(f"/ressources/{biblio['podcast'].slug}/").content.decode(),
            re.S,
        ).group(1)
    )
    assert podcast["partOfSeries"]["name"] == "Ces histoires qui font bouger l'ÉCO"
    assert podcast["spatialCoverage"]["name"] == "Soissons (02)"


def test_donnees_ouvertes_csv_et_schema(client, biblio):
    reponse = client.get("/opendata/ressources.csv")
    assert reponse.status_code == 200
    contenu = b"".join(reponse.streaming_content).decode("utf-8-sig")
    assert contenu.splitlines()[0].startswith("slug,titre,type,url,editeur")
    assert "Je parle avec mon banquier" in contenu and "Guide en attente" not in contenu
    schema = client.get("/opendata/ressources.schema.json").json()
    assert [c["name"] for c in schema["fields"]][:3] == ["slug", "titre", "type"]
    assert client.get("/opendata/ressources.csv?type=roman").status_code == 400
    assert "Bibliothèque de ressources" in client.get("/opendata/").content.decode()
