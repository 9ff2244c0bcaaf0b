"""Permission matrix of the clubs: role × action × région, and the lists."""

import pytest
from django.contrib.auth.models import AnonymousUser

from essaim.clubs.enums import SensAnnonce
from essaim.clubs.models import Annonce
from essaim.clubs.rules import (
    annonces_visibles,
    clubs_de_l_utilisateur,
    clubs_gerables,
    clubs_visibles,
    inscriptions_gerables,
    membres_visibles,
)
from essaim.comptes.tests.factories import administrateur

from .factories import ClubFactory, RencontreFactory

ACTIONS_CLUB = [
    "clubs.gerer_club",
    "clubs.decider_adhesion",
    "clubs.demander_adhesion",
    "clubs.voir_membres",
    "clubs.voir_contacts",
    "clubs.voir_annonces",
    "clubs.publier_annonce",
    "clubs.suivre",
]
ACTIONS_RENCONTRE = ["clubs.gerer_rencontre", "clubs.emarger"]
ACTIONS_ANNONCE = ["clubs.contacter", "clubs.modifier_annonce"]
TOUTES = ACTIONS_CLUB + ACTIONS_RENCONTRE + ACTIONS_ANNONCE

NON = dict.fromkeys(TOUTES, False)
ATTENDU = {
    "animateur": {
        **dict.fromkeys(TOUTES, True),
        "clubs.demander_adhesion": False,
        "clubs.publier_annonce": False,
    },
    "staff_region": {**dict.fromkeys(TOUTES, True), "clubs.publier_annonce": False},
    "staff_autre_region": {**NON, "clubs.demander_adhesion": True},
    "administrateur": dict.fromkeys(TOUTES, True),  # superuser
    "gestionnaire_membre": {
        **NON,
        "clubs.demander_adhesion": True,
        "clubs.voir_membres": True,
        "clubs.voir_contacts": True,
        "clubs.voir_annonces": True,
        "clubs.publier_annonce": True,
        "clubs.contacter": True,
    },
    "autre_gestionnaire": {**NON, "clubs.demander_adhesion": True},
    "partenaire_region": {**NON, "clubs.demander_adhesion": True, "clubs.suivre": True},
    "anonyme": NON,
}


@pytest.fixture
def profils(animateur, gestionnaire_membre, autre_gestionnaire, staff_normandie, partenaire_hdf):
    from essaim.comptes.tests.factories import charge_de_mission

    return {
        "animateur": animateur,
        "staff_region": charge_de_mission("32"),
        "staff_autre_region": staff_normandie,
        "administrateur": administrateur(),
        "gestionnaire_membre": gestionnaire_membre,
        "autre_gestionnaire": autre_gestionnaire,
        "partenaire_region": partenaire_hdf,
        "anonyme": AnonymousUser(),
    }


def test_matrice_des_permissions(club, profils):
    rencontre = RencontreFactory(club=club)
    autre_membre = club.membres.first()
    annonce = Annonce.objects.create(
        club=club,
        structure=autre_membre.structure,
        sens=SensAnnonce.OFFRE,
        categorie="materiel",
        titre="Camion",
        description="Prêt d'un camion.",
        expire_le="2099-01-01",
    )
    ecarts = []
    for nom, compte in profils.items():
        for action in TOUTES:
            objet = club if action in ACTIONS_CLUB else rencontre if action in ACTIONS_RENCONTRE else annonce
            if action == "clubs.modifier_annonce" and nom == "gestionnaire_membre":
                attendu = True  # the structure that posted it is theirs
            else:
                attendu = ATTENDU[nom][action]
            if compte.has_perm(action, objet) is not attendu:
                ecarts.append((nom, action, attendu))
    assert ecarts == []


def test_la_liste_des_membres_est_publique_si_le_club_le_choisit(
    club, gestionnaire_membre, autre_gestionnaire
):
    anonyme = AnonymousUser()
    assert list(membres_visibles(anonyme, club)) == []
    assert list(membres_visibles(autre_gestionnaire, club)) == []
    assert membres_visibles(gestionnaire_membre, club).count() == 1
    club.membres_publics = True
    club.save()
    assert membres_visibles(anonyme, club).count() == 1


def test_les_listes_suivent_le_perimetre(
    club, animateur, gestionnaire_membre, staff_normandie, partenaire_hdf
):
    autre = ClubFactory(region_id="28")
    assert set(clubs_gerables(animateur)) == {club}
    assert set(clubs_gerables(staff_normandie)) == {autre}
    assert list(clubs_gerables(partenaire_hdf)) == []
    assert list(clubs_gerables(AnonymousUser())) == []
    assert set(clubs_gerables(administrateur())) == {club, autre}
    assert set(clubs_de_l_utilisateur(gestionnaire_membre)) == {club}
    autre.statut = "archive"
    autre.save()
    assert club in clubs_visibles(AnonymousUser()) and autre not in clubs_visibles(AnonymousUser())
    assert autre in clubs_visibles(staff_normandie)
    assert list(annonces_visibles(partenaire_hdf, club)) == []
    assert list(inscriptions_gerables(staff_normandie)) == []


def test_l_animateur_d_un_club_ne_gere_pas_un_autre_club(club, animateur):
    autre = ClubFactory(region_id="28", animateur=None)
    assert animateur.has_perm("clubs.gerer_club", club)
    assert not animateur.has_perm("clubs.gerer_club", autre)


def test_le_personnel_edite_les_filieres_et_ses_clubs_dans_l_administration(client, club, staff_normandie):
    from django.conf import settings

    from essaim.comptes.tests.factories import charge_de_mission

    base = "/" + settings.ESSAIM_ADMIN_URL
    client.force_login(charge_de_mission("32"))
    assert "Réemploi et économie circulaire" in client.get(base + "clubs/filiere/").content.decode()
    lien = f"/clubs/club/{club.pk}/change/"
    assert lien in client.get(base + "clubs/club/").content.decode()
    client.force_login(staff_normandie)
    assert lien not in client.get(base + "clubs/club/").content.decode()
