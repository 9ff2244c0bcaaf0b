from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from essaim.commun.fichiers import envoyer
from essaim.territoires.models import Region

from ..rules import appels_evalues, appels_visibles
from ..services.calendrier import ical_webinaire
from .outils import fil


def _appels_visibles(user):
    return appels_visibles(user).select_related("region")


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
    return appels_evalues(user).select_related("region").order_by("-cloture")[:20]


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
    return envoyer(piece.fichier)


def webinaire_ics(request, slug):
    appel = get_object_or_404(_appels_visibles(request.user), slug=slug, webinaire_date__isnull=False)
    reponse = HttpResponse(ical_webinaire(appel, request.build_absolute_uri(appel.get_absolute_url())))
    reponse["Content-Type"] = "text/calendar; charset=utf-8"
    reponse["Content-Disposition"] = f'attachment; filename="webinaire-{appel.slug}.ics"'
    return reponse
