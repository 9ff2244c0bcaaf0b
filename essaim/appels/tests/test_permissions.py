"""Who may do what on a call and its applications: the matrix, through HTTP."""

import pytest
from django.urls import reverse

from essaim.appels.enums import Decision, StatutCandidature
from essaim.appels.models import Evaluation
from essaim.commun.models import Travail
from essaim.comptes.tests.factories import UtilisateurFactory, administrateur, charge_de_mission, partenaire

from .factories import AppelFactory, CandidatureFactory

pytestmark = pytest.mark.django_db

ACTEURS = [
    "admin",
    "staff_region",
    "staff_autre_region",
    "partenaire_comite",
    "partenaire_hors_comite",
    "candidat",
    "autre_utilisateur",
    "anonyme",
]


@pytest.fixture
def monde():
    candidat = UtilisateurFactory()
    partenaire_comite = partenaire("32")
    appel = AppelFactory(comite=[partenaire_comite])
    candidature = CandidatureFactory(appel=appel, candidat=candidat)
    acteurs = {
        "admin": administrateur(),
        "staff_region": charge_de_mission("32"),
        "staff_autre_region": charge_de_mission("28"),
        "partenaire_comite": partenaire_comite,
        "partenaire_hors_comite": partenaire("32"),
        "candidat": candidat,
        "autre_utilisateur": UtilisateurFactory(),
        "anonyme": None,
    }
    return {"appel": appel, "candidature": candidature, "acteurs": acteurs}


def _client(client, monde, acteur):
    user = monde["acteurs"][acteur]
    if user is not None:
        client.force_login(user)
    return client


def _refuse(reponse, acteur):
    if acteur == "anonyme":
        assert reponse.status_code == 302
        assert reponse["Location"].startswith(reverse("account_login"))
    else:
        assert reponse.status_code == 403


VOIR = {"admin", "staff_region", "partenaire_comite", "candidat"}
EVALUER = {"admin", "staff_region", "partenaire_comite"}
DECIDER = {"admin", "staff_region"}
GERER = {"admin", "staff_region"}


@pytest.mark.parametrize("acteur", ACTEURS)
def test_voir_la_candidature(client, monde, acteur):
    c = monde["candidature"]
    reponse = _client(client, monde, acteur).get(reverse("appels:candidature", args=[c.pk]))
    if acteur in VOIR:
        assert reponse.status_code == 200
        assert "Comment financer la transition écologique des associations ?" in reponse.content.decode()
        assert "Lille (59350)" in reponse.content.decode()
    else:
        _refuse(reponse, acteur)


@pytest.mark.parametrize("acteur", ACTEURS)
def test_evaluer_la_candidature(client, monde, acteur):
    c = monde["candidature"]
    donnees = {"avis": "favorable", "note": "4", "commentaire": "Atelier pertinent."}
    reponse = _client(client, monde, acteur).post(reverse("appels:evaluer", args=[c.pk]), donnees)
    if acteur in EVALUER:
        assert reponse.status_code == 302
        assert reponse["Location"] == c.get_absolute_url()
        evaluation = Evaluation.objects.get(candidature=c)
        assert evaluation.evaluateur == monde["acteurs"][acteur]
        assert evaluation.commentaire == "Atelier pertinent."
    else:
        _refuse(reponse, acteur)
        assert not Evaluation.objects.exists()


@pytest.mark.parametrize("acteur", ACTEURS)
def test_decider(client, monde, acteur):
    c = monde["candidature"]
    reponse = _client(client, monde, acteur).post(
        reverse("appels:decider", args=[c.pk]), {"decision": "retenue", "message": "Bravo", "notifier": "on"}
    )
    c.refresh_from_db()
    if acteur in DECIDER:
        assert reponse.status_code == 302
        assert reponse["Location"] == c.get_absolute_url()
        assert c.decision == Decision.RETENUE
        assert c.statut == StatutCandidature.DECIDEE
    else:
        _refuse(reponse, acteur)
        assert c.decision == ""


@pytest.mark.parametrize("acteur", ACTEURS)
def test_gerer_le_formulaire_de_l_appel(client, monde, acteur):
    appel = monde["appel"]
    reponse = _client(client, monde, acteur).get(reverse("appels:formulaire", args=[appel.slug]))
    if acteur in GERER:
        assert reponse.status_code == 200
        assert "Titre de l&#x27;atelier" in reponse.content.decode()
    else:
        _refuse(reponse, acteur)


@pytest.mark.parametrize("acteur", ACTEURS)
def test_gerer_les_modeles_d_email(client, monde, acteur):
    appel = monde["appel"]
    reponse = _client(client, monde, acteur).get(reverse("appels:emails", args=[appel.slug]))
    if acteur in GERER:
        assert "Accusé de réception" in reponse.content.decode()
    else:
        _refuse(reponse, acteur)


@pytest.mark.parametrize("acteur", ACTEURS)
def test_espace_comite(client, monde, acteur):
    appel = monde["appel"]
    reponse = _client(client, monde, acteur).get(reverse("appels:comite", args=[appel.slug]))
    if acteur in EVALUER:
        assert reponse.status_code == 200
        assert "Comment financer la transition écologique des associations ?" in reponse.content.decode()
    else:
        _refuse(reponse, acteur)


@pytest.mark.parametrize("acteur", ACTEURS)
def test_export_des_candidatures(client, monde, acteur):
    appel = monde["appel"]
    reponse = _client(client, monde, acteur).get(reverse("appels:export", args=[appel.slug, "csv"]))
    if acteur in EVALUER:
        contenu = b"".join(reponse.streaming_content).decode("utf-8-sig")
        assert "Comment financer la transition écologique des associations ?" in contenu
    else:
        _refuse(reponse, acteur)


@pytest.mark.parametrize("acteur", ACTEURS)
def test_modifier_la_candidature(client, monde, acteur):
    c = monde["candidature"]
    reponse = _client(client, monde, acteur).get(reverse("appels:modifier", args=[c.pk]))
    if acteur == "candidat":
        assert reponse.status_code == 200
        assert (
            'value="Comment financer la transition écologique des associations ?"' in reponse.content.decode()
        )
    elif acteur in VOIR:
        # Reviewers are sent back to the application: only its author edits it.
        assert reponse.status_code == 302
        assert reponse["Location"] == c.get_absolute_url()
    else:
        _refuse(reponse, acteur)


@pytest.mark.parametrize("acteur", ACTEURS)
def test_notifier_les_decisions(client, monde, acteur, mailoutbox):
    c = monde["candidature"]
    c.statut, c.decision = StatutCandidature.DECIDEE, Decision.REFUSEE
    c.save()
    reponse = _client(client, monde, acteur).post(reverse("appels:notifier", args=[monde["appel"].slug]))
    if acteur in GERER:
        assert reponse.status_code == 302
        assert reponse["Location"] == Travail.objects.get().get_absolute_url()
        assert [m.to for m in mailoutbox] == [[c.candidat.email]]
    else:
        _refuse(reponse, acteur)
        assert mailoutbox == []


class TestReglesFines:
    def test_les_brouillons_restent_prives_au_candidat(self, client, monde):
        brouillon = CandidatureFactory(
            appel=monde["appel"], statut=StatutCandidature.BROUILLON, deposee_le=None
        )
        client.force_login(monde["acteurs"]["partenaire_comite"])
        assert client.get(reverse("appels:candidature", args=[brouillon.pk])).status_code == 403
        client.force_login(brouillon.candidat)
        assert "Pas encore déposée (brouillon)" in client.get(brouillon.get_absolute_url()).content.decode()

    def test_candidat_ne_modifie_plus_apres_la_cloture(self, client, monde):
        appel, c = monde["appel"], monde["candidature"]
        appel.cloture = appel.ouverture
        appel.save()
        client.force_login(c.candidat)
        reponse = client.get(reverse("appels:modifier", args=[c.pk]), follow=True)
        assert "Cette candidature ne peut plus être modifiée." in reponse.content.decode()

    def test_candidat_modifie_une_candidature_a_revoir_mais_pas_une_retenue(self, client, monde):
        c = monde["candidature"]
        c.statut, c.decision = StatutCandidature.DECIDEE, Decision.A_REVOIR
        c.save()
        client.force_login(c.candidat)
        assert (
            "Déposer à nouveau ma candidature"
            in client.get(reverse("appels:modifier", args=[c.pk])).content.decode()
        )
        c.decision = Decision.RETENUE
        c.save()
        reponse = client.get(reverse("appels:modifier", args=[c.pk]))
        assert reponse.status_code == 302
        assert reponse["Location"] == c.get_absolute_url()

    def test_en_evaluation_la_candidature_n_est_plus_modifiable(self, client, monde):
        c = monde["candidature"]
        c.statut = StatutCandidature.EN_EVALUATION
        c.save()
        client.force_login(c.candidat)
        reponse = client.get(reverse("appels:modifier", args=[c.pk]), follow=True)
        assert reponse.redirect_chain == [(c.get_absolute_url(), 302)]
        assert "Cette candidature ne peut plus être modifiée." in reponse.content.decode()

    def test_perm_evaluer_sur_un_appel_entier(self, monde):
        appel = monde["appel"]
        acteurs = monde["acteurs"]
        assert acteurs["partenaire_comite"].has_perm("appels.evaluer_candidature", appel)
        assert not acteurs["partenaire_hors_comite"].has_perm("appels.evaluer_candidature", appel)
        assert acteurs["staff_region"].has_perm("appels.gerer_appel", appel)
        assert not acteurs["staff_autre_region"].has_perm("appels.decider", monde["candidature"])
