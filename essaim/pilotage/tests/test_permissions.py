"""Permission matrix of strategic plans: role × action × région, lists (pages, API) included."""

import pytest
from django.contrib.auth.models import AnonymousUser

from essaim.commun.tests.partage import donnees_du_module
from essaim.comptes.enums import Role
from essaim.comptes.tests.factories import UtilisateurFactory
from essaim.pilotage.rules import indicateurs_a_saisir, plans_gerables, plans_visibles

from . import factories

pytestmark = pytest.mark.django_db

PROFILS = [
    "anonyme",
    "visiteur",
    "staff_region",
    "staff_autre_region",
    "partenaire_region",
    "partenaire_partage",
    "responsable",
    "administrateur",
]
ACTIONS = ["pilotage.voir_plan", "pilotage.gerer_plan", "pilotage.saisir_mesure"]

# (profile) -> {action: (on the public plan, on the private plan)}
ATTENDU = {
    "anonyme": {
        "pilotage.voir_plan": (True, False),
        "pilotage.gerer_plan": (False, False),
        "pilotage.saisir_mesure": (False, False),
    },
    "visiteur": {
        "pilotage.voir_plan": (True, False),
        "pilotage.gerer_plan": (False, False),
        "pilotage.saisir_mesure": (False, False),
    },
    "staff_region": dict.fromkeys(ACTIONS, (True, True)),
    "staff_autre_region": {
        "pilotage.voir_plan": (True, False),
        "pilotage.gerer_plan": (False, False),
        "pilotage.saisir_mesure": (False, False),
    },
    "partenaire_region": {
        "pilotage.voir_plan": (True, False),
        "pilotage.gerer_plan": (False, False),
        "pilotage.saisir_mesure": (False, False),
    },
    "partenaire_partage": {
        "pilotage.voir_plan": (True, True),
        "pilotage.gerer_plan": (False, False),
        "pilotage.saisir_mesure": (False, False),
    },
    "responsable": {
        "pilotage.voir_plan": (True, True),
        "pilotage.gerer_plan": (False, False),
        "pilotage.saisir_mesure": (True, True),
    },
    "administrateur": dict.fromkeys(ACTIONS, (True, True)),
}


def _construire():
    """Two plans of Normandie (28), one public, one private; one account per profile."""
    comptes = {
        "visiteur": UtilisateurFactory(),
        "staff_region": UtilisateurFactory(role=Role.CHARGE_MISSION, regions=["28"]),
        "staff_autre_region": UtilisateurFactory(role=Role.CHARGE_MISSION, regions=["32"]),
        "partenaire_region": UtilisateurFactory(role=Role.PARTENAIRE, regions=["28"]),
        "partenaire_partage": UtilisateurFactory(role=Role.PARTENAIRE, regions=["32"]),
        "responsable": UtilisateurFactory(role=Role.GESTIONNAIRE),
        "administrateur": UtilisateurFactory(role=Role.ADMINISTRATEUR),
    }
    public, _o, ind_public = factories.arbre_simple(slug="public", responsable=comptes["responsable"])
    prive, _o2, ind_prive = factories.arbre_simple(
        slug="prive", public=False, responsable=comptes["responsable"]
    )
    prive.partage_avec.add(comptes["partenaire_partage"])
    return {"comptes": comptes, "plans": (public, prive), "indicateurs": (ind_public, ind_prive)}


@pytest.fixture(scope="module")
def _monde_du_module(django_db_setup, django_db_blocker):
    # Built once for the module; tests only read it.
    yield from donnees_du_module(django_db_blocker, _construire)


@pytest.fixture
def monde(db, _monde_du_module):
    return _monde_du_module


def _compte(monde, nom):
    return AnonymousUser() if nom == "anonyme" else monde["comptes"][nom]


@pytest.mark.parametrize("nom", PROFILS)
@pytest.mark.parametrize("action", ACTIONS)
def test_matrice_des_permissions(monde, nom, action):
    compte = _compte(monde, nom)
    objets = monde["indicateurs"] if action == "pilotage.saisir_mesure" else monde["plans"]
    assert (compte.has_perm(action, objets[0]), compte.has_perm(action, objets[1])) == ATTENDU[nom][action]


@pytest.mark.parametrize("nom", PROFILS)
def test_listes_pages_et_api_suivent_la_matrice(client, monde, nom):
    compte = _compte(monde, nom)
    if nom != "anonyme":
        client.force_login(compte)
    attendus = {
        slug
        for slug, voit in zip(("public", "prive"), ATTENDU[nom]["pilotage.voir_plan"], strict=True)
        if voit
    }
    assert set(plans_visibles(compte).values_list("slug", flat=True)) == attendus
    api = client.get("/api/v1/pilotage/plans/").json()
    assert {p["slug"] for p in api["results"]} == attendus
    page = client.get("/pilotage/").content.decode()
    assert ("/pilotage/prive/" in page) is ("prive" in attendus)
    assert client.get("/pilotage/prive/").status_code == (200 if "prive" in attendus else 404)
    assert client.get("/api/v1/pilotage/plans/prive/").status_code == (200 if "prive" in attendus else 404)
    gerables = set(plans_gerables(compte).values_list("slug", flat=True)) if nom != "anonyme" else set()
    assert gerables == ({"public", "prive"} if ATTENDU[nom]["pilotage.gerer_plan"][1] else set())
    a_saisir = indicateurs_a_saisir(compte).count() if nom != "anonyme" else 0
    assert a_saisir == (2 if ATTENDU[nom]["pilotage.saisir_mesure"][1] else 0)


@pytest.mark.parametrize(
    "nom,statut_creation,statut_mesure",
    [
        ("staff_region", 200, 200),
        ("staff_autre_region", 403, 403),
        ("partenaire_partage", 403, 403),
        ("responsable", 403, 200),
        ("visiteur", 403, 403),
    ],
)
def test_formulaires_du_plan_prive_par_profil(client, monde, nom, statut_creation, statut_mesure):
    client.force_login(_compte(monde, nom))
    prive = monde["plans"][1]
    ind = monde["indicateurs"][1]
    creation = client.get(f"/pilotage/{prive.slug}/objectifs/nouveau/").status_code
    mesure = client.get(f"/pilotage/{prive.slug}/indicateurs/{ind.pk}/mesure/").status_code
    # A plan the user may not read at all is not revealed (404) rather than refused.
    voit = ATTENDU[nom]["pilotage.voir_plan"][1]
    assert creation == (statut_creation if voit else 404)
    assert mesure == (statut_mesure if voit else 404)


def test_administration_limitee_a_la_region(client, monde):
    from django.conf import settings

    url = f"/{settings.ESSAIM_ADMIN_URL}pilotage/plan/"
    client.force_login(monde["comptes"]["staff_autre_region"])
    page = client.get(url)
    assert page.status_code == 200 and "Plan public" not in page.content.decode()
    client.force_login(monde["comptes"]["staff_region"])
    page = client.get(url).content.decode()
    assert "Plan public" in page and "Plan prive" in page
    client.force_login(monde["comptes"]["partenaire_partage"])
    assert client.get(url).status_code in (302, 403)
