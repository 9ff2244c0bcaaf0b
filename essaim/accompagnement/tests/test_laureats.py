"""Laureates: the file opens on the decision; agreement, milestones, sessions and results
through HTTP; the bad inputs of the issue keep what was typed and say why in French."""

import datetime

import pytest
from django.urls import reverse

from essaim.accompagnement.enums import NatureSuivi, Periode, StatutAction
from essaim.accompagnement.models import Action, Convention, Resultat, Suivi
from essaim.accompagnement.services.suivis import comparaison, declarer_resultat, rattraper_laureats
from essaim.appels.enums import Decision, StatutCandidature
from essaim.appels.models import Candidature
from essaim.appels.services.candidatures import decider
from essaim.appels.tests.factories import CandidatureFactory
from essaim.comptes.tests.factories import charge_de_mission

from .factories import appel_a_projets, jours, laureat

pytestmark = pytest.mark.django_db


def test_une_candidature_retenue_ouvre_son_suivi_par_la_page_de_decision(client):
    staff = charge_de_mission("32")
    appel = appel_a_projets()
    candidature = CandidatureFactory(
        appel=appel, reponses={"nom_projet": "Recyclerie du Pévèle", "emplois": 3}
    )
    client.force_login(staff)
    reponse = client.post(
        reverse("appels:decider", args=[candidature.pk]), {"decision": "retenue", "message": "Bravo"}
    )
    assert reponse.status_code == 302
    suivi = Suivi.objects.get(candidature=candidature)
    assert suivi.nature == NatureSuivi.LAUREAT
    assert suivi.region_id == "32"
    assert suivi.titre == "Recyclerie du Pévèle"
    assert suivi.responsable == staff
    assert suivi.evenements.get().titre == "Candidature retenue : ouverture du suivi"
    # The application's page links to the file (appels' extension point), for whoever sees it.
    lien = f'href="{suivi.get_absolute_url()}">Suivi d&#x27;accompagnement du lauréat</a>'
    assert lien in client.get(candidature.get_absolute_url()).content.decode()
    client.force_login(candidature.candidat)
    assert lien in client.get(candidature.get_absolute_url()).content.decode()


def test_une_decision_refusee_n_ouvre_pas_de_suivi_et_redecider_n_en_ouvre_pas_un_second():
    appel = appel_a_projets()
    refusee = CandidatureFactory(appel=appel)
    decider(refusee, decision=Decision.REFUSEE, notifier=False)
    assert not Suivi.objects.filter(candidature=refusee).exists()
    retenue = laureat(appel)
    decider(retenue, decision=Decision.RETENUE, notifier=False)
    assert Suivi.objects.filter(candidature=retenue).count() == 1


def test_les_retenues_d_avant_le_module_sont_rattrapees():
    appel = appel_a_projets()
    ancienne = CandidatureFactory(appel=appel, statut=StatutCandidature.DECIDEE, decision=Decision.RETENUE)
    assert rattraper_laureats(Candidature.objects.all()) == 1
    assert ancienne.suivi.nature == NatureSuivi.LAUREAT


@pytest.fixture
def suivi_convention(client):
    staff = charge_de_mission("32")
    suivi = laureat(appel_a_projets(), nom="Cantine des Quartiers", emplois=5).suivi
    Convention.objects.create(
        suivi=suivi, intitule="Convention", montant=10000, debut=jours(-10), fin=datetime.date(2027, 12, 31)
    )
    client.force_login(staff)
    return suivi


def test_un_jalon_apres_la_fin_de_la_convention_est_refuse_et_le_formulaire_garde_la_saisie(
    client, suivi_convention
):
    url = suivi_convention.get_absolute_url()
    reponse = client.post(
        url,
        {
            "formulaire": "action",
            "action-libelle": "Ouverture du second restaurant",
            "action-echeance": "2028-03-15",
            "action-jalon": "on",
        },
    )
    assert reponse.status_code == 400
    texte = reponse.content.decode()
    assert (
        "Le jalon « Ouverture du second restaurant » tombe le 15 mars 2028, après la fin de la convention"
        in texte
    )
    assert "31 décembre 2027" in texte
    assert 'value="Ouverture du second restaurant"' in texte and 'value="2028-03-15"' in texte
    assert not Action.objects.exists()
    # Within the agreement: recorded.
    reponse = client.post(
        url,
        {
            "formulaire": "action",
            "action-libelle": "Ouverture du second restaurant",
            "action-echeance": "2027-03-15",
            "action-jalon": "on",
        },
    )
    assert reponse.status_code == 302
    assert Action.objects.get().jalon


def test_une_seance_et_une_piece_jointe_s_ajoutent_a_la_chronologie(client, suivi_convention):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = suivi_convention.get_absolute_url()
    reponse = client.post(
        url,
        {
            "formulaire": "evenement",
            "evenement-type": "seance",
            "evenement-date": "2026-11-20",
            "evenement-titre": "Séance de lancement",
            "evenement-texte": "Revue du plan de trésorerie.",
            "evenement-prochaines_etapes": "Voir deux financeurs solidaires.",
            "evenement-fichier": SimpleUploadedFile("compte-rendu.txt", b"CR"),
        },
    )
    assert reponse.status_code == 302
    page = client.get(url).content.decode()
    assert "Séance de lancement" in page and "Voir deux financeurs solidaires." in page
    evenement = suivi_convention.evenements.get(titre="Séance de lancement")
    fichier = client.get(reverse("accompagnement:piece", args=[suivi_convention.pk, evenement.pk]))
    assert b"".join(fichier.streaming_content) == b"CR"


def test_un_resultat_declare_deux_fois_pour_une_periode_est_refuse_sans_rien_perdre(client, suivi_convention):
    url = suivi_convention.get_absolute_url()
    donnees = {
        "formulaire": "resultat",
        "resultat-periode": "6",
        "resultat-q_emplois": "2",
        "resultat-q_chiffre_affaires": "40000",
    }
    assert client.post(url, donnees).status_code == 302
    resultat = Resultat.objects.get()
    assert resultat.valeurs == {"emplois": 2, "chiffre_affaires": 40000}
    reponse = client.post(url, {**donnees, "resultat-q_emplois": "3"})
    assert reponse.status_code == 400
    texte = reponse.content.decode()
    assert "Les résultats à 6 mois ont déjà été déclarés pour « Cantine des Quartiers »" in texte
    assert 'name="resultat-q_emplois"' in texte and 'value="3"' in texte
    assert Resultat.objects.get().valeurs["emplois"] == 2
    # Ticking "corriger" replaces the first declaration; the history keeps it.
    assert (
        client.post(url, {**donnees, "resultat-q_emplois": "3", "resultat-corriger": "on"}).status_code == 302
    )
    resultat = Resultat.objects.get()
    assert resultat.valeurs["emplois"] == 3
    assert [h.valeurs["emplois"] for h in resultat.history.order_by("history_date")] == [2, 3]


def test_les_resultats_sont_compares_aux_champs_et_previsions_de_la_candidature(suivi_convention):
    declarer_resultat(suivi_convention, periode=Periode.MOIS_6, valeurs={"emplois": 2})
    declarer_resultat(
        suivi_convention, periode=Periode.MOIS_12, valeurs={"emplois": 4, "chiffre_affaires": 50000}
    )
    lignes = {ligne["cle"]: ligne for ligne in comparaison(suivi_convention)}
    assert list(lignes) == ["emplois", "chiffre_affaires", "beneficiaires"]
    assert lignes["emplois"]["prevu"] == 5
    assert lignes["emplois"]["valeurs"] == [2, 4, None]
    assert lignes["emplois"]["taux"] == 80
    assert lignes["chiffre_affaires"]["taux"] == 50
    assert lignes["beneficiaires"]["prevu"] is None


def test_une_action_passee_non_faite_est_en_retard_puis_ne_l_est_plus(client, suivi_convention):
    action = Action.objects.create(suivi=suivi_convention, libelle="Recruter", echeance=jours(-2), jalon=True)
    assert action.en_retard
    assert "en retard" in client.get(suivi_convention.get_absolute_url()).content.decode()
    client.post(
        reverse("accompagnement:action_statut", args=[suivi_convention.pk, action.pk]), {"statut": "faite"}
    )
    action.refresh_from_db()
    assert action.statut == StatutAction.FAITE and action.faite_le == datetime.date.today()
    assert not action.en_retard
