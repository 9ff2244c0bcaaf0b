from django.urls import path

from . import views

app_name = "ressources"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("proposer/", views.proposer, name="proposer"),
    path("moderation/", views.moderation, name="moderation"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/modifier/", views.modifier, name="modifier"),
    path("<slug:slug>/decision/", views.decider, name="decider"),
    path("<slug:slug>/historique/", views.historique, name="historique"),
]
