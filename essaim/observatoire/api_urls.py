"""Routes of this app under /api/v1/ (see essaim/api_urls.py)."""

from django.urls import path

from .api import ChiffresAPI, SeriesAPI

urlpatterns = [
    path("observatoire/chiffres/", ChiffresAPI.as_view(), name="observatoire-chiffres"),
    path("observatoire/series/", SeriesAPI.as_view(), name="observatoire-series"),
]
