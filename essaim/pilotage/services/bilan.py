"""The yearly review of a plan (bilan annuel): one context built from the data, rendered as
HTML (page and PDF source), PDF and DOCX by the site's document machinery
(``commun.documents``), like the conference report. Values are those measured up to the
year (snapshots for automatic indicators), so the review of a past year never moves."""

import io
from collections import Counter

from django.template.loader import render_to_string
from django.utils import translation

from essaim.commun import graphiques
from essaim.commun.documents import empreinte, etat, html_vers_pdf

from ..enums import StatutObjectif
from ..models import Action, Indicateur, Mesure, NoteAvancement, Objectif, Plan, Priorite
from .tableau import arbre

# Bump when the review's layout or content rules change: every plan gets a new version.
VERSION_MISE_EN_PAGE = 1


def contexte_bilan(plan: Plan, annee: int) -> dict:
    with translation.override("fr"):
        contexte = arbre(plan, jusqu_a=str(annee))
        objectifs = [o for b in contexte["priorites"] + contexte["conditions"] for o in b["objectifs"]]
        for bloc in objectifs:
            objectif = bloc["objectif"]
            bloc["notes"] = [n for n in objectif.notes.all() if n.periode.startswith(str(annee))]
            bloc["actions"] = [a for a in objectif.actions.all() if _active(a, annee)]
            for ligne in bloc["indicateurs"]:
                ligne.valeur_annee = next(
                    (v for p, v in reversed(ligne.serie) if p.startswith(str(annee))), None
                )
        statuts = Counter(b["objectif"].statut for b in objectifs)
        contexte.update(
            {
                "annee": annee,
                "statuts": [(str(s.label), statuts.get(s.value, 0)) for s in StatutObjectif],
                "nombre_objectifs": len(objectifs),
                "nombre_indicateurs": sum(len(b["indicateurs"]) for b in objectifs),
                "actions": [a for a in plan.actions.prefetch_related("objectifs") if _active(a, annee)],
            }
        )
        contexte["graphique_statuts"] = graphiques.barres(
            "bilan-statuts",
            f"Objectifs par statut en {annee}",
            "Nombre d'objectifs du plan dans chaque statut.",
            contexte["statuts"],
            dimensions=True,
        )
        return contexte


def _active(action: Action, annee: int) -> bool:
    debut = action.debut.year if action.debut else -1
    fin = action.fin.year if action.fin else 10_000
    return debut <= annee <= fin


def bilan_html(plan: Plan, annee: int) -> str:
    """A standalone HTML document (also the source of the PDF)."""
    return render_to_string("pilotage/bilan/document.html", contexte_bilan(plan, annee))


def bilan_pdf(plan: Plan, annee: int) -> bytes:
    return html_vers_pdf(bilan_html(plan, annee))


def bilan_docx(plan: Plan, annee: int) -> bytes:
    from .bilan_docx import ecrire_docx

    sortie = io.BytesIO()
    ecrire_docx(contexte_bilan(plan, annee)).save(sortie)
    return sortie.getvalue()


def version_bilan(plan: Plan, annee: int) -> str:
    """Hash of the state of everything the review reads."""

    def contenu(queryset):
        return list(queryset.order_by("pk").values_list())

    return empreinte(
        VERSION_MISE_EN_PAGE,
        annee,
        etat(Plan.objects.filter(pk=plan.pk)),
        contenu(Priorite.objects.filter(plan=plan)),
        etat(Objectif.objects.filter(priorite__plan=plan)),
        etat(Indicateur.objects.filter(plan=plan)),
        etat(Mesure.objects.filter(indicateur__plan=plan)),
        etat(NoteAvancement.objects.filter(objectif__priorite__plan=plan)),
        etat(Action.objects.filter(plan=plan)),
        contenu(Action.objectifs.through.objects.filter(action__plan=plan)),
    )


def _objet(objet: str) -> tuple[Plan, int]:
    slug, annee = objet.rsplit(":", 1)
    return Plan.objects.get(slug=slug), int(annee)


def document_pdf(objet: str) -> bytes:
    return bilan_pdf(*_objet(objet))


def document_docx(objet: str) -> bytes:
    return bilan_docx(*_objet(objet))
