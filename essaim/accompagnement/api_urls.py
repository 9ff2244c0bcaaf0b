"""Routes of this app under /api/v1/ (see essaim/api_urls.py)."""

from django.urls import path

from .api import SuivisAPI, TerritoiresAPI

urlpatterns = [
    path("territoires-accompagnes/", TerritoiresAPI.as_view(), name="api-territoires-accompagnes"),
    path("accompagnement/suivis/", SuivisAPI.as_view(), name="api-accompagnement-suivis"),
]
