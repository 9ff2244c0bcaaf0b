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
