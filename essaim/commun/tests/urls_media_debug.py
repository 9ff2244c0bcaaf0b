"""The site's URL conf plus MEDIA_ROOT served as Django's ``static()`` helper does under DEBUG."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from essaim.urls import handler500  # noqa: F401
from essaim.urls import urlpatterns as urls_du_site


def _media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [re_path(r"^media/(?P<path>.*)$", _media), *urls_du_site]
