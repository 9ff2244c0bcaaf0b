from django.urls import path

from . import views

app_name = "espace"
urlpatterns = [path("", views.mon_espace, name="mon_espace")]

# Footer pages, mounted at the site's root by essaim/urls.py.
pages = [
    path("mentions-legales/", views.page, {"nom": "mentions_legales"}, name="mentions_legales"),
    path("accessibilite/", views.page, {"nom": "accessibilite"}, name="accessibilite"),
    path("donnees-personnelles/", views.page, {"nom": "donnees_personnelles"}, name="donnees_personnelles"),
    path("contact/", views.page, {"nom": "contact"}, name="contact"),
    path("plan-du-site/", views.page, {"nom": "plan_du_site"}, name="plan_du_site"),
]
