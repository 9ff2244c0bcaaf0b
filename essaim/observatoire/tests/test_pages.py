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


def test_page_region_a_une_carte_des_departements_et_les_epci(client, importe):
    html = client.get("/observatoire/region/32/").content.decode()
    assert 'class="carte-choroplethe"' in html
    assert "/observatoire/departement/62/" in html
    assert "Métropole Européenne de Lille" in html
    assert "CC-BY-4.0" in html


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


def test_portrait_pdf_est_genere_puis_servi_depuis_le_cache(client, importe):
    import io

    from pypdf import PdfReader

    from essaim.observatoire.models import Portrait

    reponse = client.get("/observatoire/departement/59/portrait.pdf")
    assert reponse["Content-Type"] == "application/pdf"
    texte = "".join(p.extract_text() for p in PdfReader(io.BytesIO(reponse.content)).pages)
    assert "Nord" in texte and "SIRENE" in texte
    assert Portrait.objects.count() == 1
    assert client.get("/observatoire/departement/59/portrait.pdf").content == reponse.content


def test_accueil_sans_millesime_explique_quoi_faire(client):
    html = client.get("/observatoire/").content.decode()
    assert "Aucun millésime publié" in html


def test_portrait_en_preparation_jusqu_a_ce_que_le_travailleur_le_rende(client, importe, settings):
    """With the production queue (database backend), the request only enqueues the rendering;
    the page says so and refreshes itself, and the PDF is served once a worker has run."""
    from django.core.management import call_command

    from essaim.observatoire.models import Portrait

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    reponse = client.get("/observatoire/departement/62/portrait.pdf")
    assert reponse.status_code == 202
    html = reponse.content.decode()
    assert "en préparation" in html and 'http-equiv="refresh"' in html
    assert Portrait.objects.count() == 0
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    reponse = client.get("/observatoire/departement/62/portrait.pdf")
    assert reponse["Content-Type"] == "application/pdf"
    assert Portrait.objects.get().code == "62"


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
