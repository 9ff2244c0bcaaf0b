from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from essaim.comptes.enums import Role
from essaim.territoires.models import Region

from ..models import Appel
from ..services.calendrier import ical_webinaire
from .outils import fil


def _appels_visibles(user):
    qs = Appel.objects.select_related("region")
    if user.is_authenticated and user.est_administrateur:
        return qs
    if user.is_authenticated and user.region_codes:
        # Staff prepare unpublished calls of their régions before opening them.
        return qs.filter(Q(publie=True) | Q(region__in=user.region_codes))
    return qs.filter(publie=True)


def liste(request):
    maintenant = timezone.now()
    appels = _appels_visibles(request.user)
    region = request.GET.get("region", "")
    if region:
        appels = appels.filter(region_id=region)
    contexte = {
        "ouverts": appels.filter(ouverture__lte=maintenant, cloture__gt=maintenant).order_by("cloture"),
        "a_venir": appels.filter(ouverture__gt=maintenant).order_by("ouverture"),
        "clos": appels.filter(cloture__lte=maintenant).order_by("-cloture")[:20],
        "comites": _comites(request.user),
        "region": region,
        "regions": Region.objects.filter(appels__publie=True).distinct().order_by("nom"),
    }
    return render(request, "appels/liste.html", contexte)


def _comites(user):
    """Calls whose applications this user reviews (committee member or staff)."""
    if not user.is_authenticated:
        return []
    if user.est_administrateur:
        return Appel.objects.select_related("region").order_by("-cloture")[:20]
    filtre = Q(comite=user)
    if user.role == Role.CHARGE_MISSION:
        filtre |= Q(region__in=user.region_codes)
    return Appel.objects.filter(filtre).select_related("region").distinct().order_by("-cloture")[:20]


def detail(request, slug):
    appel = get_object_or_404(_appels_visibles(request.user), slug=slug)
    mes_candidatures = (
        appel.candidatures.filter(candidat=request.user) if request.user.is_authenticated else []
    )
    contexte = {
        "appel": appel,
        "kit": appel.kit.all(),
        "mes_candidatures": mes_candidatures,
        "fil": fil(),
    }
    return render(request, "appels/detail.html", contexte)


def kit(request, slug, pk):
    appel = get_object_or_404(_appels_visibles(request.user), slug=slug)
    piece = get_object_or_404(appel.kit, pk=pk)
    try:
        fichier = piece.fichier.open("rb")
    except FileNotFoundError as erreur:
        raise Http404("Fichier introuvable") from erreur
    return FileResponse(fichier, as_attachment=True, filename=piece.fichier.name.rsplit("/", 1)[-1])


def webinaire_ics(request, slug):
    appel = get_object_or_404(_appels_visibles(request.user), slug=slug, webinaire_date__isnull=False)
    reponse = HttpResponse(ical_webinaire(appel, request.build_absolute_uri(appel.get_absolute_url())))
    reponse["Content-Type"] = "text/calendar; charset=utf-8"
    reponse["Content-Disposition"] = f'attachment; filename="webinaire-{appel.slug}.ics"'
    return reponse
