"""The région scope of calls on every path: lists, admin add forms and their choices."""

import re

import pytest

from essaim.comptes.enums import Role
from essaim.comptes.tests.factories import UtilisateurFactory, administrateur, charge_de_mission, partenaire

from ..enums import Avis
from ..models import Appel, Evaluation
from ..rules import appels_evalues, appels_gerables, appels_visibles, candidatures_gerables
from .factories import AppelFactory, CandidatureFactory

pytestmark = pytest.mark.django_db

CHOIX_INVALIDE = "Sélectionnez un choix valide"


def _options(html, nom):
    select = re.search(rf'<select name="{nom}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"pas de liste « {nom} » dans la page"
    return set(re.findall(r'<option value="([^"]+)"', select.group(1)))


@pytest.fixture
def appels():
    return {
        "hdf": AppelFactory(titre="Appel HdF"),
        "hdf_cache": AppelFactory(titre="Brouillon HdF", publie=False),
        "normandie_cache": AppelFactory(titre="Brouillon normand", publie=False, region_id="28"),
    }


PROFILS = {
    "visiteur": lambda: UtilisateurFactory(role=Role.VISITEUR),
    "partenaire_hdf": lambda: partenaire("32"),
    "charge_hdf": lambda: charge_de_mission("32"),
    "charge_normandie": lambda: charge_de_mission("28"),
    "administrateur": administrateur,
}
# profile: (appels_visibles, appels_gerables, candidatures_gerables by call)
LISTES = {
    "visiteur": ({"hdf"}, set()),
    "partenaire_hdf": ({"hdf", "hdf_cache"}, set()),
    "charge_hdf": ({"hdf", "hdf_cache"}, {"hdf", "hdf_cache"}),
    "charge_normandie": ({"hdf", "normandie_cache"}, {"normandie_cache"}),
    "administrateur": ({"hdf", "hdf_cache", "normandie_cache"}, {"hdf", "hdf_cache", "normandie_cache"}),
}


@pytest.mark.parametrize("profil", sorted(LISTES))
def test_matrice_des_listes_d_appels(appels, profil):
    user = PROFILS[profil]()
    noms = {a.pk: nom for nom, a in appels.items()}
    for appel in appels.values():
        CandidatureFactory(appel=appel)
    visibles, gerables = LISTES[profil]
    assert {noms[pk] for pk in appels_visibles(user).values_list("pk", flat=True)} == visibles
    assert {noms[pk] for pk in appels_gerables(user).values_list("pk", flat=True)} == gerables
    assert {noms[pk] for pk in appels_evalues(user).values_list("pk", flat=True)} == gerables
    assert {noms[c.appel_id] for c in candidatures_gerables(user)} == gerables
    for nom, appel in appels.items():
        assert user.has_perm("appels.gerer_appel", appel) is (nom in gerables)


def test_appel_d_une_autre_region_refuse_dans_l_administration(client, appels):
    client.force_login(charge_de_mission("28"))
    page = client.get("/admin/appels/appel/add/").content.decode()
    assert _options(page, "region") == {"28"}
    reponse = client.post("/admin/appels/appel/add/", {"titre": "Pirate", "slug": "pirate", "region": "32"})
    assert CHOIX_INVALIDE in reponse.content.decode()
    assert not Appel.objects.filter(slug="pirate").exists()


def test_evaluation_sur_une_candidature_d_une_autre_region_refusee(client, appels):
    candidature = CandidatureFactory(appel=appels["hdf"])
    normande = CandidatureFactory(appel=appels["normandie_cache"])
    charge = charge_de_mission("28")
    client.force_login(charge)
    donnees = {"evaluateur": str(charge.pk), "avis": Avis.FAVORABLE, "note": "4", "commentaire": "x"}
    reponse = client.post("/admin/appels/evaluation/add/", {"candidature": str(candidature.pk), **donnees})
    assert CHOIX_INVALIDE in reponse.content.decode()
    assert not Evaluation.objects.exists()
    reponse = client.post("/admin/appels/evaluation/add/", {"candidature": str(normande.pk), **donnees})
    assert reponse.status_code == 302
    assert Evaluation.objects.get().candidature == normande


def test_formulaire_de_l_appel_propose_les_regions_du_staff(client, appels):
    client.force_login(charge_de_mission("28"))
    page = client.get("/appels/nouveau/").content.decode()
    assert _options(page, "region") == {"28"}


def test_filtres_de_l_administration_sans_les_titres_d_une_autre_region(client, appels):
    """The change list's filters list only the calls of the user's rows."""
    CandidatureFactory(appel=appels["hdf"])
    CandidatureFactory(appel=appels["normandie_cache"])
    client.force_login(charge_de_mission("32"))
    page = client.get("/admin/appels/candidature/").content.decode()
    assert "Appel HdF" in page and "Brouillon normand" not in page
    client.force_login(administrateur())
    assert "Brouillon normand" in client.get("/admin/appels/candidature/").content.decode()
