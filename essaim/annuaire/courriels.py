"""Who receives the directory's e-mails (sending itself: essaim.commun.courriels).

Templates live in templates/annuaire/courriels/.
"""

from essaim.commun.courriels import envoyer


def emails_gestionnaires(structure) -> list[str]:
    return list(structure.gestionnaires.filter(is_active=True).values_list("email", flat=True))


def emails_staff_de_la_region(region_code: str | None) -> list[str]:
    """CRESS staff (chargé·es de mission) of a région: they receive new items to moderate."""
    from essaim.comptes.enums import Role
    from essaim.comptes.models import Utilisateur

    if not region_code:
        return []
    return list(
        Utilisateur.objects.filter(role=Role.CHARGE_MISSION, regions__code=region_code, is_active=True)
        .values_list("email", flat=True)
        .distinct()
    )


def prevenir_staff(structure, quoi: str, lien: str = "") -> int:
    return envoyer(
        "annuaire/courriels/a_moderer",
        emails_staff_de_la_region(structure.region_code),
        {"structure": structure, "quoi": quoi, "lien": lien},
    )
