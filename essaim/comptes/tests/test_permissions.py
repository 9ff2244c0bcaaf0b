"""The permission layer as a matrix: role × action × région (the one place that decides)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from essaim.commun.permissions import peut
from essaim.comptes.enums import Role
from essaim.comptes.tests.factories import UtilisateurFactory
from essaim.territoires.models import Departement, Region

pytestmark = pytest.mark.django_db

ROLES = {
    "anonyme": None,
    "visiteur": {"role": Role.VISITEUR},
    "gestionnaire": {"role": Role.GESTIONNAIRE},
    "partenaire_hdf": {"role": Role.PARTENAIRE, "regions": ["32"]},
    "partenaire_normandie": {"role": Role.PARTENAIRE, "regions": ["28"]},
    "charge_hdf": {"role": Role.CHARGE_MISSION, "regions": ["32"]},
    "charge_normandie": {"role": Role.CHARGE_MISSION, "regions": ["28"]},
    "charge_deux_regions": {"role": Role.CHARGE_MISSION, "regions": ["28", "32"]},
    "administrateur": {"role": Role.ADMINISTRATEUR, "is_superuser": True},
}

# Expected rights on an object of Hauts-de-France (the Nord département).
ATTENDU = {
    "comptes.consulter_tableau_de_bord": {
        "partenaire_hdf",
        "charge_hdf",
        "charge_deux_regions",
        "administrateur",
    },
    "comptes.gerer_region": {"charge_hdf", "charge_deux_regions", "administrateur"},
    "comptes.gerer_utilisateurs": {"administrateur"},
    "comptes.gerer_ses_donnees": set(ROLES) - {"anonyme"},
}


def _utilisateur(nom):
    if ROLES[nom] is None:
        return AnonymousUser()
    return UtilisateurFactory(**ROLES[nom])


@pytest.mark.parametrize("action", sorted(ATTENDU))
@pytest.mark.parametrize("role", sorted(ROLES))
def test_matrice_role_action_sur_un_objet_des_hauts_de_france(role, action):
    nord = Departement.objects.get(code="59")
    assert peut(_utilisateur(role), action, nord) is (role in ATTENDU[action])


@pytest.mark.parametrize("role", sorted(ROLES))
def test_la_region_d_un_objet_decide_pour_le_staff(role):
    """The same staff member may act on Normandie objects only if Normandie is in scope."""
    calvados = Departement.objects.get(code="14")
    autorises = {"charge_normandie", "charge_deux_regions", "administrateur"}
    assert peut(_utilisateur(role), "comptes.gerer_region", calvados) is (role in autorises)


def test_objet_sans_region_n_est_gere_que_par_l_administrateur():
    sans_region = object()
    assert not peut(UtilisateurFactory(**ROLES["charge_hdf"]), "comptes.gerer_region", sans_region)
    assert peut(UtilisateurFactory(**ROLES["administrateur"]), "comptes.gerer_region", sans_region)


def test_une_region_est_son_propre_perimetre():
    assert peut(
        UtilisateurFactory(**ROLES["charge_hdf"]), "comptes.gerer_region", Region.objects.get(code="32")
    )


@pytest.mark.parametrize("role", ["charge_hdf", "partenaire_hdf", "gestionnaire"])
def test_seuls_les_roles_du_staff_ouvrent_l_administration(client, role):
    client.force_login(UtilisateurFactory(**ROLES[role]))
    reponse = client.get(reverse("admin:index"))
    if role == "charge_hdf":
        assert "Essaim — administration" in reponse.content.decode()
    else:
        assert reponse["Location"] == f"{reverse('admin:login')}?next={reverse('admin:index')}"


# Lists beside the rules: the régions each role may act on (regions_gerables) and read
# (dashboards), asked over the whole COG. None means every région.
REGIONS_ATTENDUES = {
    "anonyme": (set(), set()),
    "visiteur": (set(), set()),
    "gestionnaire": (set(), set()),
    "partenaire_hdf": (set(), {"32"}),
    "partenaire_normandie": (set(), {"28"}),
    "charge_hdf": ({"32"}, {"32"}),
    "charge_normandie": ({"28"}, {"28"}),
    "charge_deux_regions": ({"28", "32"}, {"28", "32"}),
    "administrateur": (None, None),
}


@pytest.mark.parametrize("role", sorted(ROLES))
def test_matrice_des_listes_de_regions(role):
    from essaim.commun.permissions import filtrer_par_region
    from essaim.territoires.rules import regions_gerables

    user = _utilisateur(role)
    action, lecture = REGIONS_ATTENDUES[role]
    toutes = set(Region.objects.values_list("code", flat=True))
    assert set(regions_gerables(user).values_list("code", flat=True)) == (
        toutes if action is None else action
    )
    lues = filtrer_par_region(Region.objects.all(), user, "code", lecture=True)
    assert set(lues.values_list("code", flat=True)) == (toutes if lecture is None else lecture)
    # The list agrees with the per-object rule on every région.
    for region in Region.objects.all():
        assert peut(user, "comptes.gerer_region", region) is (
            region.code in (toutes if action is None else action)
        )
