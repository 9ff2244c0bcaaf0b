from django.urls import path

from . import views

app_name = "commun"
urlpatterns = [
    path("taches/<id:pk>/", views.travail, name="travail"),
]
