"""Who may choose the published vintage: role × vintage scope × région (figures are public)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from essaim.comptes.enums import Role
from essaim.comptes.models import Utilisateur
from essaim.observatoire.enums import StatutMillesime
from essaim.observatoire.models import Millesime
from essaim.territoires.models import Region

pytestmark = pytest.mark.django_db

# (profile, scope of both vintages) -> may publish
ATTENDU = {
    ("administrateur", "national"): True,
    ("administrateur", "32"): True,
    ("staff_region", "national"): False,
    ("staff_region", "32"): True,
    ("staff_autre_region", "32"): False,
    ("partenaire_region", "32"): False,
    ("gestionnaire", "32"): False,
    ("anonyme", "32"): False,
}


def profil(nom):
    if nom == "anonyme":
        return AnonymousUser()
    role, regions = {
        "administrateur": (Role.ADMINISTRATEUR, []),
        "staff_region": (Role.CHARGE_MISSION, ["32"]),
        "staff_autre_region": (Role.CHARGE_MISSION, ["28"]),
        "partenaire_region": (Role.PARTENAIRE, ["32"]),
        "gestionnaire": (Role.GESTIONNAIRE, []),
    }[nom]
    compte = Utilisateur.objects.create_user(f"{nom}@exemple.fr", "motdepasse-solide-42", role=role)
    compte.regions.set(Region.objects.filter(code__in=regions))
    return compte


def _millesime(statut, regions, jour):
    return Millesime.objects.create(
        statut=statut, regions=regions, date_stock=jour, perimetre="flag", empreinte=f"{statut}{jour}"
    )


@pytest.mark.parametrize("nom, portee", list(ATTENDU))
def test_matrice_publier_un_millesime(nom, portee):
    from datetime import date

    regions = "" if portee == "national" else portee
    _millesime(StatutMillesime.PUBLIE, regions, date(2026, 1, 1))
    ancien = _millesime(StatutMillesime.ARCHIVE, regions, date(2025, 1, 1))
    assert profil(nom).has_perm("observatoire.publier_millesime", ancien) is ATTENDU[(nom, portee)]


def test_un_millesime_regional_ne_remplace_pas_un_national_sans_l_administrateur():
    from datetime import date

    _millesime(StatutMillesime.PUBLIE, "", date(2026, 1, 1))
    regional = _millesime(StatutMillesime.ARCHIVE, "32", date(2025, 1, 1))
    assert not profil("staff_region").has_perm("observatoire.publier_millesime", regional)
