from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from .models import Travail


def accueil(request):
    return render(request, "accueil.html")


@login_required
def travail(request, pk):
    """Progress of a background task; polled by htmx until it ends."""
    objet = get_object_or_404(Travail, pk=pk)
    if not request.user.has_perm("commun.voir_travail", objet):
        raise PermissionDenied
    gabarit = "commun/travail_progression.html" if request.htmx else "commun/travail.html"
    return render(request, gabarit, {"travail": objet})
