"""Applying, reviewing and deciding: the state changes of an application."""

from django.db import transaction
from django.utils import timezone

from essaim.commun.statuts import changer_statut, transition_permise

from ..enums import Decision, StatutCandidature
from ..models import Candidature, Evaluation, PieceJointe
from ..signals import candidature_decidee
from . import emails


def enregistrer(form, *, appel, candidat, candidature=None, deposer=False, base_url="") -> Candidature:
    """Save a draft or submit an application from a valid application form.

    Answers to file questions that were not re-uploaded keep their earlier file. Submitting a
    draft, or an application sent back "à revoir", makes it "déposée" and e-mails an
    acknowledgement; editing an already submitted one keeps it submitted.
    """
    with transaction.atomic():
        candidature = candidature or Candidature(appel=appel, candidat=candidat)
        anciennes = candidature.reponses or {}
        fichiers = form.fichiers()
        reponses = form.reponses()
        for question in form.questions:
            cle = question["cle"]
            if question["type"] == "fichier" and cle not in fichiers and cle in anciennes:
                reponses[cle] = anciennes[cle]
        for cle, fichier in fichiers.items():
            reponses[cle] = fichier.name
        candidature.type_candidat = form.cleaned_data.get("type_candidat") or ""
        candidature.nom_structure = form.cleaned_data.get("nom_structure") or ""
        if "structure" in form.cleaned_data:
            candidature.structure = form.cleaned_data["structure"]
        candidature.reponses = reponses
        premier_depot = deposer and transition_permise(
            StatutCandidature, candidature.statut, StatutCandidature.DEPOSEE
        )
        if premier_depot:
            candidature.statut = StatutCandidature.DEPOSEE
            candidature.decision = ""
            candidature.deposee_le = timezone.now()
        candidature.save()
        for cle, fichier in fichiers.items():
            _remplacer_piece(candidature, cle, fichier)
    if premier_depot:
        emails.envoyer_accuse_reception(candidature, base_url)
    return candidature


def _remplacer_piece(candidature, cle, fichier):
    piece = PieceJointe.objects.filter(candidature=candidature, cle=cle).first()
    if piece:
        piece.fichier.delete(save=False)
    else:
        piece = PieceJointe(candidature=candidature, cle=cle)
    piece.nom_original = fichier.name[:255]
    piece.taille = fichier.size
    piece.fichier.save(fichier.name, fichier, save=False)
    piece.save()


def evaluer(candidature, evaluateur, *, avis, note=None, commentaire="") -> Evaluation:
    """Record (or update) one committee member's review; the application is then "en évaluation"."""
    with transaction.atomic():
        evaluation, _cree = Evaluation.objects.update_or_create(
            candidature=candidature,
            evaluateur=evaluateur,
            defaults={"avis": avis, "note": note, "commentaire": commentaire},
        )
        if transition_permise(StatutCandidature, candidature.statut, StatutCandidature.EN_EVALUATION):
            candidature.statut = StatutCandidature.EN_EVALUATION
            candidature.save(update_fields=["statut", "modifie_le"])
    return evaluation


def decider(candidature, *, decision, message="", par=None, notifier=True, base_url="") -> Candidature:
    """Record the decision, tell listeners in the same transaction, then e-mail the applicant.

    ``candidature_decidee`` is sent synchronously after the save, so a receiver (the conference
    creating a labelled workshop) commits or fails together with the decision.
    """
    decision = Decision(decision)
    with transaction.atomic():
        changer_statut(
            candidature,
            StatutCandidature.DECIDEE,
            par=par,
            decision=decision,
            message_decision=message or "",
            decidee_le=timezone.now(),
            decidee_par=par if par is not None and par.is_authenticated else None,
            notifiee_le=None,
        )
        candidature_decidee.send(sender=Candidature, candidature=candidature, decision=candidature.decision)
    if notifier:
        emails.envoyer_decision(candidature, base_url)
    return candidature


def a_notifier(appel):
    """Decided applications whose decision e-mail has not been sent yet."""
    return appel.candidatures.filter(statut=StatutCandidature.DECIDEE, notifiee_le__isnull=True).exclude(
        decision=""
    )


def synthese_evaluations(candidature) -> dict:
    """Counts of opinions and the mean score, for the committee list and the export."""
    evaluations = list(candidature.evaluations.all())
    notes = [e.note for e in evaluations if e.note is not None]
    return {
        "nombre": len(evaluations),
        "favorables": sum(e.avis == "favorable" for e in evaluations),
        "reserves": sum(e.avis == "reserve" for e in evaluations),
        "defavorables": sum(e.avis == "defavorable" for e in evaluations),
        "moyenne": round(sum(notes) / len(notes), 1) if notes else None,
    }
