"""Reference data: the platform's default e-mail templates, as editable rows in the admin."""

from .enums import NatureEmail
from .models import ModeleEmail
from .services.emails import DEFAUTS


def charger_modeles_email(stdout=None):
    """Create the missing default templates (one per usage); never overwrite edited ones."""
    existants = set(ModeleEmail.objects.filter(appel__isnull=True).values_list("nature", flat=True))
    crees = [
        ModeleEmail(appel=None, nature=nature, sujet=DEFAUTS[nature][0], corps=DEFAUTS[nature][1])
        for nature in NatureEmail
        if nature.value not in existants
    ]
    ModeleEmail.objects.bulk_create(crees)
    if stdout and crees:
        stdout.write(f"  {len(crees)} modèle(s) d'e-mail par défaut créé(s).")
    return len(crees)
