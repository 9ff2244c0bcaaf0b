"""The catalogue is valid against the DCAT-AP SHACL shapes shipped in essaim/opendata/shacl/
(pySHACL), and every CSV of the registry is valid against its own Table Schema (frictionless,
the validator of schema.data.gouv.fr). Small data built once for the module: a few records, the
hand-built SIRENE stocks of the observatory tests, two editions of a conference."""

import datetime
from pathlib import Path

import pytest
from frictionless import Dialect, Resource, Schema, formats
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import DCAT, RDF, SH

from essaim.commun.tests.partage import donnees_du_module
from essaim.opendata import registre

FORMES = Path(__file__).resolve().parents[1] / "shacl"


def _construire(dossier):
    from essaim.annuaire.reference import charger
    from essaim.carte.tests.factories import structure
    from essaim.clubs.tests.factories import ClubFactory, RencontreFactory
    from essaim.conference.tests.factories import AtelierFactory, ConferenceFactory
    from essaim.observatoire.services.import_sirene import ImportSirene
    from essaim.observatoire.tests.jeu_essai import ecrire_jeu
    from essaim.ressources.tests.factories import RessourceFactory

    charger()
    RessourceFactory(titre="Calculateur carbone", editeur_libre="UDES", date=datetime.date(2023, 5, 1))
    structure("Ressourcerie du Hainaut", themes=["energie"], siren="123456789")
    structure("Vélo Solidaire", commune="75056", latitude=48.85, longitude=2.35)
    ImportSirene(*ecrire_jeu(dossier)).executer()
    RencontreFactory(club=ClubFactory(membres_publics=True), date=datetime.date(2025, 6, 19))
    for annee, organisateurs in ((2024, "Chair'ESS\nAPES"), (2025, "CHAIR'ESS\nURSCOP")):
        conference = ConferenceFactory(annee=annee, slug=f"hdf-{annee}")
        AtelierFactory(
            conference=conference,
            organisateurs_libres=organisateurs,
            date=datetime.date(annee, 5, 12),
            participants_declares=18,
        )
    from essaim.accompagnement.services import territoires as accompagnes
    from essaim.territoires.models import EPCI

    arras = accompagnes.territoire_de(EPCI.objects.get(code="200033579"), "32")
    accompagnes.changer_statut_politique(arras, statut="ancree", date=datetime.date(2025, 1, 20))


@pytest.fixture(scope="module")
def donnees(django_db_setup, django_db_blocker, tmp_path_factory):
    dossier = tmp_path_factory.mktemp("sirene")
    yield from donnees_du_module(django_db_blocker, lambda: _construire(dossier))


def _contenu(reponse) -> bytes:
    return b"".join(reponse.streaming_content) if reponse.streaming else reponse.content


@pytest.mark.django_db
def test_le_catalogue_est_valide_contre_les_formes_dcat_ap(client, donnees):
    donnees_rdf = Graph().parse(data=client.get("/opendata/catalogue.ttl").content, format="turtle")
    formes = Graph()
    for fichier in sorted(FORMES.glob("*.ttl")):
        formes.parse(fichier, format="turtle")
    conforme, resultats, rapport = validate(
        donnees_rdf, shacl_graph=formes, inference="none", allow_warnings=True
    )
    assert conforme, rapport
    # Warnings (no temporal coverage, no date) only for datasets without any row yet.
    avertis = {str(n).rsplit("#", 1)[-1] for n in resultats.objects(None, SH.focusNode)}
    assert not {a for a in avertis if a.startswith(("structures", "observatoire", "liste", "conference"))}
    # The same catalogue in JSON-LD: same triples.
    jsonld = Graph().parse(data=client.get("/opendata/catalogue.jsonld").content, format="json-ld")
    assert len(jsonld) == len(donnees_rdf)
    jeux = {str(j).rsplit("#", 1)[-1] for j in donnees_rdf.subjects(RDF.type, DCAT.Dataset)}
    attendus = {
        "structures-32",
        "observatoire-chiffres-32",
        "liste-entreprises-ess-32-2025",
        "conference-ateliers-hdf-2024",
        "conference-chiffres-32",
    }
    assert attendus <= jeux


@pytest.mark.django_db
def test_les_formes_voient_une_distribution_sans_lien_de_telechargement(client, donnees):
    donnees_rdf = Graph().parse(data=client.get("/opendata/catalogue.ttl").content, format="turtle")
    distribution = next(donnees_rdf.subjects(RDF.type, DCAT.Distribution))
    donnees_rdf.remove((distribution, DCAT.downloadURL, None))
    formes = Graph().parse(FORMES / "essaim.ttl", format="turtle")
    conforme, _graphe, rapport = validate(donnees_rdf, shacl_graph=formes, inference="none")
    assert not conforme and "downloadURL" in rapport


@pytest.mark.django_db
@pytest.mark.parametrize("slug", [j.slug for j in registre.jeux() if "csv" in j.formats])
def test_chaque_csv_est_valide_contre_son_table_schema(client, donnees, slug, tmp_path):
    jeu = registre.jeu(slug)
    schema = Schema.from_descriptor(client.get(f"/opendata/{slug}.schema.json").json())
    declinaisons = list(jeu.declinaisons())[-1:] if jeu.declinaisons else []
    lignes = []
    for parametres in [{}, *[d.parametres for d in declinaisons]]:
        reponse = client.get(f"/opendata/{slug}.csv", parametres)
        assert reponse.status_code == 200, parametres
        chemin = tmp_path / f"{slug}.csv"
        chemin.write_bytes(_contenu(reponse))
        ressource = Resource(
            path=chemin.name,
            basepath=str(tmp_path),
            schema=schema,
            encoding="utf-8-sig",
            dialect=Dialect(controls=[formats.CsvControl(delimiter=",")]),
        )
        rapport = ressource.validate()
        assert rapport.valid, rapport.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
        lignes.append(rapport.task.stats.get("rows", 0))
    if slug in {
        "structures",
        "observatoire-chiffres",
        "liste-entreprises-ess",
        "conference-ateliers",
        "conference-chiffres",
        "ressources",
        "territoires-accompagnes",
    }:
        assert lignes[0] > 0, slug
