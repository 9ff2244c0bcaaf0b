"""Routes of this app under /api/v1/ (see essaim/api_urls.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path("conferences/", api.ConferencesListe.as_view(), name="api-conferences"),
    # Before the edition's route: "chiffres" is not an edition.
    path("conferences/chiffres/", api.ChiffresEditions.as_view(), name="api-conferences-chiffres"),
    path("conferences/<slug:slug>/", api.ConferenceDetail.as_view(), name="api-conference"),
    path("conferences/<slug:slug>/chiffres/", api.ChiffresCles.as_view(), name="api-conference-chiffres"),
    path("conferences/<slug:slug>/ateliers/", api.AteliersListe.as_view(), name="api-conference-ateliers"),
]
