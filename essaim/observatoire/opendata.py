"""The observatory's open datasets: the figures by territory and vintage (the series), and the
yearly list of the ESS enterprises of each région (décret 2015-1732).

Registered in ``ObservatoireConfig.ready()``; the open-data catalogue picks them up from the
registry. Only finished vintages are open (published, and the others kept queryable — older
ones, or one staff chose not to publish); a vintage being imported or failed is not.
"""

import datetime

from django.db.models import Max, Q, Sum

from essaim.commun.ess import FamilleESS
from essaim.commun.exports import Champ
from essaim.opendata.registre import Declinaison, JeuDeDonnees, ParametresInvalides, enregistrer
from essaim.territoires.enums import Niveau

from .enums import StatutMillesime
from .models import Agregat, Millesime, TotalTerritoire
from .services import liste_ess

OUVERTS = (StatutMillesime.PUBLIE, StatutMillesime.ARCHIVE)

CHAMPS_CHIFFRES = [
    Champ("millesime", "Millésime", "Date du stock SIRENE (AAAA-MM-JJ).", "date"),
    Champ("niveau", "Niveau", "france, region, departement, epci ou commune."),
    Champ("code", "Code", "Code INSEE du territoire (SIREN pour un EPCI)."),
    Champ("territoire", "Territoire", "Nom du territoire."),
    Champ("etablissements", "Établissements actifs de l'ESS", "", "integer"),
    Champ("etablissements_employeurs", "Établissements employeurs de l'ESS", "", "integer"),
    *[Champ(f"etablissements_{f.value}", f"Établissements : {f.label}", "", "integer") for f in FamilleESS],
    Champ("etablissements_tous_secteurs", "Établissements actifs, tous secteurs", "", "integer"),
    Champ("perimetre", "Périmètre de l'ESS", "Méthode de sélection des unités légales."),
    Champ("source", "Source", ""),
    Champ("demonstration", "Données de démonstration", "Vrai pour des données synthétiques.", "boolean"),
]


def _millesimes():
    return Millesime.objects.filter(statut__in=OUVERTS, date_stock__isnull=False)


def _regions_connues() -> set[str]:
    from essaim.territoires.models import Region

    return set(Region.objects.values_list("code", flat=True))


def valider_chiffres(parametres) -> dict:
    erreurs, valeurs = {}, {}
    if region := (parametres.get("region") or "").strip():
        if region not in _regions_connues():
            erreurs["region"] = [f"Région inconnue : « {region} »."]
        valeurs["region"] = region
    if millesime := (parametres.get("millesime") or "").strip():
        try:
            valeurs["millesime"] = datetime.date.fromisoformat(millesime)
        except ValueError:
            erreurs["millesime"] = [f"Date invalide : « {millesime} » (forme attendue : AAAA-MM-JJ)."]
    if niveau := (parametres.get("niveau") or "").strip():
        if niveau not in Niveau.values:
            erreurs["niveau"] = [f"Niveau inconnu : « {niveau} » (attendu : {', '.join(Niveau.values)})."]
        valeurs["niveau"] = niveau
    if erreurs:
        raise ParametresInvalides(erreurs)
    return valeurs


def _dans_la_region(region: str) -> Q:
    from essaim.territoires.models import Commune, Departement

    communes = Commune.objects.filter(region_id=region)
    return (
        Q(niveau=Niveau.REGION, code=region)
        | Q(niveau=Niveau.DEPARTEMENT, code__in=Departement.objects.filter(region_id=region).values("code"))
        | Q(niveau=Niveau.COMMUNE, code__in=communes.values("code"))
        | Q(niveau=Niveau.EPCI, code__in=communes.exclude(epci=None).values("epci_id"))
    )


def _noms() -> dict:
    from essaim.territoires.models import EPCI, Commune, Departement, Region

    return {
        Niveau.FRANCE: {"FR": "France"},
        Niveau.REGION: dict(Region.objects.values_list("code", "nom")),
        Niveau.DEPARTEMENT: dict(Departement.objects.values_list("code", "nom")),
        Niveau.EPCI: dict(EPCI.objects.values_list("code", "nom")),
        Niveau.COMMUNE: dict(Commune.objects.values_list("code", "nom")),
    }


def lignes_chiffres(parametres):
    filtres = valider_chiffres(parametres)
    millesimes = {m.pk: m for m in _millesimes()}
    agregats = Agregat.objects.filter(millesime__in=list(millesimes))
    if "millesime" in filtres:
        agregats = agregats.filter(millesime__date_stock=filtres["millesime"])
    if "niveau" in filtres:
        agregats = agregats.filter(niveau=filtres["niveau"])
    if "region" in filtres:
        agregats = agregats.filter(_dans_la_region(filtres["region"]))
    totaux = {
        (t["millesime_id"], t["niveau"], t["code"]): t["etablissements"]
        for t in TotalTerritoire.objects.filter(millesime__in=list(millesimes)).values(
            "millesime_id", "niveau", "code", "etablissements"
        )
    }
    noms = _noms()
    courant, ligne = None, None
    requete = (
        agregats.values("millesime_id", "niveau", "code", "famille")
        .annotate(n=Sum("etablissements"), e=Sum("employeurs"))
        .order_by("millesime__date_stock", "niveau", "code", "famille")
    )
    for a in requete.iterator(chunk_size=2000):
        cle = (a["millesime_id"], a["niveau"], a["code"])
        if cle != courant:
            if ligne:
                yield ligne
            m = millesimes[a["millesime_id"]]
            courant = cle
            ligne = {
                "millesime": m.date_stock,
                "niveau": a["niveau"],
                "code": a["code"],
                "territoire": noms.get(a["niveau"], {}).get(a["code"], a["code"]),
                "etablissements": 0,
                "etablissements_employeurs": 0,
                **{f"etablissements_{f.value}": 0 for f in FamilleESS},
                "etablissements_tous_secteurs": totaux.get(cle),
                "perimetre": m.libelle_perimetre,
                "source": m.source,
                "demonstration": m.demo,
            }
        ligne["etablissements"] += a["n"] or 0
        ligne["etablissements_employeurs"] += a["e"] or 0
        ligne[f"etablissements_{a['famille']}"] = (a["n"] or 0) + ligne.get(
            f"etablissements_{a['famille']}", 0
        )
    if ligne:
        yield ligne


def mise_a_jour():
    return _millesimes().aggregate(m=Max("fin"))["m"]


def _version():
    return ",".join(
        f"{pk}:{statut}" for pk, statut in _millesimes().order_by("pk").values_list("pk", "statut")
    )


def _regions_des_millesimes() -> list[str]:
    regions = set()
    for valeur in _millesimes().values_list("regions", flat=True):
        if not valeur:
            return []  # a national vintage: the whole country
        regions.update(r.strip() for r in valeur.split(",") if r.strip())
    return sorted(regions)


def _couverture():
    dates = sorted(_millesimes().values_list("date_stock", flat=True))
    return (dates[0], dates[-1]) if dates else (None, None)


def _declinaisons_chiffres():
    from essaim.territoires.models import Region

    noms = dict(Region.objects.values_list("code", "nom"))
    if not _millesimes().exists():
        return
    debut, fin = _couverture()
    # A national vintage covers every région: one slice each.
    for region in _regions_des_millesimes() or sorted(noms):
        yield Declinaison(region, noms.get(region, region), {"region": region}, region, debut, fin)


CHIFFRES = JeuDeDonnees(
    slug="observatoire-chiffres",
    titre="Chiffres de l'ESS par territoire et millésime",
    description=(
        "Établissements actifs de l'ESS (tous, employeurs, par famille) par territoire — France, "
        "régions, départements, EPCI, communes — pour chaque millésime publié de la base SIRENE "
        "de l'INSEE : la série de l'observatoire. Filtres : ?region=32, ?niveau=departement, "
        "?millesime=2025-01-01."
    ),
    champs=CHAMPS_CHIFFRES,
    lignes=lignes_chiffres,
    mise_a_jour=mise_a_jour,
    formats=("csv", "xlsx", "json"),
    mots_cles=("économie sociale et solidaire", "ESS", "observatoire", "SIRENE", "établissements"),
    valider=valider_chiffres,
    themes=("ECON", "SOCI", "REGI"),
    frequence="ANNUAL",
    couverture_temporelle=_couverture,
    declinaisons=_declinaisons_chiffres,
    regions=_regions_des_millesimes,
    version=_version,
)


CHAMPS_LISTE = [
    Champ("annee", "Année", "Année de la liste.", "integer"),
    Champ("region", "Région", "Code INSEE de la région."),
    *liste_ess.CHAMPS,
]


def valider_liste(parametres) -> dict:
    erreurs = {}
    region = (parametres.get("region") or "").strip()
    if region and region not in _regions_connues():
        erreurs["region"] = [f"Région inconnue : « {region} »."]
    annee = (parametres.get("annee") or "").strip()
    if annee and not (annee.isdigit() and len(annee) == 4):
        erreurs["annee"] = [f"Année invalide : « {annee} » (forme attendue : AAAA)."]
    if erreurs:
        raise ParametresInvalides(erreurs)
    return {"region": region, "annee": int(annee) if annee else None}


def _listes():
    """(year, région, vintage) of every list: each year's vintage, each of its régions."""
    from essaim.territoires.models import Region

    toutes = sorted(Region.objects.values_list("code", flat=True))
    for annee in sorted(liste_ess.annees_disponibles()):
        millesime = liste_ess.millesime_de_l_annee(annee)
        if millesime is None:
            continue
        regions = [r.strip() for r in millesime.regions.split(",") if r.strip()] or toutes
        for region in regions:
            yield annee, region, millesime


def lignes_liste(parametres):
    filtres = valider_liste(parametres)
    for annee, region, millesime in _listes():
        if filtres["annee"] not in (None, annee) or filtres["region"] not in ("", region):
            continue
        for ligne in liste_ess.lignes(millesime, region):
            yield {"annee": annee, "region": region, **ligne}


def _declinaisons_liste():
    from essaim.territoires.models import Region

    noms = dict(Region.objects.values_list("code", "nom"))
    for annee, region, millesime in _listes():
        if not liste_ess.unites_de_la_region(millesime, region).exists():
            continue
        yield Declinaison(
            cle=f"{region}-{annee}",
            titre=f"{noms.get(region, region)}, {annee}",
            parametres={"region": region, "annee": str(annee)},
            region=region,
            debut=datetime.date(annee, 1, 1),
            fin=datetime.date(annee, 12, 31),
            modifie=millesime.fin,
        )


def _couverture_liste():
    annees = liste_ess.annees_disponibles()
    return (datetime.date(min(annees), 1, 1), datetime.date(max(annees), 12, 31)) if annees else (None, None)


LISTE = JeuDeDonnees(
    slug="liste-entreprises-ess",
    titre="Liste des entreprises de l'ESS (décret 2015-1732)",
    description=(
        "La liste annuelle des entreprises de l'économie sociale et solidaire de chaque région "
        "(décret n° 2015-1732 du 22 décembre 2015) : dénomination, sigle, forme juridique, "
        "adresse du siège, établissements dans la région, SIREN ; d'après un millésime de la "
        "base SIRENE. Filtres : ?region=32&annee=2025."
    ),
    champs=CHAMPS_LISTE,
    lignes=lignes_liste,
    mise_a_jour=mise_a_jour,
    formats=("csv", "xlsx", "json"),
    mots_cles=("économie sociale et solidaire", "ESS", "liste légale", "décret 2015-1732", "SIRENE"),
    valider=valider_liste,
    themes=("ECON", "GOVE", "REGI"),
    frequence="ANNUAL",
    couverture_temporelle=_couverture_liste,
    declinaisons=_declinaisons_liste,
    regions=_regions_des_millesimes,
    version=_version,
)


def enregistrer_jeux():
    enregistrer(CHIFFRES)
    enregistrer(LISTE)
