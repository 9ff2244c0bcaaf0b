"""Helpers shared by the directory's views."""

import hashlib

from django.conf import settings
from django.core.cache import cache
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


def empreinte_ip(request) -> str:
    ip = request.META.get("REMOTE_ADDR", "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{ip}".encode()).hexdigest()[:32]


def limite_atteinte(request, action: str, maximum: int, fenetre_s: int) -> bool:
    """Count one attempt of ``action`` for this client; True once over ``maximum`` per window."""
    cle = f"annuaire:limite:{action}:{empreinte_ip(request)}"
    cache.add(cle, 0, fenetre_s)
    try:
        compte = cache.incr(cle)
    except ValueError:
        cache.set(cle, 1, fenetre_s)
        compte = 1
    return compte > maximum
