from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .services import a_faire


@login_required
def mon_espace(request):
    return render(request, "espace/mon_espace.html", {"blocs": a_faire(request.user)})
