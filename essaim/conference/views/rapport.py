from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from essaim.commun.fichiers import envoyer
from essaim.commun.models import Travail
from essaim.commun.taches import lancer

from ..services import rapport as service
from ..taches import generer_rapport
from .commun import conference_visible

__all__ = ["rapport", "rapport_fichier", "generer", "telecharger"]

# Above this many workshops the PDF/DOCX is built by the background worker, not in the request
# (bench_rapport: ~6 s for the PDF of 36 workshops, 16 s for 300).
SEUIL_SYNCHRONE = 60
TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def rapport(request, slug):
    conference = conference_visible(request, slug)
    return render(request, "conference/rapport.html", service.contexte_rapport(conference))


def rapport_fichier(request, slug, format):
    if format not in TYPES:
        raise Http404
    conference = conference_visible(request, slug)
    if conference.ateliers.count() > SEUIL_SYNCHRONE:
        return _lancer(request, conference, format)
    contenu = service.rapport_pdf(conference) if format == "pdf" else service.rapport_docx(conference)
    reponse = HttpResponse(contenu, content_type=TYPES[format])
    reponse["Content-Disposition"] = f'attachment; filename="rapport-{conference.slug}.{format}"'
    return reponse


def _lancer(request, conference, format):
    if not request.user.is_authenticated:
        return render(request, "conference/rapport_differe.html", {"conference": conference}, status=202)
    travail = lancer(
        generer_rapport,
        f"Rapport {format.upper()} — {conference.titre}",
        user=request.user,
        region_code=conference.region_id,
        slug=conference.slug,
        format=format,
    )
    return redirect(travail)


@login_required
@require_POST
def generer(request, slug, format):
    if format not in TYPES:
        raise Http404
    return _lancer(request, conference_visible(request, slug), format)


@login_required
def telecharger(request, slug, travail_pk):
    travail = get_object_or_404(
        Travail, pk=travail_pk, nature=f"{generer_rapport.__module__}.generer_rapport"
    )
    if not request.user.has_perm("commun.voir_travail", travail):
        raise PermissionDenied
    return envoyer(travail.fichier)
