from django.urls import path, register_converter

from . import views


class NiveauConverter:
    regex = "france|region|departement|epci|commune"

    def to_python(self, valeur):
        return valeur

    def to_url(self, valeur):
        return str(valeur)


register_converter(NiveauConverter, "niveau")

app_name = "observatoire"
urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("liste-entreprises-ess/", views.listes_ess, name="listes_ess"),
    path("liste-entreprises-ess/<str:region>/<annee:annee>/", views.liste_ess, name="liste_ess"),
    path("liste-entreprises-ess/<str:region>/<annee:annee>/csv/", views.liste_ess_csv, name="liste_ess_csv"),
    path("millesimes/", views.millesimes, name="millesimes"),
    path("chiffres/importer/", views.importer_chiffres, name="importer_chiffres"),
    path("<niveau:niveau>/<str:code>/", views.territoire, name="territoire"),
    path("<niveau:niveau>/<str:code>/portrait.pdf", views.portrait, name="portrait"),
    path("<niveau:niveau>/<str:code>/<slug:nom>.<str:format>", views.export_tableau, name="export"),
]
