"""The main pages read in English: no French word left in what the interface itself says
(breadcrumbs, headings, table titles and headers, chart titles, sources). Data stay as they were
entered (names, workshop titles, summaries): the report's French content is marked lang="fr"."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

# Words of the interface, never of the data these tests load.
FRANCAIS = re.compile(
    r"\b(Accueil|Observatoire|[ÉéEe]tablissements?|Territoires?|Télécharger|Rechercher|millésime|"
    r"Sommaire|Présentation|Données|Fil d'Ariane|Comparaison|Synthèses?|Ateliers|Tranche|"
    r"Famille|Part de|Aucune?|Diagramme|Carte choroplèthe|enjeux|importées|Indicateur|Écart|"
    r"Structures publiées|Dont employeurs|Emplois|Mois|Liste des|participants en moyenne)\b"
)
# Names of places and of a French legal status, which have no English form.
NOMS_PROPRES = (
    "Territoire de Belfort",
    "Territoire Nord Picardie",
    "Établissement et service d'accompagnement",
)
VIDES = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Texte(HTMLParser):
    """Text, titles and ARIA labels of a page, skipping scripts, styles and lang="fr" blocks."""

    def __init__(self):
        super().__init__()
        self.pile, self.morceaux = [], []

    def handle_starttag(self, balise, attributs):
        attributs = dict(attributs)
        ignore = balise in ("script", "style") or attributs.get("lang") == "fr" and balise != "html"
        if not any(self.pile) and not ignore:
            self.morceaux += [attributs[a] for a in ("aria-label", "title", "alt") if attributs.get(a)]
        if balise not in VIDES:
            self.pile.append(ignore)

    def handle_endtag(self, balise):
        if balise not in VIDES and self.pile:
            self.pile.pop()

    def handle_data(self, donnees):
        if not any(self.pile) and donnees.strip():
            self.morceaux.append(donnees.strip())


def francais_restant(html: str) -> list[str]:
    lecteur = _Texte()
    lecteur.feed(html)
    textes = [re.sub("|".join(NOMS_PROPRES), "", m) for m in lecteur.morceaux]
    return sorted({m for m in textes if FRANCAIS.search(m)})


@pytest.fixture(autouse=True)
def _francais_ensuite():
    """A request in English leaves English active in this thread (LocaleMiddleware does not
    reset it): the tests that follow, in the same process, expect French."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def donnees(db, tmp_path):
    from essaim.annuaire.reference import charger
    from essaim.carte.tests.factories import structure
    from essaim.conference.tests.test_import import CSV
    from essaim.observatoire.services.import_sirene import ImportSirene
    from essaim.observatoire.tests.jeu_essai import ecrire_jeu

    charger()
    structure("Recyclerie Zeta", themes=["seconde-vie-produits"], famille="association")
    ImportSirene(*ecrire_jeu(tmp_path)).executer()
    call_command(
        "conference_import", "hdf-2023", str(CSV), "--region", "32", "--annee", "2023", stdout=io.StringIO()
    )


def test_le_detecteur_voit_le_francais_hors_des_blocs_marques():
    html = '<nav aria-label="Fil d\'Ariane"><a>Home</a></nav><p lang="fr">Les ateliers</p><h2>Sommaire</h2>'
    assert francais_restant(html) == ["Fil d'Ariane", "Sommaire"]


def test_les_pages_principales_en_anglais_sans_mot_francais(client, donnees):
    trouves = {}
    for url in (
        "/",
        "/annuaire/",
        "/annuaire/recyclerie-zeta/",
        "/carte/",
        "/observatoire/",
        "/observatoire/region/32/",
        "/observatoire/departement/59/",
        "/conferences/hdf-2023/",
        "/conferences/hdf-2023/rapport/",
    ):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert '<html lang="en">' in html, url
        if restant := francais_restant(html):
            trouves[url] = restant
    assert trouves == {}, "\n".join(f"{u} : {t}" for u, ts in trouves.items() for t in ts)
    rapport = client.get("/conferences/hdf-2023/rapport/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h2>2. Key figures on the workshops</h2>" in rapport and ">Contents</h2>" in rapport
    departement = client.get("/observatoire/departement/59/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Active establishments by SSE family" in departement and ">Observatory</a>" in departement
