"""Every indicator of a plan with its series, as XLSX (the site's export engine)."""

from essaim.commun.exports import Champ, reponse_export

from ..models import Indicateur, Plan

CHAMPS = [
    Champ("priorite", "Priorité"),
    Champ("objectif", "Objectif"),
    Champ("statut_objectif", "Statut de l'objectif"),
    Champ("code", "Code de l'indicateur"),
    Champ("libelle", "Indicateur"),
    Champ("unite", "Unité"),
    Champ("mode", "Mode"),
    Champ("calcul", "Calcul"),
    Champ("reference", "Référence", type="number"),
    Champ("date_reference", "Date de la référence", type="date"),
    Champ("cible", "Cible", type="number"),
    Champ("date_cible", "Date de la cible", type="date"),
    Champ("periode", "Période"),
    Champ("valeur", "Valeur", type="number"),
    Champ("date", "Date de la mesure", type="date"),
    Champ("calculee_le", "Calculée le", type="datetime"),
    Champ("commentaire", "Commentaire"),
]


def lignes(plan: Plan):
    indicateurs = (
        Indicateur.objects.filter(plan=plan)
        .select_related("objectif__priorite")
        .prefetch_related("mesures")
        .order_by("objectif__priorite__nature", "objectif__priorite__ordre", "objectif__ordre", "ordre", "pk")
    )
    for i in indicateurs:
        commun = {
            "priorite": i.objectif.priorite.titre,
            "objectif": i.objectif.titre,
            "statut_objectif": i.objectif.get_statut_display(),
            "code": i.code,
            "libelle": i.libelle,
            "unite": i.unite,
            "mode": i.get_mode_display(),
            "calcul": i.calcul,
            "reference": i.reference,
            "date_reference": i.date_reference,
            "cible": i.cible,
            "date_cible": i.date_cible,
        }
        mesures = sorted(i.mesures.all(), key=lambda m: m.periode)
        if not mesures:
            yield commun
        for m in mesures:
            yield {
                **commun,
                "periode": m.periode,
                "valeur": m.valeur,
                "date": m.date,
                "calculee_le": m.calculee_le,
                "commentaire": m.commentaire,
            }


def reponse_xlsx(plan: Plan):
    return reponse_export("xlsx", f"indicateurs-{plan.slug}", CHAMPS, lignes(plan))
