from django.core.cache import cache
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import condition, require_GET

from . import contours as contours_
from .models import Departement, Region
from .services import rechercher_communes


def _requete(request):
    # The datalist widget sends its own field name; accept `q` too.
    return request.GET.get("q") or next((v for k, v in request.GET.items() if k != "q"), "")


@require_GET
@cache_control(max_age=3600, public=True)
def communes_suggestions(request):
    """htmx fragment: <option>s for the commune datalist."""
    return render(
        request, "territoires/suggestions.html", {"communes": rechercher_communes(_requete(request))}
    )


@require_GET
@cache_control(max_age=3600, public=True)
def communes_json(request):
    communes = rechercher_communes(request.GET.get("q", ""), limite=20)
    return JsonResponse(
        {
            "results": [
                {
                    "code": c.code,
                    "nom": c.nom,
                    "libelle": c.libelle,
                    "departement": c.departement_id,
                    "region": c.region_id,
                    "epci": c.epci_id,
                    "codes_postaux": c.liste_codes_postaux,
                    "population": c.population,
                }
                for c in communes
            ]
        }
    )


def liste_regions(request):
    regions = Region.objects.prefetch_related("departements")
    return render(request, "territoires/regions.html", {"regions": regions})


def detail_departement(request, code):
    departement = get_object_or_404(Departement.objects.select_related("region"), code=code)
    communes = (
        departement.communes.filter(parent__isnull=True).select_related("epci").order_by("-population")[:50]
    )
    return render(request, "territoires/departement.html", {"departement": departement, "communes": communes})


NIVEAUX_SERVIS = ("region", "departement", "epci")


def _parametres_contours(request, niveau):
    if niveau not in NIVEAUX_SERVIS:
        raise Http404
    region = request.GET.get("region", "").strip()[:3] or None
    if region and not Region.objects.filter(code=region).exists():
        raise Http404
    return region


def _etag_contours(request, niveau):
    region = _parametres_contours(request, niveau)
    return f"{niveau}-{region or 'france'}-{contours_.version_contours(niveau)}"


@require_GET
@gzip_page
@cache_control(max_age=3600, public=True)
@condition(etag_func=_etag_contours)
def contours_geojson(request, niveau):
    """Simplified outlines of a level as GeoJSON; conditional GET answers 304 when unchanged."""
    region = _parametres_contours(request, niveau)
    cle = f"contours:{_etag_contours(request, niveau)}"
    corps = cache.get(cle)
    if corps is None:
        corps = contours_.geojson(niveau, region)
        cache.set(cle, corps, 3600)
    return HttpResponse(corps, content_type="application/geo+json")
