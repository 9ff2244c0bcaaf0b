"""CRESS membership pages: staff and partners read the counts, staff export, managers choose
whether their structure's badge is public."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.commun.exports import FormatInconnu, reponse_export
from essaim.commun.permissions import regions_d_action, regions_de_lecture

from . import services
from .models import Adhesion, Reseau
from .rules import adhesions_consultables, adhesions_de_mes_structures, adhesions_gerables


def _annee(request) -> int:
    valeur = request.GET.get("annee", "")
    return int(valeur) if valeur.isdigit() and 1990 <= int(valeur) <= 2100 else services.annee_courante()


def _peut_consulter(user) -> bool:
    return user.is_authenticated and (regions_de_lecture(user) is None or bool(regions_de_lecture(user)))


def peut_exporter(user) -> bool:
    """Exports are for whoever acts on at least one région (staff, administrators)."""
    return user.is_authenticated and (regions_d_action(user) is None or bool(regions_d_action(user)))


@login_required
def tableau(request):
    if not _peut_consulter(request.user):
        raise PermissionDenied(
            _("La liste des adhérents est réservée à l'équipe de la CRESS et aux partenaires.")
        )
    annee = _annee(request)
    q = request.GET.get("q", "").strip()[:100]
    qs = services.filtrer(adhesions_consultables(request.user), annee=annee, q=q)
    annees = sorted(
        set(adhesions_consultables(request.user).values_list("annee", flat=True)) | {annee}, reverse=True
    )
    reseaux = Reseau.objects.filter(region_id__in=qs.values("region_id")).select_related("structure")
    return render(
        request,
        "adherents/tableau.html",
        {
            "annee": annee,
            "annees": annees,
            "q": q,
            "comptes": services.comptes(qs.filter(statut="a_jour")),
            "adhesions": qs.select_related("structure", "reseau__structure")[:300],
            "nombre": qs.count(),
            "reseaux": reseaux.prefetch_related("membres"),
            "peut_exporter": peut_exporter(request.user),
            "entetes_compte": [_("Catégorie"), _("Structures")],
        },
    )


@login_required
def export(request, format):
    """Staff export: the rows of the régions the person acts on (administrators: all)."""
    if not peut_exporter(request.user):
        raise PermissionDenied(_("L'export des adhérents est réservé à l'équipe de la CRESS."))
    annee = request.GET.get("annee", "")
    qs = services.filtrer(adhesions_gerables(request.user), annee=int(annee) if annee.isdigit() else None)
    try:
        return reponse_export(
            format,
            "adherents-cress",
            services.CHAMPS_EXPORT,
            services.lignes_export(qs, request.build_absolute_uri("/")),
            separateur=";" if request.GET.get("separateur") == "pointvirgule" else ",",
        )
    except FormatInconnu as erreur:
        return HttpResponseBadRequest(str(erreur), content_type="text/plain; charset=utf-8")


@login_required
@require_POST
def choisir_badge(request, pk):
    adhesion = get_object_or_404(Adhesion.objects.select_related("structure"), pk=pk)
    if not request.user.has_perm("adherents.choisir_badge", adhesion):
        raise PermissionDenied
    adhesion.badge_public = request.POST.get("badge_public") == "1"
    adhesion._change_reason = "badge"
    adhesion.save(update_fields=["badge_public", "modifie_le"])
    if adhesion.badge_public:
        messages.success(
            request, _("Le badge « adhérent de la CRESS » figure désormais sur la fiche publique.")
        )
    else:
        messages.success(
            request, _("Le badge « adhérent de la CRESS » ne figure plus sur la fiche publique.")
        )
    return redirect("adherents:mes_adhesions")


@login_required
def mes_adhesions(request):
    adhesions = adhesions_de_mes_structures(request.user).select_related("structure", "reseau__structure")
    return render(request, "adherents/mes_adhesions.html", {"adhesions": adhesions})
