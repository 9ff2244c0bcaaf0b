from django.urls import path

from . import views

app_name = "conference"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("inscription/<uuid:jeton>/", views.annuler_inscription, name="inscription_confirmee"),
    path(
        "inscription/confirmer/<str:jeton_signe>/", views.confirmer_inscription, name="confirmer_inscription"
    ),
    path("editions/<str:region>/", views.comparaison, name="comparaison"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/ateliers/", views.agenda, name="agenda"),
    path("<slug:slug>/carte/", views.carte_ateliers, name="carte"),
    path("<slug:slug>/ateliers.<str:format>", views.export_ateliers, name="export"),
    path("<slug:slug>/gestion/import/", views.importer, name="importer"),
    path("<slug:slug>/gestion/import/<id:travail_pk>/", views.rapport_import, name="rapport_import"),
    path("<slug:slug>/agenda.ics", views.ical_edition, name="ical"),
    path("<slug:slug>/ateliers/<id:pk>/", views.atelier, name="atelier"),
    path("<slug:slug>/ateliers/<id:pk>/atelier.ics", views.ical_atelier, name="ical_atelier"),
    path("<slug:slug>/ateliers/<id:pk>/inscription/", views.inscription, name="inscription"),
    path("<slug:slug>/ateliers/<id:pk>/modifier/", views.modifier_atelier, name="modifier_atelier"),
    path("<slug:slug>/ateliers/<id:pk>/emargement/", views.emargement, name="emargement"),
    path("<slug:slug>/ateliers/<id:pk>/emargement.pdf", views.emargement_pdf, name="emargement_pdf"),
    path("<slug:slug>/ateliers/<id:pk>/emargement/<id:inscription_pk>/", views.pointer, name="pointer"),
    path("<slug:slug>/ateliers/<id:pk>/participants/", views.declarer, name="declarer"),
    path("<slug:slug>/ateliers/<id:pk>/fiche/", views.fiche, name="fiche"),
    path("<slug:slug>/ateliers/<id:pk>/fiche/valider/", views.valider_fiche, name="valider_fiche"),
    path("<slug:slug>/gestion/", views.tableau_de_bord, name="tableau_de_bord"),
    path("<slug:slug>/gestion/appel/", views.ouvrir_appel, name="ouvrir_appel"),
    path("<slug:slug>/gestion/transitions/<str:transition>/", views.consolider, name="consolider"),
    path("<slug:slug>/gestion/enjeux/", views.enjeux, name="enjeux"),
    path("<slug:slug>/rapport/", views.rapport, name="rapport"),
    path("<slug:slug>/rapport/rapport.<str:format>", views.rapport_fichier, name="rapport_fichier"),
]
