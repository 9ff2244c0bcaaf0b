"""What the dashboard, the objective page, the yearly review and the API show of a plan:
priorities → objectives → indicators with their series, current value and progress."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from essaim.commun import graphiques

from ..enums import Mode, NaturePriorite, Sens
from ..models import Indicateur, Mesure, Objectif, Plan, Priorite
from . import mesures as service_mesures


@dataclass
class LigneIndicateur:
    indicateur: Indicateur
    serie: list[tuple[str, Decimal | None]]
    valeur_actuelle: Decimal | float | None
    derniere: Mesure | None
    dues: list = field(default_factory=list)
    erreur_calcul: str = ""

    @property
    def part(self) -> float | None:
        i = self.indicateur
        return graphiques.part_de_la_cible(
            _nombre(self.valeur_actuelle), _nombre(i.cible), _nombre(i.reference), i.sens == Sens.HAUSSE
        )

    @property
    def pourcentage(self) -> int | None:
        return None if self.part is None else round(self.part * 100)

    @property
    def en_retard(self) -> bool:
        return any(d.en_retard for d in self.dues)

    def sparkline(self) -> str:
        return graphiques.sparkline(
            f"spark-{self.indicateur.pk}", self.indicateur.libelle, [_nombre(v) for _p, v in self.serie]
        )

    def courbe(self) -> str:
        i = self.indicateur
        return graphiques.courbe(
            f"courbe-{i.pk}",
            f"{i.libelle} ({i.unite}) par période",
            f"Valeurs mesurées de {i.libelle}, cible {graphiques.nombre(_nombre(i.cible))}.",
            [(p, _nombre(v)) for p, v in self.serie],
            cible=_nombre(i.cible),
        )


def _nombre(v):
    if v is None:
        return None
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def ligne_indicateur(
    indicateur: Indicateur, aujourd_hui=None, *, jusqu_a: str | None = None
) -> LigneIndicateur:
    """Series (measures in period order, up to ``jusqu_a`` when given), current value (the
    computation now for an automatic indicator, else the last measure) and what is due."""
    toutes = sorted(indicateur.mesures.all(), key=lambda m: m.periode)
    if jusqu_a:
        toutes = [m for m in toutes if m.periode[:4] <= jusqu_a]
    serie = [(m.periode, m.valeur) for m in toutes]
    derniere = toutes[-1] if toutes else None
    valeur, erreur = (derniere.valeur if derniere else None), ""
    dues = []
    if indicateur.mode == Mode.AUTOMATIQUE and not jusqu_a:
        try:
            valeur = service_mesures.calculer(indicateur)
        except Exception as e:  # a computation that fails must not take the dashboard down
            erreur = f"Calcul impossible : {e}"
    elif indicateur.mode == Mode.MANUEL:
        dues = service_mesures.dues([indicateur], aujourd_hui)
    return LigneIndicateur(indicateur, serie, valeur, derniere, dues, erreur)


def objectifs_du_plan(plan: Plan):
    mesures = Prefetch("indicateurs__mesures", queryset=Mesure.objects.select_related("saisie_par"))
    return (
        Objectif.objects.filter(priorite__plan=plan)
        .select_related("responsable", "priorite")
        .prefetch_related(mesures, "indicateurs__plan", "actions", "notes")
    )


def arbre(plan: Plan, aujourd_hui: datetime.date | None = None, *, jusqu_a: str | None = None) -> dict:
    """Priorities and cross-cutting conditions, each with its objectives and indicator rows."""
    aujourd_hui = aujourd_hui or timezone.localdate()
    par_priorite: dict[int, list] = {}
    for objectif in objectifs_du_plan(plan):
        lignes = [ligne_indicateur(i, aujourd_hui, jusqu_a=jusqu_a) for i in objectif.indicateurs.all()]
        par_priorite.setdefault(objectif.priorite_id, []).append(
            {"objectif": objectif, "indicateurs": lignes}
        )
    blocs = []
    for priorite in Priorite.objects.filter(plan=plan):
        objectifs = par_priorite.get(priorite.pk, [])
        lignes = [ligne for o in objectifs for ligne in o["indicateurs"]]
        blocs.append(
            {
                "priorite": priorite,
                "objectifs": objectifs,
                "graphique": graphiques.progression(
                    f"prog-{priorite.pk}",
                    f"Progression vers les cibles : {priorite.titre}",
                    "Part du chemin parcouru de la référence à la cible, par indicateur.",
                    [
                        {
                            "libelle": ligne.indicateur.libelle,
                            "valeur": _nombre(ligne.valeur_actuelle),
                            "cible": _nombre(ligne.indicateur.cible),
                            "reference": _nombre(ligne.indicateur.reference),
                            "unite": ligne.indicateur.unite,
                            "sens_hausse": ligne.indicateur.sens == Sens.HAUSSE,
                        }
                        for ligne in lignes
                        if ligne.indicateur.cible is not None
                    ],
                    dimensions=True,
                )
                if any(ligne.indicateur.cible is not None for ligne in lignes)
                else "",
            }
        )
    toutes = [ligne for b in blocs for o in b["objectifs"] for ligne in o["indicateurs"]]
    return {
        "plan": plan,
        "priorites": [b for b in blocs if b["priorite"].nature == NaturePriorite.PRIORITE],
        "conditions": [b for b in blocs if b["priorite"].nature == NaturePriorite.CONDITION],
        "en_retard": [ligne for ligne in toutes if ligne.en_retard],
        "derniere_mise_a_jour": max(
            (m.modifie_le for ligne in toutes for m in ligne.indicateur.mesures.all()), default=None
        ),
    }
