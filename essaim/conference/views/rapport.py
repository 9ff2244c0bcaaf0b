from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from essaim.commun import documents

from .. import extensions
from ..services import rapport as service
from .commun import conference_visible

__all__ = ["rapport", "rapport_fichier"]

TYPES = {
    "pdf": ("application/pdf", service.document_pdf),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        service.document_docx,
    ),
}


def rapport(request, slug):
    conference = conference_visible(request, slug)
    contexte = service.contexte_rapport(conference, translation.get_language() or "fr")
    contexte["blocs_extensions"] = extensions.blocs_rapport(conference)
    return render(request, "conference/rapport.html", contexte)


def rapport_fichier(request, slug, format):
    """The PDF/DOCX report: built by the background worker once per version of the edition's
    data (2 to 16 s of WeasyPrint), then served from storage to everyone."""
    if format not in TYPES:
        raise Http404
    conference = conference_visible(request, slug)
    type_mime, generateur = TYPES[format]
    titre = f"Rapport {format.upper()} — {conference.titre}"
    retour = reverse("conference:rapport", args=[conference.slug])
    try:
        document = documents.demander(
            generateur,
            conference.slug,
            service.version_rapport(conference),
            nom_fichier=f"rapport-{conference.slug}.{format}",
            libelle=titre,
            request=request,
        )
    except documents.TropDeDemandes as erreur:
        return documents.reponse_trop_de_demandes(request, erreur, titre=titre, retour=retour)
    return documents.reponse(request, document, titre=titre, type_mime=type_mime, retour=retour)
