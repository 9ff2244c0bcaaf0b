"""Background work of strategic plans: snapshots of automatic indicators whose period ended,
and reminders to owners whose measures are due (one e-mail per owner, after commit)."""

from collections import defaultdict

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.commun import courriels
from essaim.commun.taches import tache

from .enums import Mode
from .models import Indicateur
from .services import mesures


@tache
def echeances(travail, base_url: str = ""):
    aujourd_hui = timezone.localdate()
    travail.avancer(0, 2, _("Instantanés des indicateurs automatiques"), forcer=True)
    instantanes = mesures.prendre_instantanes(Indicateur.objects.filter(mode=Mode.AUTOMATIQUE), aujourd_hui)
    travail.avancer(1, 2, _("Rappels aux responsables"), forcer=True)
    rappels = envoyer_rappels(aujourd_hui, base_url)
    travail.avancer(2, 2, _("Échéances traitées."), forcer=True)
    return {"instantanes": instantanes, "rappels": rappels}


def envoyer_rappels(aujourd_hui=None, base_url: str = "") -> int:
    """One e-mail per owner listing their measures due (manual indicators of their objectives)."""
    indicateurs = Indicateur.objects.filter(
        mode=Mode.MANUEL, objectif__responsable__isnull=False
    ).select_related("objectif__responsable", "plan")
    par_responsable = defaultdict(list)
    for due in mesures.dues(indicateurs, aujourd_hui):
        par_responsable[due.indicateur.objectif.responsable].append(due)
    base = base_url or settings.SITE_URL
    for responsable, dues in par_responsable.items():
        plans = sorted({d.indicateur.plan for d in dues}, key=lambda p: p.titre)
        courriels.envoyer(
            "pilotage/courriels/rappel",
            [responsable.email],
            {"responsable": responsable, "dues": dues, "plans": plans, "base": base.rstrip("/")},
        )
    return len(par_responsable)
