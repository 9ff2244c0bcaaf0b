from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

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
