from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog

from essaim.annuaire import urls as annuaire_urls
from essaim.carte import views as carte_views
from essaim.commun import fichiers
from essaim.commun import views as commun_views
from essaim.commun.admin_connexion import proteger
from essaim.espace import urls as espace_urls
from essaim.espace import views as espace_views

admin.site.site_header = "Essaim — administration"
admin.site.site_title = "Essaim"
# Admin logins count against the same rate limits as the site's login (django-allauth).
proteger(admin.site)

urlpatterns = [
    path("", espace_views.accueil, name="accueil"),
    path("", include("essaim.commun.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("comptes/", include("allauth.urls")),
    path("compte/", include("essaim.comptes.urls")),
    path("mon-espace/", include("essaim.espace.urls")),
    path("", include((espace_urls.pages, "pages"))),
    path("territoires/", include("essaim.territoires.urls")),
    # The directory's list page is served by the read side (carte), in the directory's namespace.
    path(
        "annuaire/",
        include(([path("", carte_views.liste, name="liste"), *annuaire_urls.urlpatterns], "annuaire")),
    ),
    path("carte/", include("essaim.carte.urls")),
    path("opendata/", include("essaim.opendata.urls")),
    path("observatoire/", include("essaim.observatoire.urls")),
    path("appels/", include("essaim.appels.urls")),
    path("conferences/", include("essaim.conference.urls")),
    path("accompagnement/", include("essaim.accompagnement.urls")),
    path("pilotage/", include("essaim.pilotage.urls")),
    path("clubs/", include("essaim.clubs.urls")),
    path("adherents/", include("essaim.adherents.urls")),
    path("ressources/", include("essaim.ressources.urls")),
    path("api/v1/", include("essaim.api_urls")),
]

# ESSAIM_ADMIN_URL moves the admin ("admin/" by default); empty disables it.
if settings.ESSAIM_ADMIN_URL:
    urlpatterns.append(path(settings.ESSAIM_ADMIN_URL, admin.site.urls))

# Public media (logos) only: private files live outside MEDIA_ROOT (essaim.commun.fichiers).
if settings.ESSAIM_SERVIR_MEDIAS:
    urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<chemin>.+)$", fichiers.media))

handler500 = commun_views.erreur_serveur
