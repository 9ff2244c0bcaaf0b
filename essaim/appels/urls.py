from django.urls import path

from . import views

app_name = "appels"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("mes-candidatures/", views.mes_candidatures, name="mes_candidatures"),
    path("nouveau/", views.creer_appel, name="creer"),
    path("candidatures/<id:pk>/", views.candidature, name="candidature"),
    path("candidatures/<id:pk>/modifier/", views.modifier, name="modifier"),
    path("candidatures/<id:pk>/evaluer/", views.evaluer, name="evaluer"),
    path("candidatures/<id:pk>/decider/", views.decider, name="decider"),
    path("candidatures/<id:pk>/pieces/<slug:cle>/", views.piece, name="piece"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/candidater/", views.candidater, name="candidater"),
    path("<slug:slug>/kit/<id:pk>/", views.kit, name="kit"),
    path("<slug:slug>/webinaire.ics", views.webinaire_ics, name="webinaire_ics"),
    path("<slug:slug>/comite/", views.comite, name="comite"),
    path("<slug:slug>/comite/export.<str:format>", views.export, name="export"),
    path("<slug:slug>/comite/notifier/", views.notifier, name="notifier"),
    path("<slug:slug>/modifier/", views.modifier_appel, name="modifier_appel"),
    path("<slug:slug>/documents/", views.documents, name="documents"),
    path("<slug:slug>/documents/<id:pk>/supprimer/", views.document_supprimer, name="document_supprimer"),
    path("<slug:slug>/formulaire/", views.formulaire, name="formulaire"),
    path("<slug:slug>/formulaire.json", views.formulaire_json, name="formulaire_json"),
    path("<slug:slug>/emails/", views.emails, name="emails"),
    path("<slug:slug>/emails/<slug:nature>/", views.email_modifier, name="email_modifier"),
]
