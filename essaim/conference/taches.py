"""Background work of the conference module (essaim.commun.taches)."""

from django.core.files.base import ContentFile
from django.urls import reverse

from essaim.commun.models import Travail
from essaim.commun.taches import tache

from .models import Conference
from .services import rapport


@tache
def generer_rapport(travail, slug: str, format: str):
    conference = Conference.objects.get(slug=slug)
    travail.avancer(0, 2, "Calcul des chiffres et mise en page…", forcer=True)
    contenu = rapport.rapport_pdf(conference) if format == "pdf" else rapport.rapport_docx(conference)
    objet = Travail.objects.get(pk=travail.pk)
    objet.fichier.save(f"rapport-{slug}.{format}", ContentFile(contenu), save=True)
    travail.avancer(2, 2, "Rapport prêt.", forcer=True)
    return {"lien": reverse("conference:telecharger", args=[slug, travail.pk]), "octets": len(contenu)}
