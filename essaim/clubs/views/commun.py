from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ..models import Club, Rencontre
from ..rules import clubs_visibles


def club_de(request, slug, permission: str | None = None) -> Club:
    club = get_object_or_404(
        clubs_visibles(request.user).select_related("filiere", "region", "animateur"), slug=slug
    )
    if permission and not request.user.has_perm(permission, club):
        raise PermissionDenied
    return club


def rencontre_de(request, slug, pk, permission: str | None = None) -> Rencontre:
    club = club_de(request, slug)
    rencontre = get_object_or_404(Rencontre.objects.select_related("club", "commune"), pk=pk, club=club)
    if permission and not request.user.has_perm(permission, rencontre):
        raise PermissionDenied
    return rencontre
