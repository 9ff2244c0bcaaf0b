"""Routes of this app under /api/v1/ (see essaim/api_urls.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path("ressources/", api.RessourcesListe.as_view(), name="api-ressources"),
    path("ressources/<slug:slug>/", api.RessourceDetail.as_view(), name="api-ressource"),
]
