"""Background work of calls: mailing every pending decision of a call."""

from django.utils.translation import gettext as _

from essaim.commun.taches import tache

from .models import Appel
from .services import emails
from .services.candidatures import a_notifier


@tache
def notifier_decisions(travail, appel_id: int, base_url: str = ""):
    """E-mail each decided application not yet notified; one failure does not stop the others."""
    appel = Appel.objects.get(pk=appel_id)
    candidatures = list(a_notifier(appel).select_related("candidat", "appel__region"))
    total = len(candidatures)
    envoyes, echecs = 0, []
    travail.avancer(0, total, _("Envoi des décisions"), forcer=True)
    for numero, candidature in enumerate(candidatures, start=1):
        try:
            emails.envoyer_decision(candidature, base_url)
            envoyes += 1
        except Exception as erreur:  # reported to the user on the task page
            echecs.append(f"{candidature.candidat.email} : {erreur}")
        travail.avancer(numero, total, _("%(n)s / %(total)s e-mails envoyés") % {"n": numero, "total": total})
    travail.avancer(total, total, _("%(n)s e-mail(s) envoyé(s)") % {"n": envoyes}, forcer=True)
    return {"envoyes": envoyes, "echecs": echecs}
