"""Managing a record's places (owners and staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ..forms import LieuForm
from ..models import Lieu
from ..services import lieux as service
from .outils import structure_autorisee


@login_required
def lieux(request, slug, pk=None):
    structure = structure_autorisee(request, slug, "annuaire.modifier_structure")
    lieu = get_object_or_404(Lieu, pk=pk, structure=structure) if pk else Lieu(structure=structure)
    avant = (lieu.adresse, lieu.code_postal, lieu.commune_id)
    form = LieuForm(request.POST or None, instance=lieu)
    if request.method == "POST" and form.is_valid():
        lieu = form.save(commit=False)
        service.enregistrer_lieu(
            lieu, request.user, avant != (lieu.adresse, lieu.code_postal, lieu.commune_id)
        )
        messages.success(request, _("Le lieu est enregistré."))
        return redirect("annuaire:lieux", slug=slug)
    contexte = {
        "structure": structure,
        "form": form,
        "lieu": lieu,
        "lieux": structure.lieux.select_related("commune"),
    }
    return render(request, "annuaire/lieux.html", contexte)


@require_POST
def action_lieu(request, slug, pk):
    structure = structure_autorisee(request, slug, "annuaire.modifier_structure")
    lieu = get_object_or_404(Lieu, pk=pk, structure=structure)
    try:
        if request.POST.get("action") == "principal":
            service.rendre_principal(lieu, request.user)
        else:
            service.supprimer_lieu(lieu, request.user)
    except ValueError as erreur:
        messages.error(request, str(erreur))
    else:
        messages.success(request, _("Les lieux sont mis à jour."))
    return redirect("annuaire:lieux", slug=slug)
