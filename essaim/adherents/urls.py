from django.urls import path

from . import views

app_name = "adherents"
urlpatterns = [
    path("", views.tableau, name="tableau"),
    path("export.<str:format>", views.export, name="export"),
    path("mes-adhesions/", views.mes_adhesions, name="mes_adhesions"),
    path("mes-adhesions/<id:pk>/badge/", views.choisir_badge, name="choisir_badge"),
]
