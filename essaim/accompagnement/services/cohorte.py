"""The cohort dashboard of a call: its laureates, progress, late milestones and results against
the forecast, computed from the data (never stored), and its XLSX export."""

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.commun.exports import Champ

from ..enums import ACTIONS_TERMINEES, NatureSuivi, Periode
from ..models import Action, Suivi
from .suivis import avancement, comparaison, indicateurs


def suivis_de_l_appel(appel, qs=None):
    qs = Suivi.objects.all() if qs is None else qs
    return (
        qs.filter(nature=NatureSuivi.LAUREAT, candidature__appel=appel)
        .select_related("candidature__appel", "candidature__candidat", "accompagnateur", "structure")
        .prefetch_related(
            "resultats", "conventions", Prefetch("actions", queryset=Action.objects.order_by("echeance"))
        )
        .order_by("titre")
    )


def tableau_cohorte(appel, suivis) -> dict:
    aujourd_hui = timezone.localdate()
    questions = indicateurs(appel)
    lignes = []
    totaux = {q["cle"]: {"prevu": 0, "realise": 0, "declares": 0} for q in questions}
    for suivi in suivis:
        jalons = [a for a in suivi.actions.all() if a.jalon]
        en_retard = [
            a for a in suivi.actions.all() if a.statut not in ACTIONS_TERMINEES and a.echeance < aujourd_hui
        ]
        comparaisons = {c["cle"]: c for c in comparaison(suivi)}
        for cle, c in comparaisons.items():
            if isinstance(c["prevu"], int | float):
                totaux[cle]["prevu"] += c["prevu"]
            if c["dernier"] is not None:
                totaux[cle]["realise"] += c["dernier"]
                totaux[cle]["declares"] += 1
        conventions = list(suivi.conventions.all())
        lignes.append(
            {
                "suivi": suivi,
                "avancement": avancement(suivi),
                "jalons": len(jalons),
                "jalons_faits": sum(a.statut == "faite" for a in jalons),
                "en_retard": en_retard,
                "periodes": sorted(r.periode for r in suivi.resultats.all()),
                "comparaisons": [comparaisons[q["cle"]] for q in questions],
                "montant": sum((c.montant or 0) for c in conventions) if conventions else None,
            }
        )
    return {
        "questions": questions,
        "lignes": lignes,
        "totaux": [{**q, **totaux[q["cle"]]} for q in questions],
        "nombre": len(lignes),
        "jalons_en_retard": sum(len(ligne["en_retard"]) for ligne in lignes),
        "avec_resultats": sum(bool(ligne["periodes"]) for ligne in lignes),
    }


def champs_export(appel) -> list[Champ]:
    champs = [
        Champ("laureat", _("Lauréat")),
        Champ("structure", _("Structure")),
        Champ("accompagnateur", _("Accompagnateur·rice")),
        Champ("statut", _("Statut du suivi")),
        Champ("montant", _("Montant conventionné (€)"), type="number"),
        Champ("avancement", _("Jalons faits (%)"), type="integer"),
        Champ("jalons_en_retard", _("Jalons et actions en retard"), type="integer"),
        Champ("periodes", _("Résultats déclarés")),
    ]
    for q in indicateurs(appel):
        champs.append(Champ(f"prevu_{q['cle']}", _("%(l)s — prévu") % {"l": q["libelle"]}, type="number"))
        for p in Periode:
            champs.append(Champ(f"{p.value}_{q['cle']}", f"{q['libelle']} — {p.label}", type="number"))
    return champs


def lignes_export(tableau):
    for ligne in tableau["lignes"]:
        suivi = ligne["suivi"]
        sortie = {
            "laureat": suivi.titre,
            "structure": suivi.candidature.nom_structure if suivi.candidature_id else "",
            "accompagnateur": str(suivi.accompagnateur or ""),
            "statut": str(suivi.get_statut_display()),
            "montant": float(ligne["montant"]) if ligne["montant"] is not None else None,
            "avancement": ligne["avancement"],
            "jalons_en_retard": len(ligne["en_retard"]),
            "periodes": ", ".join(str(Periode(p).label) for p in ligne["periodes"]),
        }
        for c in ligne["comparaisons"]:
            sortie[f"prevu_{c['cle']}"] = c["prevu"]
            for p, valeur in zip(Periode.values, c["valeurs"], strict=True):
                sortie[f"{p}_{c['cle']}"] = valeur
        yield sortie
