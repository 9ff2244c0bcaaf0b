from django.urls import path

from . import views
from .enums import Mode

app_name = "pilotage"

urlpatterns = [
    path("", views.liste, name="liste"),
    path("nouveau/", views.plan_creer, name="plan_creer"),
    path("<slug:slug>/", views.plan, name="plan"),
    path("<slug:slug>/indicateurs.xlsx", views.export_xlsx, name="export_xlsx"),
    path("<slug:slug>/mesures-dues/", views.mesures_dues, name="mesures_dues"),
    path("<slug:slug>/objectifs/nouveau/", views.objectif_creer, name="objectif_creer"),
    path("<slug:slug>/actions/nouvelle/", views.action_creer, name="action_creer"),
    path("<slug:slug>/objectifs/<id:pk>/", views.objectif, name="objectif"),
    path("<slug:slug>/objectifs/<id:pk>/statut/", views.objectif_statut, name="objectif_statut"),
    path("<slug:slug>/objectifs/<id:pk>/note/", views.objectif_note, name="objectif_note"),
    path(
        "<slug:slug>/objectifs/<id:pk>/indicateurs/manuel/",
        views.indicateur_ajouter,
        {"mode": Mode.MANUEL},
        name="indicateur_manuel",
    ),
    path(
        "<slug:slug>/objectifs/<id:pk>/indicateurs/automatique/",
        views.indicateur_ajouter,
        {"mode": Mode.AUTOMATIQUE},
        name="indicateur_automatique",
    ),
    path("<slug:slug>/indicateurs/<id:pk>/mesure/", views.mesure_saisir, name="mesure"),
    path("<slug:slug>/indicateurs/<id:pk>/instantane/", views.instantane, name="instantane"),
    path("<slug:slug>/mesures/<id:pk>/preuve/", views.preuve, name="preuve"),
    path("<slug:slug>/bilan/<annee:annee>/", views.bilan, name="bilan"),
    path("<slug:slug>/bilan/<annee:annee>/bilan.<str:format>", views.bilan_fichier, name="bilan_fichier"),
]
