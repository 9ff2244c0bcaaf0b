from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..enums import StatutAtelier
from ..models import Atelier, Conference


def conference_visible(request, slug) -> Conference:
    conference = get_object_or_404(Conference.objects.select_related("region", "appel"), slug=slug)
    if not conference.publiee and not request.user.has_perm("conference.gerer_conference", conference):
        raise PermissionDenied
    return conference


def atelier_de(request, slug, pk, permission=None) -> Atelier:
    conference = conference_visible(request, slug)
    atelier = get_object_or_404(
        Atelier.objects.select_related("conference__region", "commune", "departement"),
        pk=pk,
        conference=conference,
    )
    if permission and not request.user.has_perm(permission, atelier):
        raise PermissionDenied
    if atelier.statut == StatutAtelier.ANNULE and not request.user.has_perm(
        "conference.gerer_atelier", atelier
    ):
        raise PermissionDenied
    return atelier


def exiger(request, permission, obj):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied
