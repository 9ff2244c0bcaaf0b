"""Late actions: one e-mail per person listing the actions that became late since the last
run (each action is signalled once), sent through commun/courriels.py."""

from collections import defaultdict

from django.conf import settings
from django.utils import timezone

from essaim.commun import courriels

from ..enums import ACTIONS_TERMINEES
from ..models import Action


def destinataire(action):
    """Who is told: the action's owner, else the file's accompanying person, else its owner."""
    return action.responsable or action.suivi.accompagnateur or action.suivi.responsable


def alerter_retards(aujourd_hui=None, *, dry_run=False) -> dict:
    aujourd_hui = aujourd_hui or timezone.localdate()
    retards = (
        Action.objects.filter(echeance__lt=aujourd_hui, alerte_le__isnull=True)
        .exclude(statut__in=ACTIONS_TERMINEES)
        .select_related("responsable", "suivi__accompagnateur", "suivi__responsable")
        .order_by("echeance")
    )
    par_personne = defaultdict(list)
    for action in retards:
        personne = destinataire(action)
        if personne is not None and personne.email:
            par_personne[personne].append(action)
    if dry_run:
        return {"personnes": len(par_personne), "actions": sum(map(len, par_personne.values()))}
    site = settings.SITE_URL.rstrip("/")
    for personne, actions in par_personne.items():
        courriels.envoyer(
            "accompagnement/courriels/retards",
            [personne.email],
            {"personne": personne, "actions": actions, "site": site},
        )
        Action.objects.filter(pk__in=[a.pk for a in actions]).update(alerte_le=aujourd_hui)
    return {"personnes": len(par_personne), "actions": sum(map(len, par_personne.values()))}
