"""DLA referrals: the list with its figures, and recording a new one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from essaim.commun import graphiques
from essaim.commun.permissions import filtrer_par_region
from essaim.territoires.models import Region

from ..enums import BesoinDLA
from ..forms import OrientationForm
from ..rules import orientations_gerables
from ..services import dla


def _exiger_personnel(user):
    if not user.has_perm("accompagnement.lister_suivis"):
        raise PermissionDenied


@login_required
def orientations(request):
    _exiger_personnel(request.user)
    qs = orientations_gerables(request.user).select_related("structure", "departement", "suivi")
    annee = request.GET.get("annee", "")
    if annee.isdigit():
        qs = qs.filter(date_orientation__year=int(annee))
    besoin = request.GET.get("besoin", "")
    if besoin in BesoinDLA.values:
        qs = qs.filter(besoin=besoin)
    chiffres = dla.chiffres(qs)
    graphique = graphiques.barres(
        "g-besoins",
        _("Orientations DLA par besoin"),
        _("Diagramme en barres ; les valeurs figurent dans le tableau « Par besoin »."),
        chiffres["besoin"],
    )
    return render(
        request,
        "accompagnement/orientations.html",
        {
            "orientations": qs[:500],
            "chiffres": chiffres,
            "graphique": graphique,
            "besoins": BesoinDLA.choices,
            "besoin": besoin,
            "annee": annee,
        },
    )


@login_required
def orienter(request):
    _exiger_personnel(request.user)
    regions = filtrer_par_region(Region.objects.all(), request.user, "code")
    form = OrientationForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            orientation = form.save(commit=False)
            dla.orienter(
                orientation, par=request.user, accompagnateur=form.cleaned_data.get("accompagnateur")
            )
            form.save_m2m()
        messages.success(request, _("Orientation enregistrée : le suivi est ouvert."))
        return redirect(orientation.suivi.get_absolute_url())
    return render(request, "accompagnement/orienter.html", {"form": form}, status=400 if form.errors else 200)
