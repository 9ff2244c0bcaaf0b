"""Routes of this app under /api/v1/ (see essaim/api_urls.py)."""

from django.urls import path

from .api import AppelDetailAPI, AppelListeAPI

urlpatterns = [
    path("appels/", AppelListeAPI.as_view(), name="appels-liste"),
    path("appels/<slug:slug>/", AppelDetailAPI.as_view(), name="appels-detail"),
]
