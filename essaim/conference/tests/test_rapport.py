"""The report: HTML page, PDF and DOCX parse back with the figures, background generation."""

import io
from html import unescape

import docx
import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from essaim.commun.models import StatutTravail, Travail
from essaim.conference.enums import StatutFiche, Transition
from essaim.conference.models import FicheSynthese, ProjetInspirant

from .test_import import CSV, importer


@pytest.fixture
def edition(db):
    from essaim.conference.models import Conference

    importer("hdf-2023", str(CSV), "--region", "32", "--annee", "2023", "--titre", "Conférence HdF 2023")
    conference = Conference.objects.get(slug="hdf-2023")
    tc = conference.transitions.get(transition=Transition.ECONOMIQUE)
    tc.leviers = "Montée en compétences des dirigeants sur la gestion financière"
    tc.save()
    conference.enjeux.create(
        numero=1, titre="Appréhender et adapter le cadre légal", texte="Un enjeu commun."
    )
    return conference


def texte_pdf(contenu: bytes) -> str:
    texte = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(contenu)).pages)
    return " ".join(texte.split())


def texte_docx(contenu: bytes) -> str:
    document = docx.Document(io.BytesIO(contenu))
    tables = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + tables)


def test_la_page_rapport_montre_sommaire_chiffres_graphiques_et_completude(client, edition):
    reponse = client.get(reverse("conference:rapport", args=["hdf-2023"]))
    html = unescape(reponse.content.decode())
    assert "Sommaire" in html and "Données clés sur les ateliers" in html
    assert "1055 participants au total, soit une moyenne de 32,0 personnes par atelier" in html
    assert "donnée disponible pour 33 des 36 ateliers" in html
    assert html.count("<svg") == 3 and "Nombre d'ateliers par mois (tableau des données)" in html
    assert '<th scope="row">Août 2023</th><td>0</td>' in html
    assert "En visio (toute la région)" in html and "Lieu non renseigné" in html
    assert "Montée en compétences des dirigeants" in html
    assert "1 - Appréhender et adapter le cadre légal" in html
    assert "Ateliers sans nombre de participants (3)" in html
    assert "Ateliers sans lieu (2)" in html


def test_le_pdf_s_ouvre_et_contient_les_chiffres(client, edition):
    reponse = client.get(reverse("conference:rapport_fichier", args=["hdf-2023", "pdf"]))
    assert reponse["Content-Type"] == "application/pdf"
    texte = texte_pdf(reponse.content)
    assert "Conférence HdF 2023" in texte and "Sommaire" in texte
    assert "donnée disponible pour 33 des 36 ateliers" in texte
    assert "Transition économique" in texte and "Complétude des données" in texte


def test_le_docx_s_ouvre_et_contient_les_chiffres_et_les_tableaux(client, edition):
    reponse = client.get(reverse("conference:rapport_fichier", args=["hdf-2023", "docx"]))
    texte = texte_docx(reponse.content)
    assert "Conférence HdF 2023" in texte
    assert "1055 participants au total" in texte and "donnée disponible pour 33 des 36 ateliers" in texte
    assert "Août 2023" in texte and "Transition organisationnelle" in texte
    assert "Appréhender et adapter le cadre légal" in texte
    assert len(docx.Document(io.BytesIO(reponse.content)).inline_shapes) == 3  # the three charts


@pytest.mark.parametrize(
    "format_,lecteur", [("pdf", texte_pdf), ("docx", texte_docx), ("html", bytes.decode)]
)
def test_la_commande_ecrit_le_rapport_dans_un_fichier(edition, tmp_path, format_, lecteur):
    sortie = tmp_path / f"rapport.{format_}"
    call_command(
        "conference_report", "hdf-2023", "--format", format_, "--output", str(sortie), stdout=io.StringIO()
    )
    assert "33 des 36 ateliers" in lecteur(sortie.read_bytes())


def test_un_format_inconnu_est_introuvable(client, edition):
    reponse = client.get("/conferences/hdf-2023/rapport/rapport.odt")
    assert reponse.status_code == 404


def test_la_generation_en_arriere_plan_produit_un_fichier_telechargeable(client, edition, staff_hdf):
    client.force_login(staff_hdf)
    reponse = client.post(reverse("conference:generer", args=["hdf-2023", "pdf"]), follow=True)
    travail = Travail.objects.get()
    assert travail.statut == StatutTravail.TERMINE and travail.fichier
    assert "Voir le résultat" in reponse.content.decode()
    fichier = client.get(travail.resultat["lien"])
    assert "33 des 36 ateliers" in texte_pdf(b"".join(fichier.streaming_content))


def test_le_telechargement_d_un_rapport_est_reserve_a_qui_l_a_lance(
    client, edition, staff_hdf, staff_normandie
):
    client.force_login(staff_hdf)
    client.post(reverse("conference:generer", args=["hdf-2023", "docx"]))
    travail = Travail.objects.get()
    client.force_login(staff_normandie)
    assert client.get(travail.resultat["lien"]).status_code == 403


def test_une_grande_edition_passe_par_une_tache_de_fond(client, edition, staff_hdf, monkeypatch):
    import sys

    vues = sys.modules["essaim.conference.views.rapport"]

    monkeypatch.setattr(vues, "SEUIL_SYNCHRONE", 10)
    anonyme = client.get(reverse("conference:rapport_fichier", args=["hdf-2023", "pdf"]))
    assert anonyme.status_code == 202 and "trop volumineux" in anonyme.content.decode()
    client.force_login(staff_hdf)
    reponse = client.get(reverse("conference:rapport_fichier", args=["hdf-2023", "pdf"]))
    assert reponse.status_code == 302 and reponse["Location"] == Travail.objects.get().get_absolute_url()


def test_une_fiche_validee_alimente_les_chiffres_et_la_synthese(client, edition):
    atelier = edition.ateliers.get(intitule__startswith="Transition écologique : une valeur")
    fiche = FicheSynthese.objects.create(atelier=atelier, participants=40, statut=StatutFiche.VALIDEE)
    ProjetInspirant.objects.create(
        fiche=fiche, nom="Maison du Bien Manger", territoire="Arras", lien="https://exemple.fr"
    )
    html = unescape(client.get(reverse("conference:rapport", args=["hdf-2023"])).content.decode())
    assert "1095 participants au total" in html and "34 des 36 ateliers" in html
    assert "Maison du Bien Manger (Arras)" in html


def test_une_edition_sans_atelier_a_un_rapport_lisible(client, conference):
    html = unescape(client.get(reverse("conference:rapport", args=[conference.slug])).content.decode())
    assert "Aucun atelier enregistré." in html and "donnée disponible pour 0 des 0 ateliers" in html
    assert f"Avril {conference.annee}" in html  # every month of the edition, zeros included
    sortie = io.StringIO()
    call_command("conference_report", conference.slug, "--format", "json", stdout=sortie)
    import json

    chiffres = json.loads(sortie.getvalue())
    assert chiffres["ateliers"] == 0 and chiffres["moyenne_participants"] == 0.0
    assert list(chiffres["par_mois"]) == [f"{conference.annee}-{m:02d}" for m in range(4, 13)]
    assert texte_docx(
        client.get(reverse("conference:rapport_fichier", args=[conference.slug, "docx"])).content
    )
