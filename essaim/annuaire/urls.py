from django.urls import path

from .views import edition, imports, inscription, lieux, moderation, publiques

# The public list (/annuaire/, "annuaire:liste") is a page of the read side, served by
# essaim.carte.views.liste and mounted under this namespace by essaim/urls.py: the map
# indexes the directory, so the directory never imports the map.
app_name = "annuaire"
urlpatterns = [
    path("inscription/", inscription.inscription, name="inscription"),
    path("inscription/fiche/", inscription.inscription_fiche, name="inscription_fiche"),
    path("moderation/", moderation.file, name="moderation"),
    path("moderation/en-masse/", moderation.en_masse, name="moderation_masse"),
    path("moderation/reglages/", moderation.reglages, name="reglages"),
    path("moderation/fiches/<id:pk>/", moderation.structure, name="moderation_structure"),
    path("moderation/fiches/<id:pk>/famille/", moderation.famille, name="moderation_famille"),
    path("moderation/modifications/<id:pk>/", moderation.modification, name="moderation_modification"),
    path("moderation/revendications/<id:pk>/", moderation.revendication, name="moderation_revendication"),
    path("moderation/signalements/<id:pk>/", moderation.signalement, name="moderation_signalement"),
    path("doublons/", moderation.liste_doublons, name="doublons"),
    path("doublons/<id:a>/<id:b>/", moderation.fusionner, name="fusionner"),
    path("imports/", imports.imports, name="imports"),
    path("imports/<id:pk>/", imports.detail, name="import_detail"),
    path("imports/<id:pk>/correspondance/", imports.correspondance, name="import_correspondance"),
    path("imports/<id:pk>/erreurs.csv", imports.erreurs_csv, name="import_erreurs"),
    path("<slug:slug>/", publiques.fiche, name="fiche"),
    path("<slug:slug>/signaler/", publiques.signaler, name="signaler"),
    path("<slug:slug>/lien-de-modification/", publiques.demander_lien, name="demander_lien"),
    path("<slug:slug>/modifier/", edition.modifier, name="modifier"),
    path("<slug:slug>/modifier/lien/<str:jeton>/", edition.lien_magique, name="lien_magique"),
    path("<slug:slug>/confirmer/", edition.confirmer, name="confirmer"),
    path("<slug:slug>/soumettre/", edition.soumettre, name="soumettre"),
    path("<slug:slug>/historique/", edition.historique_fiche, name="historique"),
    path("<slug:slug>/historique/<id:history_id>/restaurer/", edition.restaurer, name="restaurer"),
    path("<slug:slug>/revendiquer/", edition.revendiquer, name="revendiquer"),
    path("<slug:slug>/lieux/", lieux.lieux, name="lieux"),
    path("<slug:slug>/lieux/<id:pk>/", lieux.lieux, name="lieu"),
    path("<slug:slug>/lieux/<id:pk>/action/", lieux.action_lieu, name="action_lieu"),
]
