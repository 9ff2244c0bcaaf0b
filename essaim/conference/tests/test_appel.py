"""The conference's call for contributions on the generic appels app, and labelling."""

from html import unescape

import pytest
from django.utils import timezone

from essaim.appels.enums import Decision, StatutCandidature, TypeCandidat
from essaim.appels.models import Candidature
from essaim.appels.services.candidatures import decider
from essaim.comptes.enums import Role
from essaim.conference.enums import StatutAtelier
from essaim.conference.models import Atelier
from essaim.conference.services.appel import FORMULAIRE_PAR_DEFAUT, creer_appel

from .factories import utilisateur


@pytest.fixture
def appel(conference):
    maintenant = timezone.now()
    return creer_appel(
        conference, maintenant - timezone.timedelta(days=1), maintenant + timezone.timedelta(days=30)
    )


def candidature(appel, **reponses):
    candidat = utilisateur(Role.GESTIONNAIRE)
    donnees = {
        "intitule": "Comment mutualiser nos moyens ?",
        "organisateurs": "Collectif Phare\nLe Mouvement Associatif",
        "transitions": ["organisationnelle", "economique"],
        "date": f"{appel.conference.annee}-10",
        "commune": "62041",
        "format": "presentiel",
        "capacite": 30,
        "description": "Un atelier de partage de pratiques.",
        "public": "Dirigeants associatifs",
        **reponses,
    }
    return Candidature.objects.create(
        appel=appel,
        candidat=candidat,
        type_candidat=TypeCandidat.RESEAU,
        nom_structure="Collectif Phare",
        reponses=donnees,
        statut=StatutCandidature.DEPOSEE,
        deposee_le=timezone.now(),
    )


def test_le_formulaire_par_defaut_a_les_questions_du_contrat(appel):
    cles = [q["cle"] for q in appel.formulaire]
    assert cles == [
        "intitule",
        "organisateurs",
        "transitions",
        "date",
        "commune",
        "format",
        "capacite",
        "description",
        "public",
    ]
    types = {q["cle"]: q["type"] for q in FORMULAIRE_PAR_DEFAUT}
    assert (
        types["transitions"] == "choix_multiple"
        and types["date"] == "mois_ou_date"
        and types["commune"] == "commune"
    )
    assert appel.libelle_decision(Decision.RETENUE) == "Labellisé"
    assert appel.conference.appel_id == appel.pk
    assert creer_appel(appel.conference, appel.ouverture, appel.cloture) == appel  # once per edition


def test_une_candidature_labellisee_devient_un_atelier_une_seule_fois(appel, staff_hdf):
    dossier = candidature(appel)
    decider(dossier, decision=Decision.RETENUE, par=staff_hdf, notifier=False)
    decider(dossier, decision=Decision.RETENUE, par=staff_hdf, notifier=False)
    atelier = Atelier.objects.get()
    assert atelier.conference == appel.conference and atelier.statut == StatutAtelier.LABELLISE
    assert atelier.intitule == "Comment mutualiser nos moyens ?"
    assert atelier.liste_organisateurs() == ["Collectif Phare", "Le Mouvement Associatif"]
    assert atelier.transitions == ["organisationnelle", "economique"]
    assert (atelier.precision_date, atelier.date.month, atelier.commune.nom) == ("mois", 10, "Arras")
    assert atelier.capacite == 30 and atelier.est_gere_par(dossier.candidat)


def test_un_refus_apres_labellisation_retire_l_atelier_de_l_agenda(client, appel, staff_hdf):
    dossier = candidature(appel)
    decider(dossier, decision=Decision.RETENUE, par=staff_hdf, notifier=False)
    decider(dossier, decision=Decision.REFUSEE, par=staff_hdf, notifier=False)
    assert Atelier.objects.get().statut == StatutAtelier.ANNULE
    page = unescape(client.get(f"/conferences/{appel.conference.slug}/ateliers/").content.decode())
    assert "Comment mutualiser nos moyens ?" not in page
    assert "0 atelier" in page


def test_une_decision_sur_un_autre_appel_ne_cree_pas_d_atelier(conference, staff_hdf):
    from essaim.appels.models import Appel

    autre = Appel.objects.create(
        titre="Appel à projets entrepreneuriat social",
        slug="aap-es",
        region=conference.region,
        ouverture=timezone.now(),
        cloture=timezone.now() + timezone.timedelta(days=3),
    )
    dossier = Candidature.objects.create(
        appel=autre,
        candidat=staff_hdf,
        type_candidat=TypeCandidat.ENTREPRISE_ESS,
        reponses={"titre": "Projet"},
        statut=StatutCandidature.DEPOSEE,
    )
    decider(dossier, decision=Decision.RETENUE, par=staff_hdf, notifier=False)
    assert not Atelier.objects.exists()


def test_le_staff_cree_l_appel_depuis_la_page_de_l_edition(client, conference, staff_hdf):
    page = unescape(client.get(conference.get_absolute_url()).content.decode())
    assert "Créer l'appel à contributions" not in page
    client.force_login(staff_hdf)
    assert "Créer l'appel à contributions" in unescape(
        client.get(conference.get_absolute_url()).content.decode()
    )
    reponse = client.post(f"/conferences/{conference.slug}/gestion/appel/")
    conference.refresh_from_db()
    assert conference.appel is not None and reponse["Location"] == conference.appel.get_absolute_url()
    assert "Appel à contributions" in unescape(client.get(conference.get_absolute_url()).content.decode())


def test_un_partenaire_ne_peut_pas_creer_l_appel(client, conference, partenaire_hdf):
    client.force_login(partenaire_hdf)
    assert client.post(f"/conferences/{conference.slug}/gestion/appel/").status_code == 403
    conference.refresh_from_db()
    assert conference.appel is None
