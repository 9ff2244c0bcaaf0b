"""Staff create and edit a call and its organiser kit in the app."""

import os
from datetime import timedelta
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from essaim.appels.models import Appel, PieceKit
from essaim.comptes.tests.factories import UtilisateurFactory, administrateur, charge_de_mission, partenaire

from .factories import AppelFactory

pytestmark = pytest.mark.django_db


def _donnees(**surcharges):
    debut = timezone.localtime() + timedelta(days=1)
    return {
        "titre": "Appel à projets alimentation durable",
        "slug": "",
        "region": "32",
        "chapeau": "Pour les projets alimentaires territoriaux.",
        "description": "<p>Texte</p><img src=x onerror=alert(1)>",
        "ouverture": debut.strftime("%Y-%m-%dT%H:%M"),
        "cloture": (debut + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M"),
        "types_candidats": ["entreprise_ess", "epci_commune"],
        "libelle_retenue": "Lauréat",
        "libelle_a_revoir": "",
        "libelle_refusee": "",
        "webinaire_duree": "60",
        **surcharges,
    }


def test_le_staff_cree_un_appel_dans_sa_region(client):
    staff = charge_de_mission("32")
    membre = partenaire("32", last_name="Membre")
    partenaire("28", last_name="Normand")
    client.force_login(staff)
    page = client.get(reverse("appels:creer")).content.decode()
    assert "Membre" in page and "Normand" not in page  # committee candidates of the région only
    assert '<option value="28"' not in page
    reponse = client.post(reverse("appels:creer"), _donnees(comite=[membre.pk]), follow=True)
    assert "Appel créé. Ajoutez maintenant ses questions et ses documents." in unescape(
        reponse.content.decode()
    )
    appel = Appel.objects.get()
    assert appel.slug == "appel-a-projets-alimentation-durable"
    assert appel.description == "<p>Texte</p>"  # sanitised: no <img onerror>
    assert appel.libelles_decision == {"retenue": "Lauréat"}
    assert list(appel.comite.all()) == [membre]
    assert appel.types_candidats == ["entreprise_ess", "epci_commune"]
    assert appel.publie is False


def test_le_staff_ne_cree_pas_d_appel_dans_une_autre_region(client):
    client.force_login(charge_de_mission("32"))
    reponse = client.post(reverse("appels:creer"), _donnees(region="28"))
    assert "Sélectionnez un choix valide" in reponse.content.decode()
    assert not Appel.objects.exists()


def test_cloture_avant_ouverture_refusee(client):
    client.force_login(administrateur())
    debut = timezone.localtime()
    reponse = client.post(
        reverse("appels:creer"),
        _donnees(
            ouverture=debut.strftime("%Y-%m-%dT%H:%M"),
            cloture=(debut - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    assert "La clôture doit suivre l&#x27;ouverture." in reponse.content.decode()


@pytest.mark.parametrize(
    "fabrique, autorise",
    [(UtilisateurFactory, False), (lambda: partenaire("32"), False), (lambda: charge_de_mission("28"), True)],
)
def test_qui_peut_ouvrir_la_page_de_creation(client, fabrique, autorise):
    client.force_login(fabrique())
    reponse = client.get(reverse("appels:creer"))
    assert reponse.status_code == (200 if autorise else 403)
    if autorise:
        assert "Nouvel appel à candidatures" in reponse.content.decode()


def test_modifier_un_appel_et_ses_libelles(client):
    appel = AppelFactory(libelles_decision={"retenue": "Labellisé"})
    client.force_login(charge_de_mission("32"))
    page = client.get(reverse("appels:modifier_appel", args=[appel.slug])).content.decode()
    assert 'value="Labellisé"' in page
    donnees = _donnees(
        titre="Nouveau titre", slug=appel.slug, libelle_retenue="", libelle_refusee="Non retenu"
    )
    client.post(reverse("appels:modifier_appel", args=[appel.slug]), donnees)
    appel.refresh_from_db()
    assert appel.titre == "Nouveau titre" and appel.libelles_decision == {"refusee": "Non retenu"}
    assert appel.history.count() == 2
    client.force_login(charge_de_mission("28"))
    assert client.get(reverse("appels:modifier_appel", args=[appel.slug])).status_code == 403


def test_gerer_les_documents_du_kit(client):
    appel = AppelFactory()
    client.force_login(charge_de_mission("32"))
    url = reverse("appels:documents", args=[appel.slug])
    fichier = SimpleUploadedFile("fiche-synthese.docx", b"PK docx", content_type="application/octet-stream")
    reponse = client.post(
        url,
        {
            "titre": "Modèle de fiche de synthèse",
            "nature": "modele_synthese",
            "fichier": fichier,
            "ordre": "1",
        },
        follow=True,
    )
    assert "Document « Modèle de fiche de synthèse » ajouté au kit." in reponse.content.decode()
    piece = PieceKit.objects.get()
    assert "Modèle de fiche de synthèse" in client.get(appel.get_absolute_url()).content.decode()
    mauvais = SimpleUploadedFile("script.sh", b"rm -rf", content_type="text/x-sh")
    reponse = client.post(url, {"titre": "Script", "nature": "autre", "fichier": mauvais, "ordre": "2"})
    assert "Type de fichier non accepté : « script.sh »." in reponse.content.decode()
    chemin = piece.fichier.path
    client.post(reverse("appels:document_supprimer", args=[appel.slug, piece.pk]))
    assert not PieceKit.objects.exists()
    assert not os.path.exists(chemin)


def test_les_documents_sont_reserves_au_staff_de_la_region(client):
    appel = AppelFactory()
    client.force_login(partenaire("32"))
    assert client.get(reverse("appels:documents", args=[appel.slug])).status_code == 403
