"""Public pages of the read side: /carte/ (map + filters + accessible list), /carte/embed/
(iframe) and the directory's list /annuaire/ (mounted in the "annuaire" namespace)."""

from csp.decorators import csp_replace
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt

from essaim.commun.permissions import regions_de_lecture

from .services.presentation import contexte_carte, contexte_liste


def liste(request):
    """The directory's list: same search, filters and counts as the map and the API."""
    contexte = contexte_liste(request.GET)
    return render(request, "annuaire/liste.html", contexte, status=400 if contexte["erreurs"] else 200)


def carte(request):
    contexte = contexte_carte(request.GET, regions_suivies=regions_de_lecture(request.user) or ())
    gabarit = "carte/_resultats.html" if getattr(request, "htmx", False) else "carte/carte.html"
    return render(request, gabarit, contexte, status=400 if contexte["erreurs"] else 200)


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed(request):
    contexte = contexte_carte(request.GET, taille=10)
    return render(request, "carte/embed.html", contexte, status=400 if contexte["erreurs"] else 200)
