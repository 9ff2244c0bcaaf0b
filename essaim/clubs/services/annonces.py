"""Needs and offers between the members of a club; contact through the platform, so that no
member's e-mail address is shown to another."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.commun import courriels
from essaim.commun.statuts import changer_statut

from ..enums import StatutAnnonce
from ..models import Annonce

DUREE_PAR_DEFAUT = datetime.timedelta(days=90)
# Contact messages: at most this many per sender in the window (commun.limites).
MESSAGES_MAX, FENETRE_S = 10, 3600


def annonces_en_cours(qs):
    """Open and not expired: what the members see first."""
    return qs.filter(statut=StatutAnnonce.OUVERTE, expire_le__gte=timezone.localdate())


def expiration_par_defaut() -> datetime.date:
    return timezone.localdate() + DUREE_PAR_DEFAUT


def changer(annonce: Annonce, statut: str, par) -> Annonce:
    return changer_statut(annonce, StatutAnnonce(statut), par=par)


def destinataires(annonce: Annonce) -> list[str]:
    """The author, else the managers of the structure that posted it."""
    if annonce.auteur_id and annonce.auteur.email:
        return [annonce.auteur.email]
    return list(annonce.structure.gestionnaires.values_list("email", flat=True))


def contacter(annonce: Annonce, expediteur, structure_nom: str, message: str, base_url: str) -> int:
    """E-mail the author. The author's address is never shown; the sender's address is the
    reply-to, which the sender is told before sending."""
    if annonce.statut != StatutAnnonce.OUVERTE or annonce.est_expiree:
        raise ValueError(_("Cette annonce n'est plus ouverte : elle ne reçoit plus de messages."))
    return courriels.envoyer(
        "clubs/courriels/contact_annonce",
        destinataires(annonce),
        {
            "annonce": annonce,
            "club": annonce.club,
            "expediteur": expediteur,
            "structure": structure_nom,
            "message": message,
            "lien": base_url.rstrip("/") + annonce.get_absolute_url(),
        },
        repondre_a=[expediteur.email],
    )
