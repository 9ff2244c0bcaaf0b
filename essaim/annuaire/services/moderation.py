"""Moderation of records, pending edits, claims and reports by staff of the record's région."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from essaim.commun.courriels import envoyer as envoyer_courriel
from essaim.commun.permissions import filtrer_par_region
from essaim.commun.statuts import TransitionInterdite, changer_statut

from .. import courriels
from ..enums import StatutDemande, StatutStructure
from ..models import ModificationEnAttente, Revendication, Signalement, Structure
from . import fiches


class ActionInterdite(Exception):
    pass


def _verifier(user, structure):
    if not user.has_perm("annuaire.moderer_structure", structure):
        raise ActionInterdite(f"Vous ne pouvez pas modérer « {structure} » (hors de vos régions).")


def perimetre(user, queryset, chemin="region"):
    """Restrict a queryset to the user's régions (administrators see everything)."""
    return filtrer_par_region(queryset, user, chemin)


def file_de_moderation(user) -> dict:
    structures = perimetre(
        user,
        Structure.objects.filter(
            Q(statut=StatutStructure.EN_ATTENTE) | Q(statut=StatutStructure.PUBLIEE, a_controler=True)
        ).select_related("commune"),
    ).order_by("modifie_le")
    attente = {"statut": StatutDemande.EN_ATTENTE}
    return {
        "structures": structures,
        "modifications": perimetre(
            user,
            ModificationEnAttente.objects.filter(**attente).select_related("structure", "auteur"),
            "structure__region",
        ),
        "revendications": perimetre(
            user,
            Revendication.objects.filter(**attente).select_related("structure", "demandeur"),
            "structure__region",
        ),
        "signalements": perimetre(
            user, Signalement.objects.filter(**attente).select_related("structure"), "structure__region"
        ),
    }


def _clore(demande, statut, par, message):
    """A pending request is approved or rejected once (``StatutDemande.transitions``): a second
    decision raises ``TransitionInterdite`` and the enclosing transaction undoes its effects."""
    changer_statut(
        demande, statut, par=par, traitee_par=par, traitee_le=timezone.now(), reponse=message or ""
    )


# Each moderation decision on a record: target status and e-mail to its managers.
DECISIONS = {
    "approuver": (StatutStructure.PUBLIEE, "fiche_publiee"),
    "rejeter": (StatutStructure.BROUILLON, "fiche_refusee"),
    "archiver": (StatutStructure.ARCHIVEE, "fiche_archivee"),
}


@transaction.atomic
def decider(structure: Structure, action: str, par, message: str = "") -> Structure:
    """Approve (published), reject (back to draft: its managers may resubmit) or archive (off
    the public directory, history kept) a record; its managers get the staff's message."""
    cible, gabarit = DECISIONS[action]
    _verifier(par, structure)
    raison = (message[:100] if message else "Archivée par l'équipe") if action == "archiver" else None
    changer_statut(structure, cible, par=par, raison=raison, a_controler=False)
    envoyer_courriel(
        f"annuaire/courriels/{gabarit}",
        courriels.emails_gestionnaires(structure),
        {"structure": structure, "message": message},
    )
    return structure


def traiter_en_masse(structures, par, action: str, message: str = "") -> tuple[int, list[str]]:
    """Approve or reject several records; records outside the user's régions are skipped."""
    faites, refusees = 0, []
    for structure in structures:
        try:
            decider(structure, "approuver" if action == "approuver" else "rejeter", par, message)
            faites += 1
        except (ActionInterdite, TransitionInterdite):
            refusees.append(structure.nom)
    return faites, refusees


@transaction.atomic
def approuver_modification(modification: ModificationEnAttente, par, message: str = ""):
    structure = modification.structure
    _verifier(par, structure)
    structure.refresh_from_db()
    structure.version += 1
    Structure.objects.filter(pk=structure.pk).update(version=structure.version)
    structure.confirme_le = timezone.now()
    fiches.appliquer(structure, modification.donnees, modification.auteur)
    _clore(modification, StatutDemande.APPROUVEE, par, message)
    if modification.auteur:
        envoyer_courriel(
            "annuaire/courriels/modification_acceptee",
            [modification.auteur.email],
            {"structure": structure, "message": message},
        )
    return structure


@transaction.atomic
def rejeter_modification(modification: ModificationEnAttente, par, message: str):
    _verifier(par, modification.structure)
    _clore(modification, StatutDemande.REJETEE, par, message)
    if modification.auteur:
        envoyer_courriel(
            "annuaire/courriels/modification_refusee",
            [modification.auteur.email],
            {"structure": modification.structure, "message": message},
        )


@transaction.atomic
def approuver_revendication(revendication: Revendication, par, message: str = ""):
    _verifier(par, revendication.structure)
    fiches.ajouter_gestionnaire(revendication.structure, revendication.demandeur)
    _clore(revendication, StatutDemande.APPROUVEE, par, message)
    envoyer_courriel(
        "annuaire/courriels/revendication_acceptee",
        [revendication.demandeur.email],
        {"structure": revendication.structure, "message": message},
    )


@transaction.atomic
def rejeter_revendication(revendication: Revendication, par, message: str):
    _verifier(par, revendication.structure)
    _clore(revendication, StatutDemande.REJETEE, par, message)
    envoyer_courriel(
        "annuaire/courriels/revendication_refusee",
        [revendication.demandeur.email],
        {"structure": revendication.structure, "message": message},
    )


@transaction.atomic
def traiter_signalement(signalement: Signalement, par, message: str = "", archiver: bool = False):
    """Close a report (optionally archiving the record, e.g. for a closed organisation)."""
    structure = signalement.structure
    _verifier(par, structure)
    if archiver:
        changer_statut(structure, StatutStructure.ARCHIVEE, par=par)
    _clore(signalement, StatutDemande.APPROUVEE, par, message)
    envoyer_courriel(
        "annuaire/courriels/signalement_traite",
        [signalement.email],
        {"structure": structure, "message": message, "archive": archiver},
    )


@transaction.atomic
def ecarter_signalement(signalement: Signalement, par, message: str = ""):
    _verifier(par, signalement.structure)
    _clore(signalement, StatutDemande.REJETEE, par, message)
    envoyer_courriel(
        "annuaire/courriels/signalement_traite",
        [signalement.email],
        {"structure": signalement.structure, "message": message, "archive": False},
    )


def fixer_famille(structure: Structure, par, famille: str = "", famille_forcee: bool = False) -> Structure:
    """Staff override of the ESS family; unforcing goes back to the derived family."""
    _verifier(par, structure)
    structure.famille_forcee = bool(famille_forcee and famille)
    if structure.famille_forcee:
        structure.famille = famille
    else:
        structure.famille = structure.famille_deduite() or (famille or structure.famille)
    structure._history_user = par
    structure.save()
    return structure
