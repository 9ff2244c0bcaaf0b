"""The report: HTML page, PDF and DOCX parse back with the figures, background generation."""

import io
from html import unescape

import docx
import pypdf
import pytest
from django.core.management import call_command
from django.urls import reverse

from essaim.commun.models import StatutTravail
from essaim.conference.enums import StatutFiche, Transition
from essaim.conference.models import FicheSynthese, ProjetInspirant

from .factories import ConferenceFactory
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


def telecharger(client, url) -> bytes:
    """First request: sent to the progress page (the job starts; the tests' immediate backend
    has already built it); the next one gets the stored file."""
    attente = client.get(url, follow=True)
    assert attente.redirect_chain[0][1] == 303 and attente.redirect_chain[0][0].startswith("/documents/")
    assert attente.status_code == 200 and "Le document est prêt." in attente.content.decode()
    assert f'href="{url}"' in attente.content.decode()
    reponse = client.get(url)
    assert reponse.status_code == 200
    return reponse, b"".join(reponse.streaming_content)


def test_le_pdf_s_ouvre_et_contient_les_chiffres(client, edition):
    reponse, contenu = telecharger(client, reverse("conference:rapport_fichier", args=["hdf-2023", "pdf"]))
    racine = pypdf.PdfReader(io.BytesIO(contenu)).trailer["/Root"]
    # Tagged PDF (PDF/UA-1): structure tree, marked content, language of the document.
    assert "/StructTreeRoot" in racine and racine["/MarkInfo"]["/Marked"] and racine["/Lang"] == "fr"
    assert reponse["Content-Type"] == "application/pdf"
    assert reponse["Content-Disposition"] == 'attachment; filename="rapport-hdf-2023.pdf"'
    texte = texte_pdf(contenu)
    assert "Conférence HdF 2023" in texte and "Sommaire" in texte
    assert "donnée disponible pour 33 des 36 ateliers" in texte
    assert "Transition économique" in texte and "Complétude des données" in texte


def test_le_docx_s_ouvre_et_contient_les_chiffres_et_les_tableaux(client, edition):
    _reponse, contenu = telecharger(client, reverse("conference:rapport_fichier", args=["hdf-2023", "docx"]))
    texte = texte_docx(contenu)
    assert "Conférence HdF 2023" in texte
    assert "1055 participants au total" in texte and "donnée disponible pour 33 des 36 ateliers" in texte
    assert "Août 2023" in texte and "Transition organisationnelle" in texte
    assert "Appréhender et adapter le cadre légal" in texte
    assert len(docx.Document(io.BytesIO(contenu)).inline_shapes) == 3  # the three charts


def test_le_docx_est_en_a4_numerote_avec_un_vrai_sommaire_et_les_dates_du_pdf(edition):
    import datetime

    from essaim.conference.services.rapport import rapport_docx

    edition.evenements.create(
        type="lancement",
        titre="Lancement de la conférence",
        date=datetime.date(2023, 4, 1),
        heure_debut=datetime.time(9, 30),
        heure_fin=datetime.time(12, 30),
        lieu="Hôtel de région",
    )
    edition.dates_cles.create(date=datetime.date(2023, 6, 15), libelle="Clôture de l'appel")
    document = docx.Document(io.BytesIO(rapport_docx(edition)))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    pied = section.footer._element.xml
    assert "PAGE" in pied and "NUMPAGES" in pied and "fldChar" in pied
    corps = document.element.body.xml
    assert 'TOC \\o "1-2" \\h \\z \\u' in corps and corps.count('w:fldCharType="end"') >= 1
    assert document.settings.element.xml.count("updateFields") == 1
    texte = texte_docx(rapport_docx(edition))
    assert "Samedi 1 avril 2023, de 09h30 à 12h30, Hôtel de région." in texte
    assert "15 juin 2023 : Clôture de l'appel" in texte


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


# --- Built once per version of the data, by the worker, never in the request (§2.7) ----------


def test_deux_demandes_du_meme_rapport_lancent_un_seul_travail(client, edition, file_de_taches):
    from essaim.commun.models import DocumentGenere

    url = reverse("conference:rapport_fichier", args=["hdf-2023", "pdf"])
    premiere, seconde = client.get(url), client.get(url, REMOTE_ADDR="192.0.2.9")
    assert premiere["Location"] == seconde["Location"]  # the same document's progress page
    attente = premiere["Location"]
    for reponse in (premiere, seconde):
        # The document's URL never answers HTML: a saved link is the PDF or nothing.
        assert reponse.status_code == 303 and reponse["Content-Type"] != "application/pdf"
    page = client.get(attente)
    html = unescape(page.content.decode())
    assert page.status_code == 202 and "Rapport PDF — Conférence HdF 2023 en préparation" in html
    assert f'hx-get="{unescape(attente)}" hx-trigger="every 2s"' in html
    # One job, still waiting for a worker: the requests built nothing themselves.
    assert file_de_taches.etats() == ["READY"]
    (document,) = DocumentGenere.objects.all()
    assert not document.pret and document.travail.statut == StatutTravail.EN_ATTENTE
    file_de_taches.travailler()
    assert file_de_taches.etats() == ["SUCCESSFUL"]
    fragment = client.get(attente, headers={"HX-Request": "true"}).content.decode()
    assert "Le document est prêt." in fragment and "hx-get" not in fragment
    assert f'href="{url}"' in fragment
    reponse = client.get(url)
    assert "33 des 36 ateliers" in texte_pdf(b"".join(reponse.streaming_content))
    assert file_de_taches.etats() == ["SUCCESSFUL"]  # served from storage: no new job


def test_une_nouvelle_version_des_donnees_donne_un_nouveau_rapport(client, edition, file_de_taches):
    from essaim.commun.models import DocumentGenere

    url = reverse("conference:rapport_fichier", args=["hdf-2023", "pdf"])
    client.get(url)
    file_de_taches.travailler()
    ancien = DocumentGenere.objects.get()
    atelier = edition.ateliers.get(intitule__startswith="Transition écologique : une valeur")
    FicheSynthese.objects.create(atelier=atelier, participants=40, statut=StatutFiche.VALIDEE)
    assert client.get(url).status_code == 303
    assert file_de_taches.etats() == ["SUCCESSFUL", "READY"]
    file_de_taches.travailler()
    contenu = b"".join(client.get(url).streaming_content)
    assert "1095 participants au total" in texte_pdf(contenu) and "34 des 36 ateliers" in texte_pdf(contenu)
    (nouveau,) = DocumentGenere.objects.all()  # the old version and its file are gone
    assert nouveau.version != ancien.version
    assert not ancien.fichier.storage.exists(ancien.fichier.name)


def test_un_client_ne_met_pas_en_file_un_nombre_illimite_de_travaux(client, edition, file_de_taches):
    from essaim.commun import documents

    autres = [ConferenceFactory() for _ in range(2)]
    urls = [
        reverse("conference:rapport_fichier", args=[c.slug, f])
        for c in [edition, *autres]
        for f in ("pdf", "docx")
    ]
    reponses = [client.get(url) for url in urls[: documents.MAX_EN_PREPARATION + 1]]
    assert [r.status_code for r in reponses] == [303, 303, 303, 429]
    assert reponses[-1]["Retry-After"] == "60"
    assert "Plusieurs documents sont déjà en préparation pour vous." in unescape(
        reponses[-1].content.decode()
    )
    assert len(file_de_taches.etats()) == documents.MAX_EN_PREPARATION
    # Another client is not held back; once the jobs are done, this one may ask again.
    assert client.get(urls[4], REMOTE_ADDR="192.0.2.9").status_code == 303
    file_de_taches.travailler()
    assert client.get(urls[3]).status_code == 303


def test_tous_les_clients_ensemble_ont_aussi_une_limite(client, edition, file_de_taches, monkeypatch):
    from essaim.commun import documents

    monkeypatch.setattr(documents, "MAX_EN_PREPARATION_TOTAL", 2)
    urls = [reverse("conference:rapport_fichier", args=["hdf-2023", f]) for f in ("pdf", "docx")]
    assert [client.get(url, REMOTE_ADDR=f"192.0.2.{n}").status_code for n, url in enumerate(urls)] == [
        303,
        303,
    ]
    autre = reverse("conference:rapport_fichier", args=[ConferenceFactory().slug, "pdf"])
    assert client.get(autre, REMOTE_ADDR="192.0.2.50").status_code == 429
    assert client.get(urls[0], REMOTE_ADDR="192.0.2.51").status_code == 303  # already started: no new job
    file_de_taches.travailler()
    assert client.get(autre, REMOTE_ADDR="192.0.2.50").status_code == 303


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
    _reponse, contenu = telecharger(
        client, reverse("conference:rapport_fichier", args=[conference.slug, "docx"])
    )
    assert conference.titre in texte_docx(contenu)


def test_la_couverture_porte_le_logo_et_les_partenaires_de_la_region(edition, settings):
    from essaim.conference.services.rapport import rapport_docx, rapport_pdf

    settings.ESSAIM_IDENTITE_REGIONS = {
        "32": {"nom": "CRESS Hauts-de-France", "partenaires": ["État (SGAR)", "Région Hauts-de-France"]}
    }
    couverture = pypdf.PdfReader(io.BytesIO(rapport_pdf(edition))).pages[0]
    texte = " ".join(couverture.extract_text().split())
    assert texte.startswith("CRESS Hauts-de-France")
    assert "Avec le soutien de : État (SGAR), Région Hauts-de-France." in texte
    assert couverture["/Resources"]["/XObject"]  # the logo (the site's by default)
    docx_texte = texte_docx(rapport_docx(edition))
    assert "CRESS Hauts-de-France" in docx_texte and "État (SGAR), Région Hauts-de-France" in docx_texte
