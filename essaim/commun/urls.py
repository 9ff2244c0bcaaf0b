from django.urls import path

from . import documents, fichiers, views

app_name = "commun"
urlpatterns = [
    path("taches/<int:pk>/", views.travail, name="travail"),
    path("taches/<int:pk>/fichier/", views.travail_fichier, name="travail_fichier"),
    path("documents/<id:pk>/", documents.attente, name="document"),
    path("texte/apercu/", views.apercu_texte, name="apercu_texte"),
    path("fichiers/prive/<str:jeton>/", fichiers.fichier_prive, name="fichier_prive"),
]
