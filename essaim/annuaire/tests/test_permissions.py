"""The permission matrix of records: who may see, edit, moderate, revert, merge, claim."""

import pytest
from django.contrib.auth.models import AnonymousUser

from ..enums import StatutStructure

pytestmark = pytest.mark.django_db

PROFILS = [
    "proprietaire",
    "autre_proprietaire",
    "staff_hdf",
    "staff_normandie",
    "partenaire_hdf",
    "admin",
    "anonyme",
]
# Expected answers on a published record of Hauts-de-France managed by "proprietaire".
MATRICE = {
    "annuaire.voir_structure": dict.fromkeys(PROFILS, True),
    "annuaire.modifier_structure": {"proprietaire": True, "staff_hdf": True, "admin": True},
    "annuaire.voir_historique": {"proprietaire": True, "staff_hdf": True, "admin": True},
    "annuaire.moderer_structure": {"staff_hdf": True, "admin": True},
    "annuaire.restaurer_version": {"staff_hdf": True, "admin": True},
    "annuaire.fusionner_structures": {"staff_hdf": True, "admin": True},
    "annuaire.revendiquer_structure": {
        "autre_proprietaire": True,
        "staff_hdf": True,
        "staff_normandie": True,
        "partenaire_hdf": True,
        "admin": True,
    },
}
CAS = [(perm, profil, attendu.get(profil, False)) for perm, attendu in MATRICE.items() for profil in PROFILS]


def _utilisateur(request, profil):
    return AnonymousUser() if profil == "anonyme" else request.getfixturevalue(profil)


@pytest.mark.parametrize(("permission", "profil", "attendu"), CAS)
def test_matrice_sur_une_fiche_publiee(request, structure, structure_autre, permission, profil, attendu):
    assert _utilisateur(request, profil).has_perm(permission, structure) is attendu


@pytest.mark.parametrize(
    ("profil", "attendu"),
    [
        ("proprietaire", True),
        ("autre_proprietaire", False),
        ("staff_hdf", True),
        ("staff_normandie", False),
        ("partenaire_hdf", False),
        ("admin", True),
        ("anonyme", False),
    ],
)
def test_fiche_en_attente_visible_seulement_de_ses_gestionnaires_et_du_staff(
    request, structure, profil, attendu
):
    structure.statut = StatutStructure.EN_ATTENTE
    structure.save()
    assert _utilisateur(request, profil).has_perm("annuaire.voir_structure", structure) is attendu


@pytest.mark.parametrize(
    ("profil", "code_attendu"),
    [
        ("proprietaire", 200),
        ("autre_proprietaire", 403),
        ("staff_hdf", 200),
        ("staff_normandie", 403),
        ("partenaire_hdf", 403),
        ("admin", 200),
    ],
)
def test_page_de_modification_par_http(client, request, structure, profil, code_attendu):
    client.force_login(request.getfixturevalue(profil))
    reponse = client.get(f"/annuaire/{structure.slug}/modifier/")
    assert reponse.status_code == code_attendu
    if code_attendu == 200:
        assert "Recyclerie de Lille" in reponse.content.decode()


def test_anonyme_renvoye_vers_la_connexion_pour_modifier(client, structure):
    for page in ("modifier", "historique", "revendiquer"):
        reponse = client.get(f"/annuaire/{structure.slug}/{page}/")
        assert reponse.status_code == 302 and "/comptes/login/" in reponse["Location"]
    reponse = client.post(f"/annuaire/{structure.slug}/confirmer/")
    assert reponse.status_code == 403


@pytest.mark.parametrize(
    ("profil", "code_attendu"),
    [
        ("proprietaire", 403),
        ("staff_hdf", 200),
        ("staff_normandie", 200),
        ("partenaire_hdf", 403),
        ("admin", 200),
    ],
)
def test_file_de_moderation_reservee_a_la_cress(client, request, structure, profil, code_attendu):
    client.force_login(request.getfixturevalue(profil))
    assert client.get("/annuaire/moderation/").status_code == code_attendu
