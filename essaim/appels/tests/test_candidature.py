"""Applying: draft, submission before closing, edits, acknowledgement, attachments, my list."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from essaim.appels.enums import Decision, StatutCandidature
from essaim.appels.models import Candidature, PieceJointe
from essaim.comptes.tests.factories import UtilisateurFactory, partenaire

from .factories import AppelFactory, CandidatureFactory

pytestmark = pytest.mark.django_db

REPONSES = {
    "type_candidat": "reseau",
    "nom_structure": "Réseau des Tiers-Lieux",
    "titre": "Tiers-lieux et transition écologique",
    "description": "Un atelier pour partager les pratiques.",
    "transitions": ["ecologique", "sociale"],
    "format": "presentiel",
    "date": "05/10/2026",
    "commune": "Lille (59350)",
    "capacite": "30",
}


@pytest.fixture
def candidat(client):
    user = UtilisateurFactory(first_name="Inès", last_name="Porteuse", email="ines@exemple.fr")
    client.force_login(user)
    return user


def test_deposer_une_candidature_et_recevoir_l_accuse_de_reception(client, candidat, mailoutbox):
    appel = AppelFactory(titre="Ateliers de la conférence 2026")
    reponse = client.post(
        reverse("appels:candidater", args=[appel.slug]), {**REPONSES, "action": "deposer"}, follow=True
    )
    assert "Candidature déposée : un accusé de réception vous a été envoyé." in reponse.content.decode()
    c = Candidature.objects.get()
    assert c.statut == StatutCandidature.DEPOSEE and c.deposee_le is not None
    assert c.candidat == candidat
    assert c.reponses == {
        "titre": "Tiers-lieux et transition écologique",
        "description": "Un atelier pour partager les pratiques.",
        "transitions": ["ecologique", "sociale"],
        "format": "presentiel",
        "date": "2026-10-05",
        "commune": "59350",
        "capacite": 30,
    }
    assert "Tiers-lieux et transition écologique" in reponse.content.decode()
    (courriel,) = mailoutbox
    assert courriel.to == ["ines@exemple.fr"]
    assert courriel.subject == "Candidature reçue : Ateliers de la conférence 2026"
    assert courriel.body.startswith("Bonjour Inès Porteuse,\n\nNous avons bien reçu votre candidature")
    assert f"http://testserver/appels/candidatures/{c.pk}/" in courriel.body


def test_brouillon_incomplet_puis_depot(client, candidat, mailoutbox):
    appel = AppelFactory()
    url = reverse("appels:candidater", args=[appel.slug])
    reponse = client.post(url, {"titre": "Idée d'atelier", "action": "brouillon"}, follow=True)
    assert "Brouillon enregistré. Il n&#x27;est pas encore transmis." in reponse.content.decode()
    c = Candidature.objects.get()
    assert c.statut == StatutCandidature.BROUILLON and c.reponses == {"titre": "Idée d'atelier"}
    assert mailoutbox == []
    # Submitting requires every required answer; nothing typed is lost.
    reponse = client.post(
        reverse("appels:modifier", args=[c.pk]), {"titre": "Idée d'atelier", "action": "deposer"}
    )
    contenu = reponse.content.decode()
    assert "Le formulaire contient 6 erreurs" in contenu
    assert 'value="Idée d&#x27;atelier"' in contenu
    c.refresh_from_db()
    assert c.statut == StatutCandidature.BROUILLON
    client.post(reverse("appels:modifier", args=[c.pk]), {**REPONSES, "action": "deposer"})
    c.refresh_from_db()
    assert c.statut == StatutCandidature.DEPOSEE
    assert len(mailoutbox) == 1


def test_modifier_une_candidature_deposee_sans_nouvel_accuse(client, candidat, mailoutbox):
    c = CandidatureFactory(candidat=candidat)
    reponse = client.post(
        reverse("appels:modifier", args=[c.pk]),
        {**REPONSES, "titre": "Nouveau titre", "action": "deposer"},
        follow=True,
    )
    assert "Modifications enregistrées." in reponse.content.decode()
    c.refresh_from_db()
    assert c.reponses["titre"] == "Nouveau titre" and c.statut == StatutCandidature.DEPOSEE
    assert mailoutbox == []


def test_redeposer_une_candidature_a_revoir(client, candidat, mailoutbox):
    c = CandidatureFactory(candidat=candidat, statut=StatutCandidature.DECIDEE, decision=Decision.A_REVOIR)
    client.post(reverse("appels:modifier", args=[c.pk]), {**REPONSES, "action": "deposer"})
    c.refresh_from_db()
    assert (c.statut, c.decision) == (StatutCandidature.DEPOSEE, "")
    assert mailoutbox[0].subject.startswith("Candidature reçue")


def test_candidater_a_un_appel_clos_ou_a_venir_est_refuse(client, candidat):
    clos = AppelFactory(
        ouverture=timezone.now() - timedelta(days=10), cloture=timezone.now() - timedelta(days=1)
    )
    reponse = client.post(
        reverse("appels:candidater", args=[clos.slug]), {**REPONSES, "action": "deposer"}, follow=True
    )
    assert "Cet appel n&#x27;accepte pas de candidature en ce moment." in reponse.content.decode()
    a_venir = AppelFactory(ouverture=timezone.now() + timedelta(days=1))
    client.post(reverse("appels:candidater", args=[a_venir.slug]), {**REPONSES, "action": "deposer"})
    assert not Candidature.objects.exists()


def test_candidater_demande_une_connexion(client):
    appel = AppelFactory()
    reponse = client.get(reverse("appels:candidater", args=[appel.slug]))
    assert reponse.status_code == 302 and reponse["Location"].startswith("/comptes/login/")


def test_le_type_de_candidat_est_limite_aux_types_eligibles(client, candidat):
    appel = AppelFactory(types_candidats=["epci_commune"])
    page = client.get(reverse("appels:candidater", args=[appel.slug])).content.decode()
    assert "EPCI ou commune" in page and "Réseau, fédération" not in page
    reponse = client.post(reverse("appels:candidater", args=[appel.slug]), {**REPONSES, "action": "deposer"})
    assert "Sélectionnez un choix valide. reseau n’en fait pas partie." in reponse.content.decode()


def test_piece_jointe_deposee_remplacee_et_telechargee(client, candidat):
    appel = AppelFactory(
        formulaire=[{"cle": "dossier", "libelle": "Dossier", "type": "fichier", "obligatoire": True}]
    )
    fichier = SimpleUploadedFile("dossier.pdf", b"%PDF-1.4 premier", content_type="application/pdf")
    base = {"type_candidat": "reseau", "nom_structure": "R", "action": "deposer"}
    client.post(reverse("appels:candidater", args=[appel.slug]), {**base, "dossier": fichier})
    c = Candidature.objects.get()
    assert c.reponses == {"dossier": "dossier.pdf"}
    # Editing without a new upload keeps the file, and the field is no longer required.
    page = client.get(reverse("appels:modifier", args=[c.pk])).content.decode()
    assert "Fichier déposé : dossier.pdf. Déposez-en un autre pour le remplacer." in page
    client.post(reverse("appels:modifier", args=[c.pk]), {**base, "nom_structure": "R2"})
    c.refresh_from_db()
    assert c.reponses == {"dossier": "dossier.pdf"} and c.nom_structure == "R2"
    nouveau = SimpleUploadedFile("dossier-v2.pdf", b"%PDF-1.4 second", content_type="application/pdf")
    client.post(reverse("appels:modifier", args=[c.pk]), {**base, "dossier": nouveau})
    piece = PieceJointe.objects.get()
    assert piece.nom_original == "dossier-v2.pdf"
    reponse = client.get(reverse("appels:piece", args=[c.pk, "dossier"]))
    assert b"".join(reponse.streaming_content) == b"%PDF-1.4 second"
    assert 'filename="dossier-v2.pdf"' in reponse["Content-Disposition"]
    client.force_login(partenaire("32"))
    assert client.get(reverse("appels:piece", args=[c.pk, "dossier"])).status_code == 403


def test_mes_candidatures(client, candidat):
    CandidatureFactory(
        candidat=candidat, statut=StatutCandidature.BROUILLON, reponses={"titre": "Mon brouillon"}
    )
    CandidatureFactory(
        candidat=candidat,
        statut=StatutCandidature.DECIDEE,
        decision=Decision.RETENUE,
        reponses={"titre": "Mon atelier"},
    )
    CandidatureFactory(reponses={"titre": "Celle d'une autre personne"})
    page = client.get(reverse("appels:mes_candidatures")).content.decode()
    assert "Mon brouillon" in page and "Brouillon" in page
    assert "Mon atelier" in page and "Labellisé" in page
    assert "Celle d" not in page


def test_mes_candidatures_vide(client, candidat):
    page = client.get(reverse("appels:mes_candidatures")).content.decode()
    assert "Vous n'avez encore déposé aucune candidature" in page


def test_le_gestionnaire_rattache_sa_structure_de_l_annuaire(client, candidat):
    from essaim.annuaire.models import Gestion, Structure

    structure = Structure.objects.create(nom="Coop des Communs", region_id="32")
    Gestion.objects.create(structure=structure, utilisateur=candidat)
    appel = AppelFactory()
    page = client.get(reverse("appels:candidater", args=[appel.slug])).content.decode()
    assert "Votre structure dans l&#x27;annuaire" in page and "Coop des Communs" in page
    donnees = {**REPONSES, "nom_structure": "", "structure": structure.pk, "action": "deposer"}
    client.post(reverse("appels:candidater", args=[appel.slug]), donnees)
    c = Candidature.objects.get()
    assert c.structure == structure and c.nom_structure == "Coop des Communs"
