"""The versioned public API: /api/v1/. Each app contributes its routes in ``<app>/api_urls.py``."""

from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response


@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@schema(None)
def introuvable(request, chemin=""):
    """Any other /api/v1/ path (or an identifier of the wrong shape): a JSON 404, not an HTML page."""
    raise NotFound("Aucune ressource de l'API à cette adresse.")


def _routes(motifs, prefixe=""):
    """(path, name) of every route under /api/v1/, includes unfolded, catch-all left out."""
    for motif in motifs:
        chemin = prefixe + str(motif.pattern)
        if hasattr(motif, "url_patterns"):
            yield from _routes(motif.url_patterns, chemin)
        elif motif.name and motif.name != "api-racine" and not chemin.startswith("^"):
            yield chemin, motif.name


@api_view(["GET", "HEAD"])
@permission_classes([AllowAny])
@schema(None)
def racine(request):
    """/api/v1/: the list of endpoints, their documentation and schema."""
    base = request.build_absolute_uri("/api/v1/")
    return Response(
        {
            "version": "v1",
            "documentation": base + "docs/",
            "schema": base + "schema/",
            "points_d_acces": [{"chemin": "/api/v1/" + c, "nom": n} for c, n in _routes(urlpatterns)],
        }
    )


# Swagger UI (drf-spectacular-sidecar) writes one fixed inline style: its hash is allowed on the
# documentation page only (commun/tests/test_navigateur.py fails if an upgrade changes it).
STYLE_SWAGGER = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"

urlpatterns = [
    path("", racine, name="api-racine"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/",
        csp_update({"style-src": [STYLE_SWAGGER]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
    path("", include("essaim.annuaire.api_urls")),
    path("", include("essaim.carte.api_urls")),
    path("", include("essaim.opendata.api_urls")),
    path("", include("essaim.observatoire.api_urls")),
    path("", include("essaim.conference.api_urls")),
    path("", include("essaim.appels.api_urls")),
    path("", include("essaim.accompagnement.api_urls")),
    path("", include("essaim.pilotage.api_urls")),
    path("", include("essaim.clubs.api_urls")),
    path("", include("essaim.ressources.api_urls")),
    re_path(r"^(?P<chemin>[\s\S]*)$", introuvable),
]
