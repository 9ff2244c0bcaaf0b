"""English is complete: every module's key page reads in English, every catalogue entry is translated."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from essaim.annuaire.tests.factories import StructureFactory
from essaim.conference.tests.factories import AtelierFactory, ConferenceFactory

CATALOGUES = sorted((Path(settings.BASE_DIR) / "essaim").glob("**/locale/en/LC_MESSAGES/django.po"))


def _en_anglais(client, url):
    reponse = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert reponse.status_code == 200, url
    page = reponse.content.decode()
    assert '<html lang="en">' in page, url
    return page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "attendus", "absents"),
    [
        (
            "/annuaire/",
            ["Directory of SSE organisations in transition", "Search the directory", "All regions"],
            ["Annuaire des structures", "Rechercher dans l'annuaire"],
        ),
        (
            "/carte/",
            ["Map of organisations", "Filter the organisations", "List of organisations"],
            ["Filtrer les structures", "Liste des structures"],
        ),
        (
            "/observatoire/",
            ["SSE observatory", "Choose an area", "Releases and sources"],
            ["Observatoire de l'ESS", "Choisir un territoire"],
        ),
        (
            "/opendata/",
            ["Licence", "Producer", "Field descriptions"],
            ["Description des champs", "Producteur"],
        ),
        ("/conferences/", ["Regional SSE conferences"], ["Conférences régionales de l'ESS"]),
        (
            "/ressources/",
            ["Resource library", "Search the library", "Type of resource", "All territories"],
            ["Bibliothèque de ressources", "Rechercher dans la bibliothèque"],
        ),
        ("/pilotage/", ["Strategic plans", "No plan to show."], ["Orientations stratégiques", "Aucun plan"]),
    ],
)
def test_pages_des_modules_en_anglais(client, url, attendus, absents):
    StructureFactory(nom="Recyclerie des Flandres")
    page = _en_anglais(client, url)
    for texte in attendus:
        assert texte in page, (url, texte)
    for texte in absents:
        assert texte not in page, (url, texte)


@pytest.mark.django_db
def test_edition_de_la_conference_en_anglais(client):
    atelier = AtelierFactory(capacite=20)
    conference = atelier.conference
    page = _en_anglais(client, f"/conferences/{conference.slug}/")
    for texte in (
        "Key figures",
        "<strong>1</strong> workshop</li>",
        "<strong>0</strong> participants</li>",
        "The transitions",
        "see the workshops",
        "Workshop calendar",
    ):
        assert texte in page, texte
    assert "Chiffres clés" not in page and "Les transitions" not in page
    page = _en_anglais(client, f"/conferences/{conference.slug}/ateliers/")
    assert "1 workshop." in page and "Download the workshops:" in page and "by month" in page
    page = _en_anglais(client, atelier.get_absolute_url())
    assert "Approved workshop of the conference" in page and "20 left" in page and "Register me" in page
    # French stays the default, word for word.
    page = client.get(f"/conferences/{conference.slug}/ateliers/").content.decode()
    assert '<html lang="fr">' in page and "1 atelier." in page
    assert "0 atelier." in client.get(f"/conferences/{ConferenceFactory().slug}/ateliers/").content.decode()


@pytest.mark.django_db
def test_le_choix_de_langue_vaut_pour_l_annuaire(client):
    StructureFactory(nom="Recyclerie des Flandres")
    client.post("/i18n/setlang/", {"language": "en", "next": "/annuaire/"})
    page = client.get("/annuaire/").content.decode()
    assert "Directory of SSE organisations in transition" in page and "1 organisation" in page


def _entrees(chemin: Path):
    """(msgid, [msgstr...], flags) of each entry of a .po file; enough of the format for a check."""
    entrees, courante, champ = [], None, None
    for ligne in chemin.read_text(encoding="utf-8").splitlines() + [""]:
        if not ligne.strip():
            if courante:
                entrees.append(courante)
            courante, champ = None, None
            continue
        if courante is None:
            courante = {"msgid": "", "msgstr": {}, "flags": set()}
        if ligne.startswith("#,"):
            courante["flags"].update(f.strip() for f in ligne[2:].split(","))
        elif ligne.startswith("#"):
            continue
        elif m := re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', ligne):
            champ = m.group(1)
            if champ.startswith("msgstr"):
                courante["msgstr"][champ] = m.group(2)
            else:
                courante[champ] = m.group(2)
        elif ligne.startswith('"') and champ:
            if champ.startswith("msgstr"):
                courante["msgstr"][champ] += ligne[1:-1]
            else:
                courante[champ] += ligne[1:-1]
    return [e for e in entrees if e["msgid"]]


def _texte(chaine: str) -> str:
    """A .po string literal without its C escapes (as in the compiled catalogue)."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), chaine)


def test_les_catalogues_sont_complets_et_compiles():
    assert len(CATALOGUES) >= 2
    for chemin in CATALOGUES:
        entrees = _entrees(chemin)
        # The shared catalogue holds most strings; an app's own catalogue may be smaller.
        assert len(entrees) > (300 if chemin.parts[-4] == "essaim" else 30), chemin
        vides = [e["msgid"] for e in entrees if not all(e["msgstr"].values())]
        floues = [e["msgid"] for e in entrees if "fuzzy" in e["flags"]]
        assert vides == [], (chemin, vides[:10])
        assert floues == [], (chemin, floues[:10])
        pluriels = [e for e in entrees if "msgid_plural" in e]
        assert all(set(e["msgstr"]) == {"msgstr[0]", "msgstr[1]"} for e in pluriels), chemin
        # The committed .mo holds the same translations (compilemessages was run).
        with chemin.with_suffix(".mo").open("rb") as fichier:
            compile = gettext.GNUTranslations(fichier)._catalog
        cles = {(f"{e['msgctxt']}\x04" if "msgctxt" in e else "") + _texte(e["msgid"]) for e in entrees}
        manquantes = [c for c in cles if c not in compile and (c, 0) not in compile]
        assert manquantes == [], (f"{chemin.with_suffix('.mo')} à recompiler", manquantes[:10])
