"""Series over the imported SIRENE vintages: one point per vintage with that stock's own
figures (the same as the figures API gives for that vintage), the warnings when the perimeter
or the method changed between two vintages, and the series of the aggregated figures received
from other sources. The flat table of every territory × vintage is the open dataset
``observatoire-chiffres`` (opendata.py)."""

from collections import defaultdict

from django.db.models import Sum

from essaim.commun.ess import FamilleESS

from ..models import Agregat, ChiffreImporte, Millesime, TotalTerritoire
from .millesimes import millesimes_importes
from .territoires import nom_territoire

FAMILLES = [f.value for f in FamilleESS]


def _point(m: Millesime, valeurs: dict, total: int | None) -> dict:
    par_famille = {f: valeurs.get(f, (0, 0))[0] for f in FAMILLES}
    n = sum(v[0] for v in valeurs.values())
    return {
        "millesime": m.date_stock.isoformat(),
        "etablissements": n,
        "etablissements_employeurs": sum(v[1] for v in valeurs.values()),
        "par_famille": par_famille,
        "etablissements_actifs_tous_secteurs": total,
        "part_ess": round(n / total, 4) if total else None,
        "publie": m.statut == "publie",
        "source": m.source,
        "perimetre": m.libelle_perimetre,
    }


def changements(millesimes: list[Millesime]) -> list[dict]:
    """Between two consecutive vintages: what changed in the perimeter, the method or the source
    (figures are then not comparable as they stand)."""
    avertissements = []
    for avant, apres in zip(millesimes, millesimes[1:], strict=False):
        motifs = []
        if avant.perimetre != apres.perimetre:
            motifs.append(
                "méthode de sélection de l'ESS : "
                f"{avant.get_perimetre_display()} → {apres.get_perimetre_display()}"
            )
        if avant.regions != apres.regions:
            de, a = avant.regions or "toute la France", apres.regions or "toute la France"
            motifs.append(f"régions importées : {de} → {a}")
        if avant.source != apres.source:
            motifs.append(f"source : {avant.source} → {apres.source}")
        if motifs:
            avertissements.append(
                {"de": avant.date_stock.isoformat(), "a": apres.date_stock.isoformat(), "motifs": motifs}
            )
    return avertissements


def millesimes_du_territoire(niveau: str, code: str) -> list[Millesime]:
    """The imported vintages that cover the territory (a vintage restricted to some régions says
    nothing about the others: it is left out of their series rather than shown as zero)."""
    from .chiffres import couvre

    return [m for m in millesimes_importes() if couvre(m, niveau, code)]


def serie(niveau: str, code: str, avec_chiffres_importes: bool = True, avec_domaines: bool = False) -> dict:
    millesimes = millesimes_du_territoire(niveau, code)
    valeurs = defaultdict(dict)
    lignes = (
        Agregat.objects.filter(millesime__in=millesimes, niveau=niveau, code=code)
        .values("millesime_id", "famille")
        .annotate(n=Sum("etablissements"), e=Sum("employeurs"))
    )
    for ligne in lignes:
        valeurs[ligne["millesime_id"]][ligne["famille"]] = (ligne["n"], ligne["e"])
    totaux = dict(
        TotalTerritoire.objects.filter(millesime__in=millesimes, niveau=niveau, code=code).values_list(
            "millesime_id", "etablissements"
        )
    )
    resultat = {
        "territoire": {"niveau": niveau, "code": code, "nom": nom_territoire(niveau, code) or code},
        "series": [_point(m, valeurs[m.pk], totaux.get(m.pk)) for m in millesimes],
        "changements": changements(millesimes),
        "chiffres_importes": series_chiffres_importes(niveau, code) if avec_chiffres_importes else [],
    }
    if avec_domaines:  # transition domains of each vintage (counted once per vintage, cached)
        from .domaines import correspondance, par_activite, par_domaine

        table = correspondance()
        for m, point in zip(millesimes, resultat["series"], strict=True):
            point["par_domaine_tee"] = par_domaine(par_activite(m, niveau, code), table)
    return resultat


def series_chiffres_importes(niveau: str, code: str) -> list[dict]:
    """Aggregated figures received from other sources, one series per source (never summed
    across sources), one point per year and vintage of the source: the all-families row when
    the file has one, else the sum of its family rows."""
    par_point = defaultdict(lambda: {"ensemble": None, "familles": {}})
    for c in ChiffreImporte.objects.filter(niveau=niveau, code=code, secteur=""):
        point = par_point[(c.source, c.annee, c.millesime)]
        valeurs = {
            "etablissements_employeurs": c.etablissements_employeurs,
            "emplois": c.emplois,
            "etp": float(c.etp) if c.etp is not None else None,
            "masse_salariale": int(c.masse_salariale) if c.masse_salariale is not None else None,
        }
        if c.famille:
            point["familles"][c.famille] = valeurs
        else:
            point["ensemble"] = valeurs
    sources = defaultdict(list)
    for (source, annee, millesime), point in sorted(par_point.items(), key=lambda kv: kv[0]):
        ensemble = point["ensemble"] or {
            cle: _somme(v.get(cle) for v in point["familles"].values())
            for cle in ("etablissements_employeurs", "emplois", "etp", "masse_salariale")
        }
        sources[source].append(
            {"annee": annee, "millesime": millesime, **ensemble, "par_famille": point["familles"]}
        )
    return [{"source": source, "series": points} for source, points in sources.items()]


def _somme(valeurs):
    connues = [v for v in valeurs if v is not None]
    return sum(connues) if connues else None
