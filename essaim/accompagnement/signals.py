"""Receivers: a retained application opens its laureate's follow-up file.

Plugged on ``appels.signals.candidature_decidee`` (the decision service's extension point,
sent inside the decision's transaction): the file commits or rolls back with the decision,
and ``appels`` knows nothing of this module.
"""

from django.dispatch import receiver

from essaim.appels.enums import Decision
from essaim.appels.signals import candidature_decidee


@receiver(candidature_decidee, dispatch_uid="accompagnement_ouvrir_suivi_laureat")
def ouvrir_suivi(sender, candidature, decision, **kwargs):
    if decision != Decision.RETENUE:
        return
    from .services.suivis import ouvrir_suivi_laureat

    ouvrir_suivi_laureat(candidature, par=getattr(candidature, "decidee_par", None))
