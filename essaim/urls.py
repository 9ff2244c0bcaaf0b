from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from essaim.annuaire import urls as annuaire_urls
from essaim.carte import views as carte_views
from essaim.commun import views as commun_views

admin.site.site_header = "Essaim — administration"
admin.site.site_title = "Essaim"

urlpatterns = [
    path("", commun_views.accueil, name="accueil"),
    path("", include("essaim.commun.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("admin/", admin.site.urls),
    path("comptes/", include("allauth.urls")),
    path("compte/", include("essaim.comptes.urls")),
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
    path("api/v1/", include("essaim.api_urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
