"""The app is generic: a call for projects with a completely different form runs unchanged
next to the conference's call for workshops."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from essaim.appels.demo import FORMULAIRE, SLUG, charger_demo
from essaim.appels.models import Appel, Candidature
from essaim.comptes.tests.factories import UtilisateurFactory, charge_de_mission, partenaire

from .factories import AppelFactory, CandidatureFactory

pytestmark = pytest.mark.django_db

FORMULAIRE_PRIX = [
    {"cle": "projet", "libelle": "Nom de l'entreprise sociale", "type": "texte", "obligatoire": True},
    {"cle": "creation", "libelle": "Date de création", "type": "date", "obligatoire": True},
    {"cle": "salaries", "libelle": "Nombre de salariés", "type": "nombre", "obligatoire": True, "min": 0},
    {"cle": "site", "libelle": "Site internet", "type": "url", "obligatoire": False},
    {"cle": "tresorier", "libelle": "E-mail du trésorier", "type": "email", "obligatoire": True},
    {
        "cle": "bilan",
        "libelle": "Dernier bilan",
        "type": "fichier",
        "obligatoire": True,
        "extensions": ["pdf"],
    },
    {"cle": "parrains", "libelle": "Structures marraines", "type": "structures", "obligatoire": False},
    {
        "cle": "categorie",
        "libelle": "Catégorie du prix",
        "type": "choix",
        "obligatoire": True,
        "choix": [["emergence", "Émergence"], ["changement_echelle", "Changement d'échelle"]],
    },
]


def test_un_second_appel_au_formulaire_totalement_different(client, mailoutbox):
    atelier = AppelFactory(titre="Ateliers de la conférence")
    CandidatureFactory(appel=atelier)
    prix = AppelFactory(
        titre="Prix de l'entrepreneuriat social",
        slug="prix-es",
        region_id="28",
        formulaire=FORMULAIRE_PRIX,
        types_candidats=["entreprise_ess"],
        libelles_decision={"retenue": "Lauréat", "refusee": "Non retenu"},
    )
    # An applicant fills in the new form.
    porteuse = UtilisateurFactory(email="porteuse@exemple.fr")
    client.force_login(porteuse)
    page = client.get(reverse("appels:candidater", args=["prix-es"])).content.decode()
    assert "Nom de l&#x27;entreprise sociale" in page and "Titre de l&#x27;atelier" not in page
    donnees = {
        "type_candidat": "entreprise_ess",
        "nom_structure": "Recyclerie du Bocage",
        "projet": "Recyclerie du Bocage",
        "creation": "2019-04-01",
        "salaries": "12",
        "tresorier": "tresorier@recyclerie.example",
        "bilan": SimpleUploadedFile("bilan-2025.pdf", b"%PDF-1.4", content_type="application/pdf"),
        "parrains": "France Active Normandie",
        "categorie": "changement_echelle",
        "action": "deposer",
    }
    client.post(reverse("appels:candidater", args=["prix-es"]), donnees)
    candidature = Candidature.objects.get(appel=prix)
    assert candidature.reponses["creation"] == "2019-04-01" and candidature.reponses["salaries"] == 12
    assert candidature.intitule == "Recyclerie du Bocage"
    assert mailoutbox[0].subject == "Candidature reçue : Prix de l'entrepreneuriat social"
    assert "L'équipe CRESS Normandie" in mailoutbox[0].body

    # The Normandie committee reviews it; Hauts-de-France staff cannot.
    client.force_login(charge_de_mission("32"))
    assert client.get(candidature.get_absolute_url()).status_code == 403
    membre = partenaire("28")
    prix.comite.add(membre)
    client.force_login(membre)
    page = client.get(candidature.get_absolute_url()).content.decode()
    assert "Changement d&#x27;échelle" in page and "bilan-2025.pdf" in page and "01/04/2019" in page
    client.post(reverse("appels:evaluer", args=[candidature.pk]), {"avis": "favorable", "note": "5"})
    client.force_login(charge_de_mission("28"))
    client.post(reverse("appels:decider", args=[candidature.pk]), {"decision": "retenue", "notifier": "on"})
    assert (
        mailoutbox[-1].subject == "Prix de l'entrepreneuriat social : bonne nouvelle pour votre candidature"
    )

    # Its export has its own columns; the other call's applications are not in it.
    contenu = b"".join(client.get(reverse("appels:export", args=["prix-es", "csv"])).streaming_content)
    lignes = list(csv.DictReader(io.StringIO(contenu.decode("utf-8-sig"))))
    assert len(lignes) == 1
    assert lignes[0]["q_categorie"] == "Changement d'échelle" and lignes[0]["decision"] == "Lauréat"
    assert "q_titre" not in lignes[0]
    assert Candidature.objects.get(appel=atelier).reponses["titre"].startswith("Comment financer")


def test_donnees_de_demonstration(client):
    charger_demo()
    charger_demo()  # idempotent
    appel = Appel.objects.get(slug=SLUG)
    assert appel.region_code == "32" and appel.formulaire == FORMULAIRE and appel.est_ouvert
    assert appel.candidatures.count() == 1 and appel.kit.count() == 1
    appel.full_clean()
    page = client.get(appel.get_absolute_url()).content.decode()
    assert "Appel à projets entrepreneuriat social 2026" in page
    assert "Règlement de l&#x27;appel à projets" in page
    client.force_login(UtilisateurFactory())
    page = client.get(reverse("appels:candidater", args=[SLUG])).content.decode()
    assert "Domaines d&#x27;impact" in page and "Plan d&#x27;affaires" in page
    client.force_login(charge_de_mission("32"))
    page = client.get(appel.candidatures.get().get_absolute_url()).content.decode()
    assert "Mobilité solidaire" in page and "Lille (59350)" in page and "09/2026" in page
    assert "185\xa0000" in page  # French grouping
