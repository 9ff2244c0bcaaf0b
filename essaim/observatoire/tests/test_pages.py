import pytest

from essaim.observatoire.services.import_sirene import ImportSirene

pytestmark = pytest.mark.django_db


@pytest.fixture
def importe(jeu):
    return ImportSirene(*jeu).executer()


def test_page_departement_montre_chiffres_source_et_repartitions(client, importe):
    html = client.get("/observatoire/departement/59/").content.decode()
    assert "<h1>Nord</h1>" in html
    assert "établissements actifs de l'ESS" in html
    assert "stock du 01/11/2025" in html
    assert "marquées ESS" in html
    assert 'role="img"' in html and '<title id="g-familles-titre">' in html
    assert "Société commerciale de l&#x27;ESS" in html
    assert "Hauts-de-France" in html  # enclosing territory in the comparison
    assert "emplois salariés (estimation)" in html
    assert "/observatoire/departement/59/familles.csv" in html


def _carte(html: str, ident: str) -> str:
    debut = html.index(f'id="{ident}"')
    return html[debut : html.index("</svg>", debut)]


def test_page_region_a_une_carte_des_departements_et_les_epci(client, importe):
    import re

    html = client.get("/observatoire/region/32/").content.decode()
    carte = _carte(html, "carte-departement-etablissements")
    # One path per département of the région, with its INSEE code and a title (name, value).
    assert sorted(re.findall(r'<path data-code="(\w+)"', carte)) == ["02", "59", "60", "62", "80"]
    assert re.search(r"<title>Nord \(59\) : \d+</title>", carte)
    assert re.search(r'data-code="59" d="M[\d.,\s]+', carte)
    assert 'role="img"' in carte and "<desc" in carte
    part = _carte(html, "carte-departement-part")
    assert re.search(r"<title>Nord \(59\) : [\d,]+\u00a0%</title>", part)
    assert 'class="legende"' in html and "Natural Earth" in html
    assert "/observatoire/departement/62/" in html
    assert "Métropole Européenne de Lille" in html
    # EPCI outlines are not loaded yet: the page says so and keeps the table and the bars.
    assert "Les contours des EPCI ne sont pas chargés" in html
    assert 'id="carte-epci-etablissements"' not in html


def test_carte_des_epci_d_un_departement_une_fois_les_contours_charges(client, importe):
    import re
    from io import StringIO
    from pathlib import Path

    from django.core.management import call_command

    fichier = Path(__file__).parents[2] / "territoires/tests/donnees/contours-epci.geojson"
    call_command("charger_contours", str(fichier), "--niveau", "epci", stdout=StringIO())
    html = client.get("/observatoire/departement/59/").content.decode()
    carte = _carte(html, "carte-epci-etablissements")
    assert sorted(re.findall(r'<path data-code="(\d+)"', carte)) == ["200041960", "200093201"]
    assert re.search(r"<title>Métropole Européenne de Lille \(200093201\) : \d+</title>", carte)
    # The other EPCI of the Nord have no outline in this small file: named under the map.
    assert "Sans contour sur la carte" in html
    assert "Les contours des EPCI ne sont pas chargés" not in html


def test_territoire_inconnu_donne_404(client, importe):
    assert client.get("/observatoire/departement/XX/").status_code == 404


def test_export_csv_et_xlsx_d_un_tableau(client, importe):
    reponse = client.get("/observatoire/departement/59/familles.csv")
    contenu = b"".join(reponse.streaming_content).decode("utf-8-sig")
    assert contenu.splitlines()[0] == "famille,etablissements,part"
    assert "Association,2,0.5" in contenu
    xlsx = client.get("/observatoire/region/32/departement.xlsx")
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"


def test_recherche_de_territoire(client, importe):
    html = client.get("/observatoire/", {"q": "Nord"}).content.decode()
    assert "/observatoire/departement/59/" in html
    html = client.get("/observatoire/", {"q": "Lille"}).content.decode()
    assert "/observatoire/commune/59350/" in html


def unescape(texte: str) -> str:
    import html

    return html.unescape(texte)


def texte_pdf(contenu: bytes) -> str:
    import io

    from pypdf import PdfReader

    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(contenu)).pages)


def test_portrait_pdf_est_genere_puis_servi_depuis_le_stockage(client, importe):
    from essaim.commun.models import DocumentGenere

    url = "/observatoire/departement/59/portrait.pdf"
    # While it is being prepared, the PDF's URL sends to a separate progress page (never HTML
    # named .pdf); once ready, the URL answers the PDF itself.
    attente = client.get(url, follow=True)
    page = " ".join(unescape(attente.content.decode()).split())
    assert attente.redirect_chain[0][1] == 303 and attente.redirect_chain[0][0].startswith("/documents/")
    # The tests' immediate backend built it at once: the progress page links to the PDF.
    assert attente.status_code == 200 and "Le document est prêt." in page and f'href="{url}"' in page
    assert "<title>Portrait de l'ESS — Nord — Essaim</title>" in page
    reponse = client.get(url)
    assert reponse["Content-Type"] == "application/pdf"
    assert reponse["Content-Disposition"] == 'inline; filename="portrait-ess-departement-59.pdf"'
    contenu = b"".join(reponse.streaming_content)
    assert "Nord" in texte_pdf(contenu) and "SIRENE" in texte_pdf(contenu)
    # The publisher (logo and name) on top, the level on its own line: no dangling separator.
    premiere = " ".join(texte_pdf(contenu).split())
    assert premiere.startswith("CRESS (chambre régionale de l'économie sociale et solidaire)")
    assert "Département Source" in premiere and "Département ·" not in premiere
    assert DocumentGenere.objects.get().objet == "departement:59"
    assert b"".join(client.get(url).streaming_content) == contenu


def test_accueil_sans_millesime_explique_quoi_faire(client):
    html = client.get("/observatoire/").content.decode()
    assert "Aucun millésime publié" in html


def test_le_portrait_n_est_jamais_rendu_dans_la_requete(client, importe, file_de_taches):
    """With the production queue, the request only enqueues; the worker renders; a new figure
    imported for the territory gives a new version."""
    from essaim.observatoire.models import ChiffreImporte

    url = "/observatoire/departement/62/portrait.pdf"
    for _ in range(2):
        reponse = client.get(url, follow=True)
        assert reponse.status_code == 202
        assert "Le document est en préparation" in reponse.content.decode()
    assert file_de_taches.etats() == ["READY"]
    file_de_taches.travailler()
    assert "Pas-de-Calais" in texte_pdf(b"".join(client.get(url).streaming_content))
    ChiffreImporte.objects.create(
        source="INSEE Flores", millesime="2021", niveau="departement", code="62", annee=2021, emplois=4242
    )
    assert client.get(url).status_code == 303
    assert file_de_taches.etats() == ["SUCCESSFUL", "READY"]


def test_les_tableaux_exportes_n_ecrivent_aucune_formule(client, importe):
    import csv
    import io

    from openpyxl import load_workbook

    from essaim.territoires.models import Departement

    Departement.objects.filter(code="59").update(nom="=1+1")
    texte = b"".join(client.get("/observatoire/region/32/departement.csv").streaming_content)
    noms = {ligne["nom"] for ligne in csv.DictReader(io.StringIO(texte.decode("utf-8-sig")))}
    assert "'=1+1" in noms and "=1+1" not in noms
    xlsx = b"".join(client.get("/observatoire/region/32/departement.xlsx").streaming_content)
    cellules = [ligne[0] for ligne in load_workbook(io.BytesIO(xlsx)).active.iter_rows(min_row=2)]
    assert ("=1+1", "s") in {(c.value, c.data_type) for c in cellules}


def test_le_portrait_a_les_memes_cartes(importe):
    import re

    from django.template.loader import render_to_string

    from essaim.observatoire.services.page import contexte_territoire

    html = render_to_string("observatoire/portrait.html", contexte_territoire("region", "32"))
    carte = _carte(html, "carte-departement-etablissements")
    assert sorted(re.findall(r'<path data-code="(\w+)"', carte)) == ["02", "59", "60", "62", "80"]
    assert 'id="carte-departement-part"' in html and "Natural Earth" in html
    # No EPCI outline loaded: said in the PDF too.
    assert "Aucun contour chargé pour ces territoires" in html


def test_les_cartes_se_lisent_en_anglais(client, importe):
    html = client.get("/observatoire/region/32/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The EPCI outlines are not loaded" in html
    assert "Les contours des EPCI" not in html


def test_la_page_d_attente_ne_renvoie_jamais_vers_un_autre_site(client, importe):
    from essaim.commun.models import DocumentGenere

    client.get("/observatoire/departement/59/portrait.pdf")
    document = DocumentGenere.objects.get()
    reponse = client.get(f"/documents/{document.pk}/?url=//exemple.org/x.pdf&retour=https://exemple.org/")
    assert reponse.status_code == 302 and reponse["Location"] == "/"
