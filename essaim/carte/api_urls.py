"""Routes of this app under /api/v1/ (see essaim/api_urls.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path("structures/", api.StructuresListe.as_view(), name="api-structures"),
    path("structures/facettes/", api.StructuresFacettes.as_view(), name="api-structures-facettes"),
    path("structures/<id:pk>/", api.StructureDetail.as_view(), name="api-structure"),
    path("carte/", api.Carte.as_view(), name="api-carte"),
]
