"""E-mails of the directory: French plain text rendered from templates/annuaire/courriels/."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string


def envoyer(destinataires, gabarit: str, contexte: dict) -> int:
    destinataires = sorted({d for d in destinataires if d})
    if not destinataires:
        return 0
    contexte = {"site": getattr(settings, "ESSAIM_NOM", "Essaim"), **contexte}
    sujet = render_to_string(f"annuaire/courriels/{gabarit}_sujet.txt", contexte).strip()
    corps = render_to_string(f"annuaire/courriels/{gabarit}.txt", contexte)
    return send_mail(sujet, corps, None, destinataires)


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
    return envoyer(emails_staff_de_la_region(structure.region_code), "a_moderer",
                   {"structure": structure, "quoi": quoi, "lien": lien})  # fmt: skip
