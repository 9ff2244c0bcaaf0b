"""Public and private files.

Two storages, two rules:

- **public** (``default`` storage, ``MEDIA_ROOT`` under ``MEDIA_URL``): structure logos, and
  nothing else. Served by :func:`media` (or by the proxy, ``ESSAIM_SERVIR_MEDIAS=false``).
- **private** (``prive`` storage, ``ESSAIM_PRIVE_ROOT``, outside ``MEDIA_ROOT``): application
  attachments and call kits (``appels``), imported files (directory, conference, observatory),
  task results (``Travail.fichier``: reports, exports), generated documents, and logos proposed
  in pending edits until a moderator approves them. They have no public URL: a view checks
  the permission on the owning object, then calls :func:`envoyer`, which streams the file or
  hands it to the proxy (``X-Accel-Redirect`` for nginx, ``X-Sendfile`` for Apache).

``FieldFile.url`` of a private file (the admin's "currently" link) is a signed link that expires
after an hour and is only honoured for staff (:func:`fichier_prive`).
"""

import mimetypes
import os
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.storage import FileSystemStorage, storages
from django.http import FileResponse, Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from django.views.static import serve

SEL = "essaim.fichiers.prive"
DUREE_LIEN = 3600  # seconds a signed admin link stays valid
EXTENSIONS_PUBLIQUES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}


class StockagePrive(FileSystemStorage):
    """Files kept out of MEDIA_ROOT; the location follows ``settings.ESSAIM_PRIVE_ROOT``."""

    @property
    def base_location(self):
        return str(settings.ESSAIM_PRIVE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        return reverse("commun:fichier_prive", args=[signing.dumps(name, salt=SEL, compress=True)])


def stockage_prive():
    """Storage callable for ``FileField(storage=...)`` (kept out of migrations' field state)."""
    return storages["prive"]


def envoyer(fichier, *, nom: str | None = None, telechargement: bool = True):
    """Response sending a private file (a ``FieldFile`` or a name in the private storage).

    Call it only after the permission check. ``nom`` is the file name offered to the browser.
    """
    stockage = getattr(fichier, "storage", None) or stockage_prive()
    nom_stocke = getattr(fichier, "name", fichier)
    if not nom_stocke or not stockage.exists(nom_stocke):
        raise Http404("Fichier introuvable")
    nom = nom or nom_stocke.rsplit("/", 1)[-1]
    mode = settings.ESSAIM_ENVOI_FICHIERS
    if mode == "django":
        reponse = FileResponse(stockage.open(nom_stocke, "rb"), as_attachment=telechargement, filename=nom)
        patch_cache_control(reponse, private=True)  # never kept by a shared cache
        return reponse
    reponse = HttpResponse(content_type=mimetypes.guess_type(nom)[0] or "application/octet-stream")
    patch_cache_control(reponse, private=True)
    if mode == "x-accel-redirect":
        reponse["X-Accel-Redirect"] = settings.ESSAIM_PRIVE_URL_INTERNE + quote(nom_stocke)
    elif mode == "x-sendfile":
        reponse["X-Sendfile"] = stockage.path(nom_stocke)
    else:
        raise ValueError(f"ESSAIM_ENVOI_FICHIERS inconnu : {mode!r} (django, x-accel-redirect, x-sendfile)")
    disposition = "attachment" if telechargement else "inline"
    reponse["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(nom)}"
    return reponse


def fichier_prive(request, jeton):
    """A private file linked from the admin: staff only, signed name, valid for an hour."""
    from django.contrib.auth.views import redirect_to_login  # not at import: models import this module

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied
    try:
        nom = signing.loads(jeton, salt=SEL, max_age=DUREE_LIEN)
    except signing.BadSignature:
        raise Http404("Lien expiré ou invalide")
    return envoyer(nom)


@require_safe
def media(request, chemin):
    """Public media (logos) from MEDIA_ROOT, streamed; a proxy may serve MEDIA_ROOT instead.

    Only raster images: whatever else might one day land in MEDIA_ROOT by mistake stays unserved.
    """
    if os.path.splitext(chemin)[1].lower() not in EXTENSIONS_PUBLIQUES:
        raise Http404("Fichier introuvable")
    reponse = serve(request, chemin, document_root=settings.MEDIA_ROOT)
    patch_cache_control(reponse, public=True, max_age=86400)
    return reponse
