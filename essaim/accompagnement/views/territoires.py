"""Supported territories: the région's map and table (public), an EPCI's page, and its
ESS-policy status changes (staff)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.territoires.models import EPCI, Region

from ..forms import ChangementStatutForm, PiloteForm, ProjetForm, PTCEForm, ReferentForm
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


def _formulaires_gestion(t, region, data=None, nom=None):
    formulaires = {
        "pilote": PiloteForm(initial={"pilote": bool(t and t.pilote)}, prefix="pilote"),
        "referent": ReferentForm(prefix="referent"),
        "projet": ProjetForm(prefix="projet", region_code=region),
        "ptce": PTCEForm(prefix="ptce", region_code=region),
    }
    if nom:
        classe = {"pilote": PiloteForm, "referent": ReferentForm, "projet": ProjetForm, "ptce": PTCEForm}[nom]
        extra = {"region_code": region} if nom in ("projet", "ptce") else {}
        formulaires[nom] = classe(data, prefix=nom, **extra)
    return formulaires


def territoire(request, code, form=None, gestion=None):
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
            "gestion": gestion or (_formulaires_gestion(t, region) if peut_gerer else None),
        },
        status=400 if form is not None or gestion is not None else 200,
    )


@login_required
@require_POST
def gerer(request, code):
    """Pilot flag, referents, transition projects and PTCE of a territory (staff)."""
    epci = get_object_or_404(EPCI, code=code)
    region = _region_de_l_epci(epci)
    if not (region and request.user.has_perm("accompagnement.gerer_territoire", region)):
        raise PermissionDenied
    nom = request.POST.get("formulaire")
    if nom not in ("pilote", "referent", "projet", "ptce"):
        raise PermissionDenied
    t = service.territoire_de(epci, region)
    gestion = _formulaires_gestion(t, region, request.POST, nom)
    form = gestion[nom]
    if not form.is_valid():
        return territoire(request, code, gestion=gestion)
    if nom == "pilote":
        t.pilote = form.cleaned_data["pilote"]
        t._history_user = request.user
        t.save(update_fields=["pilote", "modifie_le"])
    elif nom == "referent":
        form.instance.territoire = t
        form.save()
    elif nom == "projet":
        form.instance.territoire = t
        projet = form.save()
        projet.structures.set(form.structures)
    else:
        t.ptce.add(form.structure)
    messages.success(request, _("Enregistré."))
    return redirect("accompagnement:territoire", code=epci.code)


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
