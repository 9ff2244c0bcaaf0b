"""The conference feeds the library (the conference does not know this app).

Saves of a validated sheet, of its inline resources and projects, of an edition's
consolidation and of its cross-cutting issues queue a promotion once the transaction
commits (the sheet's inline lists are saved after the sheet itself). Promotion is
idempotent: running it twice changes nothing.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from essaim.conference import extensions
from essaim.conference.models import (
    EnjeuTransversal,
    FicheSynthese,
    ProjetInspirant,
    TransitionConference,
)
from essaim.conference.models import Ressource as RessourceFiche

from .services import conference as promotion


def _apres_validation(fonction, modele, pk):
    def executer():
        objet = modele.objects.filter(pk=pk).first()
        if objet is not None:
            fonction(objet)

    transaction.on_commit(executer)


@receiver(post_save, sender=FicheSynthese, dispatch_uid="ressources_fiche")
def fiche_enregistree(sender, instance, raw=False, **kwargs):
    if not raw:
        _apres_validation(promotion.promouvoir_fiche, FicheSynthese, instance.pk)


@receiver(post_save, sender=RessourceFiche, dispatch_uid="ressources_fiche_ressource")
@receiver(post_save, sender=ProjetInspirant, dispatch_uid="ressources_fiche_projet")
def element_de_fiche_enregistre(sender, instance, raw=False, **kwargs):
    if not raw:
        _apres_validation(promotion.promouvoir_fiche, FicheSynthese, instance.fiche_id)


@receiver(post_save, sender=TransitionConference, dispatch_uid="ressources_consolidation")
def consolidation_enregistree(sender, instance, raw=False, **kwargs):
    if not raw:
        _apres_validation(promotion.promouvoir_consolidation, TransitionConference, instance.pk)


@receiver(post_save, sender=EnjeuTransversal, dispatch_uid="ressources_enjeu")
def enjeu_enregistre(sender, instance, raw=False, **kwargs):
    if not raw:
        _apres_validation(promotion.promouvoir_enjeu, EnjeuTransversal, instance.pk)


@extensions.ajouter_bloc_rapport
def bloc_rapport(conference):
    """The report page links to the library items born from its edition."""
    qs = promotion.ressources_de(conference)
    total = qs.count()
    if not total:
        return None
    ressources = list(qs[:60])
    lien = reverse("ressources:liste") + f"?conference={conference.slug}"
    return {
        "titre": "Les ressources de la conférence dans la bibliothèque",
        "texte": (
            f"{total} ressources, outils, podcasts et projets inspirants cités par les "
            "ateliers et la synthèse de cette édition sont réunis dans la bibliothèque de ressources."
        ),
        "elements": [
            {"libelle": r.titre, "href": r.get_absolute_url(), "detail": r.get_type_display()}
            for r in ressources
        ],
        "lien": lien,
        "libelle_lien": "Rechercher parmi ces ressources",
    }
