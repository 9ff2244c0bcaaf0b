"""The site's URL conf plus views that fail on purpose, for the error pages' tests."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from essaim.urls import handler500  # noqa: F401
from essaim.urls import urlpatterns as urls_du_site


def refuser(request):
    raise PermissionDenied


def echouer(request):
    return 1 / 0


urlpatterns = [path("erreurs-test/403/", refuser), path("erreurs-test/500/", echouer), *urls_du_site]
