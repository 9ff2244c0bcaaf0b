"""The permission matrix of the library: role × action × région, lists included."""

import pytest
from django.contrib.auth.models import AnonymousUser

from essaim.annuaire.reference import charger
from essaim.commun.tests.partage import donnees_du_module
from essaim.territoires.models import Region

from ..enums import StatutRessource
from ..rules import ressources_gerables, ressources_visibles
from ..services.bibliotheque import file_de_moderation
from .conftest import construire_profils
from .factories import RessourceFactory

pytestmark = pytest.mark.django_db

PROFILS = ["proposant", "autre", "staff_hdf", "staff_normandie", "partenaire_hdf", "admin", "anonyme"]
CONNECTES = set(PROFILS) - {"anonyme"}
GERER = {"staff_hdf", "admin"}
S = StatutRessource

# Expected answers for an item of Hauts-de-France proposed by "proposant", by status.
MATRICE = {
    S.PUBLIEE: {
        "ressources.voir_ressource": set(PROFILS),
        "ressources.modifier_ressource": GERER,
        "ressources.moderer_ressource": GERER,
        "ressources.voir_historique": GERER,
        "ressources.proposer_ressource": CONNECTES,
        "ressources.acceder_moderation": {"staff_hdf", "staff_normandie", "admin"},
    },
    S.EN_ATTENTE: {
        "ressources.voir_ressource": GERER | {"proposant"},
        "ressources.modifier_ressource": GERER | {"proposant"},
        "ressources.moderer_ressource": GERER,
        "ressources.voir_historique": GERER,
    },
    S.BROUILLON: {
        "ressources.voir_ressource": GERER | {"proposant"},
        "ressources.modifier_ressource": GERER | {"proposant"},
        "ressources.moderer_ressource": GERER,
    },
    S.ARCHIVEE: {
        "ressources.voir_ressource": GERER | {"proposant"},
        "ressources.moderer_ressource": GERER,
    },
}
CAS = [
    (statut, perm, profil, profil in autorises)
    for statut, perms in MATRICE.items()
    for perm, autorises in perms.items()
    for profil in PROFILS
]


def _construire():
    charger()
    profils = construire_profils()
    normandie = Region.objects.get(code="28")
    ressources = {
        statut: RessourceFactory(titre=f"{statut}_hdf", statut=statut, propose_par=profils["proposant"])
        for statut in MATRICE
    }
    ressources["attente_normandie"] = RessourceFactory(
        titre="en_attente_normandie", statut=S.EN_ATTENTE, region=normandie
    )
    return profils, ressources


@pytest.fixture(scope="module")
def monde(django_db_setup, django_db_blocker):
    yield from donnees_du_module(django_db_blocker, _construire)


def _utilisateur(monde, profil):
    return AnonymousUser() if profil == "anonyme" else monde[0][profil]


@pytest.mark.parametrize(("statut", "permission", "profil", "attendu"), CAS)
def test_matrice(monde, statut, permission, profil, attendu):
    assert _utilisateur(monde, profil).has_perm(permission, monde[1][statut]) is attendu


TOUTES = {"publiee_hdf", "en_attente_hdf", "brouillon_hdf", "archivee_hdf", "en_attente_normandie"}
HDF = TOUTES - {"en_attente_normandie"}


@pytest.mark.parametrize(
    ("profil", "visibles", "gerables", "a_moderer"),
    [
        ("proposant", HDF, set(), None),
        ("autre", {"publiee_hdf"}, set(), None),
        ("staff_hdf", HDF, HDF, {"en_attente_hdf"}),
        (
            "staff_normandie",
            {"publiee_hdf", "en_attente_normandie"},
            {"en_attente_normandie"},
            {"en_attente_normandie"},
        ),
        ("partenaire_hdf", {"publiee_hdf"}, set(), set()),
        ("admin", TOUTES, TOUTES, {"en_attente_hdf", "en_attente_normandie"}),
        ("anonyme", {"publiee_hdf"}, set(), None),
    ],
)
def test_listes_par_profil(monde, profil, visibles, gerables, a_moderer):
    user = _utilisateur(monde, profil)
    assert set(ressources_visibles(user).values_list("titre", flat=True)) == visibles
    assert set(ressources_gerables(user).values_list("titre", flat=True)) == gerables
    if a_moderer is not None:
        assert {r.titre for r in file_de_moderation(user)} == a_moderer


@pytest.mark.parametrize(
    ("profil", "code"),
    [("proposant", 403), ("staff_hdf", 200), ("staff_normandie", 200), ("admin", 200), ("anonyme", 403)],
)
def test_page_de_moderation_par_http(client, monde, profil, code):
    if profil != "anonyme":
        client.force_login(monde[0][profil])
    reponse = client.get("/ressources/moderation/")
    assert reponse.status_code == code
    if code == 200:
        page = reponse.content.decode()
        assert ("en_attente_normandie" in page) is (profil != "staff_hdf")
        assert ("en_attente_hdf" in page) is (profil != "staff_normandie")


@pytest.mark.parametrize(
    ("profil", "code"),
    [
        ("proposant", 403),
        ("autre", 404),
        ("staff_hdf", 302),
        ("staff_normandie", 404),
        ("partenaire_hdf", 404),
    ],
)
def test_decision_par_http_hors_region_refusee(client, monde, profil, code):
    ressource = monde[1][S.EN_ATTENTE]
    client.force_login(monde[0][profil])
    reponse = client.post(f"/ressources/{ressource.slug}/decision/", {"action": "approuver"})
    assert reponse.status_code == code
    ressource.refresh_from_db()
    assert ressource.est_publiee is (code == 302)


@pytest.mark.parametrize(("profil", "code"), [("autre", 404), ("anonyme", 404), ("proposant", 200)])
def test_page_d_une_ressource_en_attente(client, monde, profil, code):
    if profil != "anonyme":
        client.force_login(monde[0][profil])
    assert client.get(f"/ressources/{monde[1][S.EN_ATTENTE].slug}/").status_code == code


def test_admin_de_la_ressource_reservee_au_perimetre(client, monde):
    client.force_login(monde[0]["staff_normandie"])
    page = client.get("/admin/ressources/ressource/").content.decode()
    assert "en_attente_normandie" in page and "en_attente_hdf" not in page
