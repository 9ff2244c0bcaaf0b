"""Helpers shared by the directory's views."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from ..models import Structure


def structure_autorisee(request, slug, permission, **filtres) -> Structure:
    structure = get_object_or_404(Structure.objects.select_related("commune", "region"), slug=slug, **filtres)
    if not request.user.has_perm(permission, structure):
        if permission == "annuaire.voir_structure" or not request.user.has_perm(
            "annuaire.voir_structure", structure
        ):
            raise Http404("Fiche introuvable.")
        raise PermissionDenied("Vous ne pouvez pas faire cette action sur cette fiche.")
    return structure


def exiger(request, permission, obj=None):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied("Cette page est réservée à l'équipe de la CRESS.")
