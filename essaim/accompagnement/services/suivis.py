"""Rules of the follow-up file: opening, timeline, actions, results. No HTTP here."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.appels.enums import Decision, StatutCandidature, TypeQuestion
from essaim.appels.services.formulaire import normaliser_question
from essaim.commun.permissions import est_equipe_cress
from essaim.commun.statuts import changer_statut

from ..enums import NatureSuivi, Periode, StatutAction, StatutSuivi, TypeEvenement
from ..models import Action, Evenement, Resultat, Suivi


def ouvrir_suivi_laureat(candidature, *, par=None) -> Suivi:
    """The follow-up file of a retained application (idempotent)."""
    suivi = Suivi.objects.filter(candidature=candidature).first()
    if suivi is not None:
        return suivi
    suivi = Suivi.objects.create(
        nature=NatureSuivi.LAUREAT,
        region_id=candidature.appel.region_id,
        titre=str(candidature.intitule)[:250],
        structure=candidature.structure,
        candidature=candidature,
        responsable=par if est_equipe_cress(par) else None,
    )
    Evenement.objects.create(
        suivi=suivi,
        type=TypeEvenement.EVENEMENT,
        titre=_("Candidature retenue : ouverture du suivi"),
        texte=candidature.appel.titre,
        auteur=par if par is not None and par.is_authenticated else None,
    )
    return suivi


def rattraper_laureats(candidatures) -> int:
    """Open the missing files of retained applications (decisions taken before this module)."""
    retenues = candidatures.filter(
        statut=StatutCandidature.DECIDEE, decision=Decision.RETENUE, suivi__isnull=True
    ).select_related("appel")
    n = 0
    for candidature in retenues:
        ouvrir_suivi_laureat(candidature)
        n += 1
    return n


def ajouter_evenement(suivi, *, auteur=None, **champs) -> Evenement:
    fichier = champs.pop("fichier", None)
    evenement = Evenement(
        suivi=suivi, auteur=auteur if auteur and auteur.is_authenticated else None, **champs
    )
    if fichier:
        evenement.nom_fichier = fichier.name[:255]
        evenement.fichier.save(fichier.name, fichier, save=False)
        if evenement.type == TypeEvenement.NOTE and not evenement.texte:
            evenement.type = TypeEvenement.DOCUMENT
    evenement.full_clean()
    evenement.save()
    return evenement


def changer_statut_suivi(suivi, statut, *, par=None) -> Suivi:
    ancien = suivi.get_statut_display()
    changer_statut(suivi, StatutSuivi(statut), par=par)
    Evenement.objects.create(
        suivi=suivi,
        type=TypeEvenement.STATUT,
        titre=_("Statut : %(a)s → %(n)s") % {"a": ancien, "n": suivi.get_statut_display()},
        interne=True,
        auteur=par if par is not None and par.is_authenticated else None,
    )
    return suivi


def changer_statut_action(action, statut, *, par=None) -> Action:
    statut = StatutAction(statut)
    faite_le = timezone.localdate() if statut == StatutAction.FAITE else None
    return changer_statut(action, statut, par=par, faite_le=faite_le)


# --- Results declared against the forecast -------------------------------------------------


def indicateurs(appel) -> list[dict]:
    """The call's numeric questions (jobs, turnover, beneficiaries...): the results asked for."""
    return [
        q
        for q in (normaliser_question(q) for q in appel.formulaire or [] if isinstance(q, dict))
        if q["cle"] and q["type"] == TypeQuestion.NOMBRE
    ]


def declarer_resultat(suivi, *, periode, valeurs: dict, commentaire="", par=None, corriger=False) -> Resultat:
    """Record the results of one period. A second declaration for that period is refused
    unless ``corriger`` says it replaces the first (kept in the history)."""
    periode = Periode(int(periode))
    libelle = str(periode.label)
    existant = suivi.resultats.filter(periode=periode).first()
    if existant is not None and corriger:
        existant.valeurs = {k: v for k, v in valeurs.items() if v is not None}
        existant.commentaire = commentaire
        existant.declare_le = timezone.now()
        existant.declare_par = par if par is not None and par.is_authenticated else None
        if existant.declare_par:
            existant._history_user = existant.declare_par
        existant._change_reason = "correction"
        existant.save()
        return existant
    if existant is not None:
        raise ValidationError(
            {
                "periode": _(
                    "Les résultats à %(p)s ont déjà été déclarés pour « %(t)s ». Cochez « corriger la "
                    "déclaration » pour remplacer la première plutôt que d'en ajouter une seconde ; "
                    "vos valeurs sont restées dans le formulaire."
                )
                % {"p": libelle, "t": suivi.titre}
            }
        )
    try:
        with transaction.atomic():
            return Resultat.objects.create(
                suivi=suivi,
                periode=periode,
                valeurs={k: v for k, v in valeurs.items() if v is not None},
                commentaire=commentaire,
                declare_par=par if par is not None and par.is_authenticated else None,
            )
    except IntegrityError as erreur:  # the same declaration sent twice at once
        raise ValidationError(
            {"periode": _("Les résultats à %(p)s viennent d'être déclarés par ailleurs.") % {"p": libelle}}
        ) from erreur


def comparaison(suivi) -> list[dict]:
    """One row per indicator: the forecast (the application's answer) and each period's value."""
    if not suivi.candidature_id:
        return []
    reponses = suivi.candidature.reponses or {}
    resultats = {r.periode: r.valeurs for r in suivi.resultats.all()}
    lignes = []
    for q in indicateurs(suivi.candidature.appel):
        prevu = reponses.get(q["cle"])
        valeurs = [resultats.get(p, {}).get(q["cle"]) for p in Periode.values]
        dernier = next((v for v in reversed(valeurs) if v is not None), None)
        lignes.append(
            {
                "cle": q["cle"],
                "libelle": q["libelle"],
                "prevu": prevu,
                "valeurs": valeurs,
                "dernier": dernier,
                "taux": round(100 * dernier / prevu) if dernier is not None and prevu else None,
            }
        )
    return lignes


def avancement(suivi) -> int | None:
    """Share of milestones done, in percent (None without milestones)."""
    jalons = [a for a in suivi.actions.all() if a.jalon]
    if not jalons:
        return None
    return round(100 * sum(a.statut == StatutAction.FAITE for a in jalons) / len(jalons))


def purger_notes(aujourd_hui=None, *, dry_run=False) -> int:
    """Delete the notes and sessions of files closed more than the declared retention period
    ago (rgpd.CONSERVATION_ANNEES); the file, its agreements and results stay."""
    from ..rgpd import CONSERVATION_ANNEES

    aujourd_hui = aujourd_hui or timezone.localdate()
    limite = aujourd_hui.replace(year=aujourd_hui.year - CONSERVATION_ANNEES)
    clos = Suivi.objects.filter(statut=StatutSuivi.CLOS, modifie_le__date__lt=limite)
    notes = Evenement.objects.filter(suivi__in=clos, type__in=[TypeEvenement.NOTE, TypeEvenement.SEANCE])
    nombre = notes.count()
    if not dry_run:
        for note in notes:
            note.delete()
    return nombre


def lien_vers_le_suivi(user, candidature) -> list[dict]:
    """The link an application's page shows to its follow-up file (appels/extensions.py)."""
    suivi = Suivi.objects.filter(candidature=candidature).first()
    if suivi is None or not user.has_perm("accompagnement.voir_suivi", suivi):
        return []
    return [{"libelle": _("Suivi d'accompagnement du lauréat"), "href": suivi.get_absolute_url()}]
