from django.urls import path, re_path

from . import views

app_name = "opendata"
urlpatterns = [
    path("", views.index, name="index"),
    path("api/", views.api, name="api"),
    re_path(r"^catalogue\.(?P<format>jsonld|ttl)$", views.catalogue_dcat, name="catalogue"),
    path("<slug:slug>.schema.json", views.schema, name="schema"),
    re_path(r"^(?P<slug>[-\w]+)\.(?P<format>csv|xlsx|json|geojson)$", views.fichier, name="fichier"),
]
