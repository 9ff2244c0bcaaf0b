import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .fichiers import envoyer
from .forms import CLE_APERCU
from .models import Travail
from .texte import markdown_vers_html

APERCU_MAX = 50_000

logger = logging.getLogger(__name__)


def _travail_visible(request, pk):
    objet = get_object_or_404(Travail, pk=pk)
    if not request.user.has_perm("commun.voir_travail", objet):
        raise PermissionDenied
    return objet


@login_required
def travail(request, pk):
    """Progress of a background task; polled by htmx until it ends."""
    objet = _travail_visible(request, pk)
    gabarit = "commun/travail_progression.html" if request.htmx else "commun/travail.html"
    return render(request, gabarit, {"travail": objet})


@login_required
def travail_fichier(request, pk):
    """The file a background task produced (private storage), for whoever may see the task."""
    return envoyer(_travail_visible(request, pk).fichier)


@require_POST
def apercu_texte(request):
    """The cleaned HTML of a formatted-text field, for its « Prévisualiser » button (htmx).

    The form is posted as is (CSRF token included); ``apercu`` names the field to render.
    Nothing is stored: the rendering is the one used on save (``commun/texte.py``)."""
    texte = request.POST.get(request.POST.get(CLE_APERCU) or "", "")
    if len(texte) > APERCU_MAX:
        return HttpResponseBadRequest(_("Texte trop long pour l'aperçu."))
    return render(request, "commun/apercu_texte.html", {"apercu": markdown_vers_html(texte)})


def erreur_serveur(request):
    """500 page in the site's layout, rendered without the request's context processors.

    The error may come from the database, the session or a context processor: the page uses
    none of them (no user, no messages), only settings, so rendering it cannot fail the same way.
    """
    from .modules import modules_publics

    try:
        contexte = {"ESSAIM_NOM": settings.ESSAIM_NOM, "modules_publics": modules_publics()}
        html = loader.get_template("500.html").render(contexte)
    except Exception:
        logger.exception("Page d'erreur 500 impossible à afficher")
        html = "<!doctype html><title>Erreur du serveur</title><h1>Erreur du serveur (500)</h1>"
    return HttpResponseServerError(html)
