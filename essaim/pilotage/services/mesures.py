"""Entering measures, snapshots of automatic indicators, measures due.

- ``saisir``: one value for one period. A second measure for the same period is refused (the
  form says so); a correction names the version it started from, so that two people
  correcting at once never overwrite each other in silence; every change is in the history.
- ``instantane``: the value of an automatic indicator for a period, computed once and kept
  with its computation date. Data published afterwards never move it.
- ``dues``: the periods already over that still lack their measure, per indicator.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from essaim.commun import indicateurs as registre

from .. import periodes
from ..enums import Mode
from ..models import Indicateur, Mesure
from .validation import verifier_periode, verifier_valeur

# A measure missing this many days after its period ended is flagged as late.
JOURS_AVANT_RETARD = 30


class ConflitMesure(Exception):
    """Someone else changed the measure since the form was opened."""

    def __init__(self, mesure: Mesure):
        super().__init__(mesure)
        self.mesure = mesure


def _date_affichee(mesure: Mesure) -> str:
    auteur = (
        f" par {mesure.saisie_par.get_full_name() or mesure.saisie_par.email}" if mesure.saisie_par else ""
    )
    return f"le {mesure.date:%d/%m/%Y}{auteur}"


def saisir(
    indicateur: Indicateur,
    periode: str,
    valeur,
    *,
    par,
    date: datetime.date | None = None,
    commentaire: str = "",
    preuve_lien: str = "",
    preuve_fichier=None,
    version: int | None = None,
) -> Mesure:
    """Record (``version`` None) or correct (``version`` of the measure being corrected) a value."""
    if indicateur.mode == Mode.AUTOMATIQUE:
        raise ValidationError(
            {"valeur": ["Valeur : cet indicateur est calculé automatiquement, il ne se saisit pas."]}
        )
    periode = verifier_periode(indicateur, periode)
    if valeur is not None:
        verifier_valeur(valeur, indicateur.type_valeur, indicateur.unite)
    champs = {
        "valeur": valeur,
        "date": date or timezone.localdate(),
        "commentaire": commentaire,
        "preuve_lien": preuve_lien,
        "saisie_par": par if getattr(par, "is_authenticated", False) else None,
    }
    with transaction.atomic():
        existante = Mesure.objects.filter(indicateur=indicateur, periode=periode).first()
        if existante is None:
            if version is not None:
                raise ConflitMesure(None)
            mesure = Mesure(indicateur=indicateur, periode=periode, **champs)
        else:
            if version is None:
                raise ValidationError(
                    {
                        "periode": [
                            f"Période : une mesure existe déjà pour {periode} "
                            f"({existante.valeur} {indicateur.unite}, saisie {_date_affichee(existante)}). "
                            "Corrigez-la plutôt : l'ancienne valeur reste dans l'historique."
                        ]
                    }
                )
            # The conditional UPDATE is the lock: of two concurrent corrections, one matches no row.
            if not Mesure.objects.filter(pk=existante.pk, version=version).update(version=F("version") + 1):
                raise ConflitMesure(Mesure.objects.get(pk=existante.pk))
            mesure = existante
            mesure.version = version + 1
            for nom, contenu in champs.items():
                setattr(mesure, nom, contenu)
        if preuve_fichier:
            mesure.preuve_fichier = preuve_fichier
        if champs["saisie_par"]:
            mesure._history_user = champs["saisie_par"]
        mesure.full_clean(exclude=["indicateur", "preuve_fichier"])
        mesure.save()
    return mesure


def instantane(indicateur: Indicateur, periode: str, *, maintenant=None, par=None) -> Mesure:
    """The snapshot of an automatic indicator for ``periode``: the stored one if it exists (it
    never moves), else computed now and stored with its computation date."""
    periode = verifier_periode(indicateur, periode)
    existante = Mesure.objects.filter(indicateur=indicateur, periode=periode).first()
    if existante is not None:
        return existante
    maintenant = maintenant or timezone.now()
    debut, fin = periodes.bornes(periode, indicateur.frequence)
    valeur = calculer(indicateur, debut=debut, fin=fin)
    mesure = Mesure(
        indicateur=indicateur,
        periode=periode,
        valeur=valeur,
        date=timezone.localdate(maintenant),
        calculee_le=maintenant,
        commentaire=(
            f"Calcul automatique « {indicateur.calcul} » "
            f"du {timezone.localtime(maintenant):%d/%m/%Y à %H:%M}."
        ),
        saisie_par=par if getattr(par, "is_authenticated", False) else None,
    )
    try:
        with transaction.atomic():
            mesure.save()
    except IntegrityError:  # another snapshot of the same period a moment ago: keep that one
        return Mesure.objects.get(indicateur=indicateur, periode=periode)
    return mesure


def calculer(indicateur: Indicateur, *, debut=None, fin=None):
    """The computation of an automatic indicator, now (period bounds for flow figures)."""
    parametres = indicateur.parametres or {}
    calcul = registre.obtenir(indicateur.calcul)
    if calcul.depend_de_la_periode and (debut is None or fin is None):
        debut, fin = _periode_courante(indicateur)
    return registre.calculer(indicateur.calcul, region=parametres.get("region"), debut=debut, fin=fin)


def _periode_courante(indicateur: Indicateur):
    aujourd_hui = timezone.localdate()
    plan = indicateur.plan
    annee = min(max(aujourd_hui.year, plan.annee_debut), plan.annee_fin)
    for p in periodes.periodes(annee, annee, indicateur.frequence):
        debut, fin = periodes.bornes(p, indicateur.frequence)
        if debut <= aujourd_hui <= fin:
            return debut, fin
    return periodes.bornes(str(annee), "annuelle")


@dataclass
class Due:
    indicateur: Indicateur
    periode: str
    fin: datetime.date
    en_retard: bool


def dues(indicateurs, aujourd_hui: datetime.date | None = None) -> list[Due]:
    """Periods over (within the plan) whose measure is missing, oldest first."""
    aujourd_hui = aujourd_hui or timezone.localdate()
    if hasattr(indicateurs, "select_related"):  # a queryset; a list arrives prefetched
        indicateurs = indicateurs.select_related("plan").prefetch_related("mesures")
    resultat = []
    for indicateur in indicateurs:
        faites = {m.periode for m in indicateur.mesures.all()}
        plan = indicateur.plan
        for periode in periodes.echues(plan.annee_debut, plan.annee_fin, indicateur.frequence, aujourd_hui):
            if periode in faites:
                continue
            fin = periodes.bornes(periode, indicateur.frequence)[1]
            retard = (aujourd_hui - fin).days > JOURS_AVANT_RETARD
            resultat.append(Due(indicateur, periode, fin, retard))
    return sorted(resultat, key=lambda d: (d.fin, d.indicateur.pk))


def prendre_instantanes(indicateurs, aujourd_hui: datetime.date | None = None) -> int:
    """Snapshot every ended period of these automatic indicators still without one."""
    n = 0
    for due in dues(indicateurs.filter(mode=Mode.AUTOMATIQUE), aujourd_hui):
        instantane(due.indicateur, due.periode)
        n += 1
    return n


def a_saisir(user, aujourd_hui: datetime.date | None = None) -> list[dict]:
    """For "Mon espace": per plan, the measures due to the user (label, link, count, detail)."""
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from ..rules import indicateurs_a_saisir

    par_plan: dict = {}
    for due in dues(indicateurs_a_saisir(user, Indicateur.objects.filter(mode=Mode.MANUEL)), aujourd_hui):
        par_plan.setdefault(due.indicateur.plan, []).append(due)
    resultat = []
    for plan, liste in sorted(par_plan.items(), key=lambda x: x[0].titre):
        retards = sum(d.en_retard for d in liste)
        resultat.append(
            {
                "libelle": _("Mesures dues : %(plan)s") % {"plan": plan.titre},
                "href": reverse("pilotage:mesures_dues", args=[plan.slug]),
                "nombre": len(liste),
                "detail": _("dont %(n)s en retard") % {"n": retards} if retards else "",
            }
        )
    return resultat
