"""Permission matrix of staff and organiser actions: role × action × région."""

import pytest
from django.contrib.auth.models import AnonymousUser

from essaim.comptes.enums import Role

from .factories import utilisateur

ACTIONS_CONFERENCE = ["conference.gerer_conference", "conference.consolider", "conference.suivre"]
ACTIONS_ATELIER = [
    "conference.gerer_atelier",
    "conference.emarger",
    "conference.deposer_fiche",
    "conference.valider_fiche",
]

# (profile, action) -> allowed
ATTENDU = {
    "staff_region": dict.fromkeys(ACTIONS_CONFERENCE + ACTIONS_ATELIER, True),
    "staff_autre_region": dict.fromkeys(ACTIONS_CONFERENCE + ACTIONS_ATELIER, False),
    "partenaire_region": {
        **dict.fromkeys(ACTIONS_CONFERENCE + ACTIONS_ATELIER, False),
        "conference.suivre": True,
    },
    "organisateur": {
        **dict.fromkeys(ACTIONS_CONFERENCE + ACTIONS_ATELIER, False),
        "conference.gerer_atelier": True,
        "conference.emarger": True,
        "conference.deposer_fiche": True,
    },
    "anonyme": dict.fromkeys(ACTIONS_CONFERENCE + ACTIONS_ATELIER, False),
    "administrateur": dict.fromkeys(ACTIONS_CONFERENCE + ACTIONS_ATELIER, True),
}


def profil(nom, atelier):
    if nom == "anonyme":
        return AnonymousUser()
    if nom == "organisateur":
        compte = utilisateur(Role.GESTIONNAIRE)
        atelier.responsables.add(compte)
        return compte
    role, regions = {
        "staff_region": (Role.CHARGE_MISSION, ["32"]),
        "staff_autre_region": (Role.CHARGE_MISSION, ["28"]),
        "partenaire_region": (Role.PARTENAIRE, ["32"]),
        "administrateur": (Role.ADMINISTRATEUR, []),
    }[nom]
    return utilisateur(role, regions=regions)


@pytest.mark.parametrize("nom", list(ATTENDU))
@pytest.mark.parametrize("action", ACTIONS_CONFERENCE + ACTIONS_ATELIER)
def test_matrice_des_permissions(atelier, nom, action):
    compte = profil(nom, atelier)
    objet = atelier.conference if action in ACTIONS_CONFERENCE else atelier
    assert compte.has_perm(action, objet) is ATTENDU[nom][action]


def test_l_organisateur_d_un_atelier_ne_gere_pas_celui_d_un_autre(atelier):
    from .factories import AtelierFactory

    compte = profil("organisateur", atelier)
    autre = AtelierFactory(conference=atelier.conference)
    assert compte.has_perm("conference.gerer_atelier", atelier)
    assert not compte.has_perm("conference.gerer_atelier", autre)


# The same matrix through HTTP for the staff-only actions (validation, consolidation).
@pytest.mark.parametrize(
    "nom,autorise",
    [
        ("staff_region", True),
        ("staff_autre_region", False),
        ("partenaire_region", False),
        ("organisateur", False),
        ("anonyme", False),
    ],
)
def test_seul_le_staff_de_la_region_valide_une_fiche(client, atelier, nom, autorise):
    from essaim.conference.models import FicheSynthese

    fiche = FicheSynthese.objects.create(atelier=atelier, participants=12, statut="deposee")
    compte = profil(nom, atelier)
    if nom != "anonyme":
        client.force_login(compte)
    reponse = client.post(f"/conferences/{atelier.conference.slug}/ateliers/{atelier.pk}/fiche/valider/")
    fiche.refresh_from_db()
    assert (fiche.statut == "validee") is autorise
    if nom == "anonyme":
        assert reponse.status_code == 302 and "/comptes/login/" in reponse["Location"]
    elif not autorise:
        assert reponse.status_code == 403


@pytest.mark.parametrize(
    "nom,autorise",
    [
        ("staff_region", True),
        ("staff_autre_region", False),
        ("partenaire_region", False),
        ("organisateur", False),
        ("anonyme", False),
    ],
)
def test_seul_le_staff_de_la_region_consolide_une_transition(client, atelier, nom, autorise):
    compte = profil(nom, atelier)
    if nom != "anonyme":
        client.force_login(compte)
    url = f"/conferences/{atelier.conference.slug}/gestion/transitions/sociale/"
    client.post(url, {"question": "Quelle question ?", "leviers": "Levier consolidé"})
    tc = atelier.conference.transitions.get(transition="sociale")
    assert (tc.leviers == "Levier consolidé") is autorise


@pytest.mark.parametrize(
    "nom,autorise",
    [
        ("staff_region", True),
        ("staff_autre_region", False),
        ("partenaire_region", False),
        ("organisateur", True),
        ("anonyme", False),
    ],
)
def test_pointer_un_participant(client, atelier, nom, autorise):
    from essaim.conference.tests.factories import inscrire_confirmee as inscrire

    inscrit = inscrire(atelier, "Ada", "Lovelace", "ada@exemple.fr")
    compte = profil(nom, atelier)
    if nom != "anonyme":
        client.force_login(compte)
    client.post(
        f"/conferences/{atelier.conference.slug}/ateliers/{atelier.pk}/emargement/{inscrit.pk}/",
        {"present": "1"},
    )
    inscrit.refresh_from_db()
    assert inscrit.present is autorise
