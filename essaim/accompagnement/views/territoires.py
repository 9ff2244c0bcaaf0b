"""Supported territories: the région's map and table (public), an EPCI's page, and its
ESS-policy status changes (staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.territoires.models import EPCI, Region

from ..forms import ChangementStatutForm
from ..models import TerritoireAccompagne
from ..services import territoires as service


def _region_par_defaut(request) -> str:
    codes = sorted(getattr(request.user, "region_codes", None) or [])
    if codes:
        return codes[0]
    avec = TerritoireAccompagne.objects.values_list("region_id", flat=True).first()
    return avec or "32"


def territoires(request):
    code = request.GET.get("region") or _region_par_defaut(request)
    region = get_object_or_404(Region, code=code)
    lignes = service.lignes_region(region.code)
    evolution = service.evolution(region.code, len(lignes))
    return render(
        request,
        "accompagnement/territoires.html",
        {
            "region": region,
            "regions": Region.objects.order_by("nom"),
            "lignes": lignes,
            "carte": service.carte(region.code, lignes),
            "repartition": service.repartition(lignes),
            "evolution": evolution,
            "courbe": service.courbe_evolution(evolution),
            "peut_gerer": request.user.has_perm("accompagnement.gerer_territoire", region),
        },
    )


def _region_de_l_epci(epci) -> str | None:
    return epci.communes.values_list("region_id", flat=True).order_by("region_id").first()


def territoire(request, code, form=None):
    epci = get_object_or_404(EPCI, code=code)
    t = (
        TerritoireAccompagne.objects.filter(epci=epci)
        .select_related("suivi")
        .prefetch_related("projets__structures", "ptce", "referents", "changements", "suivi__conventions")
        .first()
    )
    region = t.region_id if t else _region_de_l_epci(epci)
    peut_gerer = bool(region) and request.user.has_perm("accompagnement.gerer_territoire", region)
    return render(
        request,
        "accompagnement/territoire.html",
        {
            "epci": epci,
            "t": t,
            "region": region,
            "peut_gerer": peut_gerer,
            "form": form or (ChangementStatutForm() if peut_gerer else None),
        },
        status=400 if form is not None else 200,
    )


@login_required
@require_POST
def changer_statut(request, code):
    epci = get_object_or_404(EPCI, code=code)
    region = _region_de_l_epci(epci)
    if not (region and request.user.has_perm("accompagnement.gerer_territoire", region)):
        raise PermissionDenied
    form = ChangementStatutForm(request.POST)
    if form.is_valid():
        t = service.territoire_de(epci, region)
        try:
            service.changer_statut_politique(t, **form.cleaned_data, par=request.user)
        except ValidationError as erreur:
            for champ, erreurs in erreur.message_dict.items():
                form.add_error(champ if champ in form.fields else None, erreurs)
        else:
            messages.success(request, _("Statut de la politique ESS enregistré."))
            return redirect("accompagnement:territoire", code=epci.code)
    return territoire(request, code, form=form)
