from django.urls import path

from . import views

app_name = "comptes"
urlpatterns = [
    path("", views.mon_compte, name="mon_compte"),
    path("mes-donnees.json", views.exporter_donnees, name="exporter"),
    path("supprimer/", views.supprimer, name="supprimer"),
]
