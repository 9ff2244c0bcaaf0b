from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .accueil import chiffres_cles
from .services import a_faire


def accueil(request):
    return render(request, "accueil.html", {"chiffres": chiffres_cles(request.user)})


@login_required
def mon_espace(request):
    return render(request, "espace/mon_espace.html", {"blocs": a_faire(request.user)})
