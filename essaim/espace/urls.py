from django.urls import path

from . import views

app_name = "espace"
urlpatterns = [path("", views.mon_espace, name="mon_espace")]
