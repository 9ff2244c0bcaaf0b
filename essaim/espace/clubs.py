""" "Mon espace" blocks of the clubs and of the CRESS membership (through their rules.py)."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone

from essaim.adherents.rules import adhesions_de_mes_structures
from essaim.clubs import libelles
from essaim.clubs.enums import StatutMembre
from essaim.clubs.models import InscriptionRencontre
from essaim.clubs.rules import clubs_de_l_utilisateur, clubs_gerables
from essaim.commun.inscriptions import StatutInscription
from essaim.commun.permissions import regions_de_lecture

from .services import Bloc, Ligne


def animation(user):
    """For the animateur and the région's staff: join requests to decide, per club."""
    clubs = (
        clubs_gerables(user)
        .annotate(demandes=Count("membres", filter=Q(membres__statut=StatutMembre.DEMANDEE)))
        .order_by("-demandes", "nom")
    )
    lignes = [
        Ligne(
            str(libelles.DEMANDES_A_TRAITER) % {"club": c.nom},
            reverse("clubs:demandes", args=[c.slug]),
            c.demandes,
        )
        for c in clubs[:30]
    ]
    lecture = regions_de_lecture(user)
    if lecture is None or lecture:
        lignes.append(Ligne(str(libelles.ADHERENTS_ET_RESEAUX), reverse("adherents:tableau")))
    if not lignes:
        return None
    return Bloc("clubs_animation", str(libelles.BLOC_ANIMATION), lignes)


def mes_clubs(user):
    """For a member: my clubs, my upcoming sessions, my structures' CRESS membership."""
    lignes = [
        Ligne(c.nom, c.get_absolute_url(), detail=c.filiere.libelle)
        for c in clubs_de_l_utilisateur(user).select_related("filiere")[:30]
    ]
    inscriptions = (
        InscriptionRencontre.objects.filter(utilisateur=user, rencontre__date__gte=timezone.localdate())
        .exclude(statut=StatutInscription.ANNULEE)
        .select_related("rencontre__club")
        .order_by("rencontre__date")
    )
    lignes += [
        Ligne(
            str(libelles.RENCONTRE) % {"titre": i.rencontre.titre},
            i.rencontre.get_absolute_url(),
            detail=" — ".join(
                (formats.date_format(i.rencontre.date), i.rencontre.club.nom, i.get_statut_display())
            ),
        )
        for i in inscriptions[:30]
    ]
    if adhesions_de_mes_structures(user).exists():
        lignes.append(Ligne(str(libelles.MES_ADHESIONS), reverse("adherents:mes_adhesions")))
    if not lignes:
        return None
    lignes.append(Ligne(str(libelles.TOUS_LES_CLUBS), reverse("clubs:liste")))
    return Bloc("clubs", str(libelles.BLOC_MES_CLUBS), lignes)
