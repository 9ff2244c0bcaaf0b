"""The versioned public API: /api/v1/. Each app contributes its routes in ``<app>/api_urls.py``."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.decorators import api_view, permission_classes, schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny


@api_view(["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"])
@permission_classes([AllowAny])
@schema(None)
def introuvable(request, chemin=""):
    """Any other /api/v1/ path (or an identifier of the wrong shape): a JSON 404, not an HTML page."""
    raise NotFound("Aucune ressource de l'API à cette adresse.")


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("essaim.annuaire.api_urls")),
    path("", include("essaim.carte.api_urls")),
    path("", include("essaim.opendata.api_urls")),
    path("", include("essaim.observatoire.api_urls")),
    path("", include("essaim.conference.api_urls")),
    path("", include("essaim.appels.api_urls")),
    re_path(r"^(?P<chemin>[\s\S]*)$", introuvable),
]
