"""The DCAT-AP catalogue (JSON-LD and Turtle) and the conditional responses of every file."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from essaim.carte.tests.factories import structure
from essaim.opendata import registre

pytestmark = pytest.mark.django_db


@pytest.fixture
def donnees(vocabulaires):
    structure("Ressourcerie du Hainaut", themes=["energie"])  # Lille: Hauts-de-France
    structure("Vélo Solidaire", commune="75056", latitude=48.85, longitude=2.35)


def _graphe(client, format="jsonld") -> Graph:
    reponse = client.get(f"/opendata/catalogue.{format}")
    assert reponse.status_code == 200
    return Graph().parse(data=reponse.content, format="json-ld" if format == "jsonld" else "turtle")


def test_le_catalogue_jsonld_se_lit_en_rdf_avec_ses_jeux_et_distributions(client, donnees):
    g = _graphe(client)
    jeux = set(g.subjects(RDF.type, DCAT.Dataset))
    assert len(jeux) >= 4
    distributions = set(g.subjects(RDF.type, DCAT.Distribution))
    assert distributions
    for d in distributions:
        assert g.value(d, DCAT.downloadURL) is not None, d
        assert g.value(d, DCAT.mediaType) is not None, d
    # Every registered dataset is there, and the directory once more per région.
    identifiants = {str(g.value(j, DCTERMS.identifier)) for j in jeux}
    assert {j.slug for j in registre.jeux()} <= identifiants
    assert {"structures-32", "structures-11"} <= identifiants


def test_chaque_jeu_porte_les_metadonnees_demandees(client, donnees):
    g = _graphe(client, "ttl")
    jeu = g.value(predicate=DCTERMS.identifier, object=Literal("structures-32"))
    assert "Hauts-de-France" in str(g.value(jeu, DCTERMS.title))
    assert g.value(jeu, DCTERMS.spatial) == URIRef("http://id.insee.fr/geo/region/32")
    assert g.value(jeu, DCTERMS.license) == URIRef("https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
    for propriete in (DCTERMS.publisher, DCAT.contactPoint, DCTERMS.accrualPeriodicity, DCAT.theme):
        assert g.value(jeu, propriete) is not None, propriete
    assert g.value(jeu, DCTERMS.modified) is not None
    csv = next(d for d in g.objects(jeu, DCAT.distribution) if str(d).endswith(".csv"))
    assert str(g.value(csv, DCAT.downloadURL)).endswith("/opendata/structures.csv?region=32")
    assert str(g.value(csv, DCTERMS.conformsTo)).endswith("/opendata/structures.schema.json")
    assert str(g.value(csv, DCAT.mediaType)).endswith("/text/csv")


def test_fichier_etag_last_modified_et_reponse_304(client, donnees):
    reponse = client.get("/opendata/structures.csv?region=32")
    etag, date = reponse["ETag"], reponse["Last-Modified"]
    assert etag.startswith('"') and date.endswith("GMT")
    assert client.get("/opendata/structures.csv?region=32", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/opendata/structures.csv?region=32", HTTP_IF_MODIFIED_SINCE=date).status_code == 304
    # Other parameters, another format, or new data: another ETag.
    assert client.get("/opendata/structures.csv?region=11")["ETag"] != etag
    assert client.get("/opendata/structures.json?region=32")["ETag"] != etag
    structure("Nouvelle venue")
    apres = client.get("/opendata/structures.csv?region=32", HTTP_IF_NONE_MATCH=etag)
    assert apres.status_code == 200 and apres["ETag"] != etag


@pytest.mark.parametrize("chemin", ["/opendata/catalogue.jsonld", "/opendata/structures.schema.json"])
def test_catalogue_et_schema_ont_un_etag(client, donnees, chemin):
    etag = client.get(chemin)["ETag"]
    assert client.get(chemin, HTTP_IF_NONE_MATCH=etag).status_code == 304
