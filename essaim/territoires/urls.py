from django.urls import path

from . import views

app_name = "territoires"
urlpatterns = [
    path("", views.liste_regions, name="regions"),
    path("departements/<str:code>/", views.detail_departement, name="departement"),
    path("communes/suggestions/", views.communes_suggestions, name="communes_suggestions"),
    path("contours/<str:niveau>.geojson", views.contours_geojson, name="contours"),
    path("communes.json", views.communes_json, name="communes_json"),
]
