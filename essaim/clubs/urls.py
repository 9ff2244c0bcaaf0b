from django.urls import path

from . import views

app_name = "clubs"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("inscription/<uuid:jeton>/", views.gerer_inscription, name="inscription"),
    path(
        "inscription/confirmer/<str:jeton_signe>/", views.confirmer_inscription, name="confirmer_inscription"
    ),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/rencontres.ics", views.ical_club, name="ical"),
    path("<slug:slug>/chiffres/", views.chiffres, name="chiffres"),
    path("<slug:slug>/chiffres.<str:format>", views.export_chiffres, name="export_chiffres"),
    path("<slug:slug>/adhesion/", views.demander_adhesion, name="adhesion"),
    path("<slug:slug>/demandes/", views.demandes, name="demandes"),
    path("<slug:slug>/demandes/<id:pk>/", views.decider, name="decider"),
    path("<slug:slug>/membres/<id:pk>/quitter/", views.quitter, name="quitter"),
    path("<slug:slug>/annonces/", views.annonces_liste, name="annonces"),
    path("<slug:slug>/annonces/<id:pk>/", views.annonce, name="annonce"),
    path("<slug:slug>/annonces/<id:pk>/contact/", views.contacter, name="contacter"),
    path("<slug:slug>/annonces/<id:pk>/statut/", views.statut_annonce, name="statut_annonce"),
    path("<slug:slug>/rencontres/nouvelle/", views.nouvelle_rencontre, name="nouvelle_rencontre"),
    path("<slug:slug>/rencontres/<id:pk>/", views.rencontre, name="rencontre"),
    path("<slug:slug>/rencontres/<id:pk>/inscription/", views.inscription, name="inscrire"),
    path("<slug:slug>/rencontres/<id:pk>/modifier/", views.modifier_rencontre, name="modifier_rencontre"),
    path("<slug:slug>/rencontres/<id:pk>/annuler/", views.annuler_rencontre, name="annuler_rencontre"),
    path("<slug:slug>/rencontres/<id:pk>/compte-rendu/", views.compte_rendu, name="compte_rendu"),
    path("<slug:slug>/rencontres/<id:pk>/emargement/", views.emargement, name="emargement"),
    path("<slug:slug>/rencontres/<id:pk>/emargement.pdf", views.emargement_pdf, name="emargement_pdf"),
    path("<slug:slug>/rencontres/<id:pk>/emargement/<id:inscription_pk>/", views.pointer, name="pointer"),
]
