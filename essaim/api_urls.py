"""The versioned public API: /api/v1/. Each app contributes its routes in ``<app>/api_urls.py``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema"), name="api-docs"),
    path("", include("essaim.annuaire.api_urls")),
    path("", include("essaim.carte.api_urls")),
    path("", include("essaim.opendata.api_urls")),
    path("", include("essaim.observatoire.api_urls")),
    path("", include("essaim.conference.api_urls")),
    path("", include("essaim.appels.api_urls")),
]
