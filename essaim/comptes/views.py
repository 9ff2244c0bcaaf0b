import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import lisible, rgpd
from .forms import ProfilForm, SuppressionForm
from .services import supprimer_compte


@login_required
def mon_compte(request):
    form = ProfilForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Vos informations ont été enregistrées."))
        return redirect("comptes:mon_compte")
    return render(
        request,
        "comptes/mon_compte.html",
        {"form": form, "sections": lisible.sections(request.user)},
    )


@login_required
@require_GET
def exporter_donnees(request):
    contenu = json.dumps(
        {"exporte_le": timezone.now().isoformat(), **rgpd.exporter(request.user)},
        ensure_ascii=False,
        indent=2,
        default=str,
    )
    reponse = HttpResponse(contenu, content_type="application/json; charset=utf-8")
    reponse["Content-Disposition"] = 'attachment; filename="mes-donnees-essaim.json"'
    return reponse


@login_required
def supprimer(request):
    form = SuppressionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        supprimer_compte(user)
        messages.success(request, _("Votre compte et vos données personnelles ont été supprimés."))
        return redirect("accueil")
    return render(request, "comptes/supprimer.html", {"form": form})
