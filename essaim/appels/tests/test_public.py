"""Public pages: list of calls, a call's page, kit downloads, the webinar as an event."""

from datetime import UTC, timedelta
from html import unescape

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from essaim.appels.models import PieceKit
from essaim.comptes.tests.factories import UtilisateurFactory, charge_de_mission

from .factories import AppelFactory, CandidatureFactory

pytestmark = pytest.mark.django_db


def test_liste_des_appels_ouverts_a_venir_et_clos(client):
    maintenant = timezone.now()
    AppelFactory(titre="Appel ouvert")
    AppelFactory(
        titre="Appel à venir",
        ouverture=maintenant + timedelta(days=3),
        cloture=maintenant + timedelta(days=30),
    )
    AppelFactory(
        titre="Appel clos", ouverture=maintenant - timedelta(days=30), cloture=maintenant - timedelta(days=3)
    )
    AppelFactory(titre="Appel en préparation", publie=False)
    page = unescape(client.get(reverse("appels:liste")).content.decode())
    ouverts, reste = page.split("Appels à venir")
    assert "Appel ouvert" in ouverts and "Candidatures jusqu'au" in ouverts
    a_venir, clos = reste.split("Appels clos")
    assert "Appel à venir" in a_venir and "Appel clos" in clos
    assert "Appel en préparation" not in page


def test_liste_vide(client):
    page = client.get(reverse("appels:liste")).content.decode()
    assert "Aucun appel ouvert pour le moment" in page


def test_un_appel_non_publie_est_visible_du_staff_de_sa_region_seulement(client):
    appel = AppelFactory(titre="En préparation", publie=False)
    assert client.get(appel.get_absolute_url()).status_code == 404
    client.force_login(charge_de_mission("32"))
    assert "Non publié" in client.get(reverse("appels:liste")).content.decode()
    assert "En préparation" in client.get(appel.get_absolute_url()).content.decode()


def test_page_d_un_appel(client):
    appel = AppelFactory(
        titre="Conférence 2026 : appel à contributions",
        description='<p>Bienvenue</p><script>alert("x")</script>'
        '<a href="https://cress.example" onclick="x()">Lien</a>',
        types_candidats=["entreprise_ess", "epci_commune", "services_etat"],
        webinaire_date=timezone.now() + timedelta(days=2),
        webinaire_lien="https://visio.example/webinaire",
    )
    PieceKit.objects.create(
        appel=appel,
        titre="Fiche de candidature",
        nature="fiche_candidature",
        fichier=ContentFile(b"x", name="fiche.docx"),
    )
    page = client.get(appel.get_absolute_url()).content.decode()
    assert "<p>Bienvenue</p>" in page and "<script>alert" not in page and "onclick" not in page
    texte = unescape(page)
    assert "Entreprise de l'ESS" in texte and "EPCI ou commune" in texte and "Services de l'État" in texte
    assert "Fiche de candidature" in page and "(Fiche de candidature)" in page
    assert "Webinaire d'information" in texte
    assert 'href="https://visio.example/webinaire"' in page
    assert "Se connecter pour candidater" in page


def test_telecharger_une_piece_du_kit(client):
    appel = AppelFactory()
    piece = PieceKit.objects.create(
        appel=appel,
        titre="Feuille d'émargement",
        nature="feuille_emargement",
        fichier=ContentFile(b"contenu PDF", name="emargement.pdf"),
    )
    reponse = client.get(reverse("appels:kit", args=[appel.slug, piece.pk]))
    assert b"".join(reponse.streaming_content) == b"contenu PDF"
    assert "emargement" in reponse["Content-Disposition"]


def test_webinaire_au_format_icalendar(client):
    date = timezone.now().replace(year=2027, month=3, day=2, hour=10, minute=0, second=0, microsecond=0)
    appel = AppelFactory(
        slug="conf-2027", webinaire_date=date, webinaire_duree=90, webinaire_lien="https://visio.example/w"
    )
    reponse = client.get(reverse("appels:webinaire_ics", args=[appel.slug]))
    contenu = reponse.content.decode()
    assert reponse["Content-Type"] == "text/calendar; charset=utf-8"
    assert "BEGIN:VEVENT" in contenu and "END:VCALENDAR\r\n" in contenu
    debut = date.astimezone(UTC)
    assert f"DTSTART:{debut.strftime('%Y%m%dT%H%M%SZ')}" in contenu
    assert f"DTEND:{(debut + timedelta(minutes=90)).strftime('%Y%m%dT%H%M%SZ')}" in contenu
    assert "LOCATION:https://visio.example/w" in contenu
    assert all(len(ligne.encode()) <= 75 for ligne in contenu.split("\r\n"))
    assert appel.webinaire["fin"] == date + timedelta(minutes=90)
    assert appel.webinaire["ical"] == "/appels/conf-2027/webinaire.ics"


def test_candidat_voit_ses_candidatures_sur_la_page_de_l_appel(client):
    candidat = UtilisateurFactory()
    c = CandidatureFactory(candidat=candidat, reponses={"titre": "Mon atelier"})
    client.force_login(candidat)
    page = client.get(c.appel.get_absolute_url()).content.decode()
    assert "Vos candidatures à cet appel" in page and "Mon atelier" in page and "Déposée" in page
    assert "Déposer une candidature" in page


def test_le_module_apparait_sur_l_accueil(client):
    page = client.get("/").content.decode()
    assert 'href="/appels/"' in page and "Appels à candidatures" in page


def test_filtrer_les_appels_par_region(client):
    AppelFactory(titre="Appel des Hauts-de-France")
    AppelFactory(titre="Appel normand", region_id="28")
    page = client.get(reverse("appels:liste")).content.decode()
    assert '<option value="28">Normandie</option>' in page
    page = client.get(reverse("appels:liste"), {"region": "28"}).content.decode()
    assert "Appel normand" in page and "Appel des Hauts-de-France" not in page


def test_les_pages_existent_en_anglais(client):
    appel = AppelFactory(titre="Appel test")
    client.cookies["django_language"] = "en"
    page = client.get(reverse("appels:liste"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Open calls" in page and "Applications until" in page
    page = client.get(appel.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Who can apply?" in page and "SSE enterprise" in page
