"""Routes of this app under /api/v1/ (see essaim/api_urls.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path("clubs/", api.ClubsListe.as_view(), name="api-clubs"),
    path("clubs/<slug:slug>/", api.ClubDetail.as_view(), name="api-club"),
]
