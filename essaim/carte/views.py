"""Public map pages: /carte/ (map + filters + accessible list) and /carte/embed/ (iframe)."""

from csp.decorators import csp_replace
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_exempt

from .services.presentation import contexte_carte


def carte(request):
    contexte = contexte_carte(request)
    gabarit = "carte/_resultats.html" if getattr(request, "htmx", False) else "carte/carte.html"
    return render(request, gabarit, contexte, status=400 if contexte["erreurs"] else 200)


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed(request):
    contexte = contexte_carte(request, taille=10)
    return render(request, "carte/embed.html", contexte, status=400 if contexte["erreurs"] else 200)
