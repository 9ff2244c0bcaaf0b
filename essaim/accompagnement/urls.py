from django.urls import path

from .views import cohorte, dla, suivis, territoires

app_name = "accompagnement"
urlpatterns = [
    path("", suivis.liste, name="liste"),
    path("suivis/<id:pk>/", suivis.detail, name="suivi"),
    path("suivis/<id:pk>/actions/<id:action>/", suivis.action_statut, name="action_statut"),
    path("suivis/<id:pk>/pieces/<id:evenement>/", suivis.piece, name="piece"),
    path("cohortes/<slug:slug>/", cohorte.cohorte, name="cohorte"),
    path("dla/", dla.orientations, name="orientations"),
    path("dla/orienter/", dla.orienter, name="orienter"),
    path("territoires/", territoires.territoires, name="territoires"),
    path("territoires/<str:code>/", territoires.territoire, name="territoire"),
    path("territoires/<str:code>/statut/", territoires.changer_statut, name="changer_statut"),
    path("territoires/<str:code>/gerer/", territoires.gerer, name="gerer_territoire"),
]
