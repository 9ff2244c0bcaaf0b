"""Routes of this app under /api/v1/ (see essaim/api_urls.py)."""

from django.urls import path

from . import api

urlpatterns = [
    path("pilotage/plans/", api.PlansListe.as_view(), name="api-pilotage-plans"),
    path("pilotage/plans/<slug:slug>/", api.PlanDetail.as_view(), name="api-pilotage-plan"),
]
