"""Key figures of a territory, read from the aggregates precomputed at import time.

Every result carries its source, vintage and perimeter: pages, exports and the API show them
next to each figure.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum

from essaim.commun.ess import FamilleESS
from essaim.territoires.enums import Niveau

from ..enums import GROUPES_TRANCHES, SECTIONS_NAF, emplois_tranche, groupe_tranche
from ..models import Agregat, Millesime, TotalTerritoire
from .millesimes import millesime_publie
from .territoires import CODE_FRANCE, nom_territoire, region_du_territoire

NIVEAUX = [n.value for n in Niveau]


class TerritoireInvalide(ValueError):
    """A territory reference that does not parse or does not exist (French message)."""


def analyser_territoire(valeur: str) -> tuple[str, str]:
    """Parse ``niveau:code`` (``france`` alone allowed) and check the territory exists."""
    valeur = (valeur or "").strip()
    if not valeur:
        raise TerritoireInvalide(
            "Paramètre « territoire » manquant (forme attendue : niveau:code, ex. departement:59)."
        )
    niveau, _sep, code = valeur.partition(":")
    niveau, code = niveau.strip().lower(), code.strip().upper()
    if niveau not in NIVEAUX:
        raise TerritoireInvalide(
            f"Niveau de territoire inconnu : « {niveau} » (attendu : {', '.join(NIVEAUX)})."
        )
    if niveau == Niveau.FRANCE:
        code = code or CODE_FRANCE
    if not code:
        raise TerritoireInvalide(f"Code manquant pour le niveau « {niveau} » (ex. {niveau}:59).")
    if nom_territoire(niveau, code) is None:
        aucun = {"region": "aucune région", "departement": "aucun département", "epci": "aucun EPCI"}
        raise TerritoireInvalide(
            f"Territoire inconnu : {aucun.get(niveau, 'aucune commune')} de code « {code} »."
        )
    return niveau, code


def regions_importees(millesime: Millesime) -> list[str]:
    """Codes of the régions a vintage was restricted to; [] means the whole of France."""
    return [r for r in (millesime.regions or "").split(",") if r]


def couvre(millesime: Millesime, niveau: str, code: str) -> bool:
    """Whether the vintage imported this territory: a restricted import says nothing about the
    régions it left out (no "0 établissements" there), nor about France as a whole."""
    regions = regions_importees(millesime)
    if not regions:
        return True
    if niveau == Niveau.FRANCE:
        return False
    return region_du_territoire(niveau, code) in regions


@dataclass
class Chiffres:
    niveau: str
    code: str
    nom: str
    millesime: Millesime | None
    etablissements: int = 0
    employeurs: int = 0
    par_famille: dict = field(default_factory=dict)
    par_section: dict = field(default_factory=dict)
    par_tranche: dict = field(default_factory=dict)
    emplois_min: int = 0
    emplois_max: int = 0
    emplois_estimes: int = 0
    tous_etablissements: int | None = None
    tous_employeurs: int | None = None
    _par_domaine: dict | None = None

    @property
    def par_domaine_tee(self) -> dict:
        """Transition domain → active establishments ("non-classe" included: sums to the total)."""
        if self._par_domaine is None:
            from .domaines import par_activite, par_domaine

            self._par_domaine = par_domaine(par_activite(self.millesime, self.niveau, self.code))
        return self._par_domaine

    @property
    def part_ess(self) -> float | None:
        if not self.tous_etablissements:
            return None
        return self.etablissements / self.tous_etablissements

    @property
    def part_ess_employeurs(self) -> float | None:
        if not self.tous_employeurs:
            return None
        return self.employeurs / self.tous_employeurs

    @property
    def source(self) -> str:
        return self.millesime.source if self.millesime else ""

    @property
    def perimetre(self) -> str:
        return self.millesime.libelle_perimetre if self.millesime else ""

    def as_api(self) -> dict:
        m = self.millesime
        return {
            "territoire": {"niveau": self.niveau, "code": self.code, "nom": self.nom},
            "source": self.source,
            "millesime": m.date_stock.isoformat() if m and m.date_stock else None,
            "perimetre": self.perimetre,
            "donnees_de_demonstration": bool(m and m.demo),
            "etablissements": self.etablissements,
            "etablissements_employeurs": self.employeurs,
            "par_famille": self.par_famille,
            "par_section_naf": self.par_section,
            "par_domaine_tee": self.par_domaine_tee,
            "par_tranche_effectifs": self.par_tranche,
            "emplois_salaries_estimes": {
                "estimation": self.emplois_estimes,
                "minimum": self.emplois_min,
                "maximum": self.emplois_max,
                "methode": "Estimation à partir des tranches d'effectifs salariés des établissements "
                "(centre de chaque tranche) ; ce n'est pas un comptage d'emplois.",
            },
            "part_ess": {
                "etablissements_actifs_tous_secteurs": self.tous_etablissements,
                "part_etablissements": round(self.part_ess, 4) if self.part_ess is not None else None,
                "employeurs_tous_secteurs": self.tous_employeurs,
                "part_employeurs": round(self.part_ess_employeurs, 4)
                if self.part_ess_employeurs is not None
                else None,
            },
        }


def calculer(niveau: str, code: str, millesime: Millesime | None = None) -> Chiffres:
    millesime = millesime or millesime_publie()
    c = Chiffres(niveau, code, nom_territoire(niveau, code) or code, millesime)
    c.par_famille = {f.value: 0 for f in FamilleESS}
    if millesime is None:
        return c
    par_section, par_tranche = defaultdict(int), defaultdict(int)
    lignes = Agregat.objects.filter(millesime=millesime, niveau=niveau, code=code).values_list(
        "famille", "section", "tranche", "etablissements", "employeurs"
    )
    for famille, section, tranche, n, e in lignes:
        c.etablissements += n
        c.employeurs += e
        c.par_famille[famille] = c.par_famille.get(famille, 0) + n
        par_section[section or "?"] += n
        par_tranche[tranche or "NN"] += n
        bas, haut, centre = emplois_tranche(tranche)
        c.emplois_min += bas * n
        c.emplois_max += haut * n
        c.emplois_estimes += round(centre * n)
    c.par_section = dict(sorted(par_section.items(), key=lambda kv: -kv[1]))
    c.par_tranche = dict(sorted(par_tranche.items()))
    total = TotalTerritoire.objects.filter(millesime=millesime, niveau=niveau, code=code).first()
    if total:
        c.tous_etablissements, c.tous_employeurs = total.etablissements, total.employeurs
    return c


def par_groupe_tranche(chiffres: Chiffres) -> list[tuple[str, str, int]]:
    cumul = defaultdict(int)
    for tranche, n in chiffres.par_tranche.items():
        cumul[groupe_tranche(tranche)] += n
    return [(cle, str(libelle), cumul.get(cle, 0)) for cle, libelle, _codes in GROUPES_TRANCHES]


def libelle_section(lettre: str) -> str:
    if lettre in SECTIONS_NAF:
        return f"{lettre} — {SECTIONS_NAF[lettre][0]}"
    return "Activité non renseignée"


def enfants(niveau: str, code: str, millesime: Millesime | None, niveau_enfant: str) -> list[dict]:
    """Figures of the territories one level down (départements of a région, EPCI of a
    département...), from the aggregates, with the ESS share when the denominator exists."""
    from essaim.territoires.models import Commune, Departement

    if millesime is None:
        return []
    if niveau_enfant == Niveau.REGION:
        from essaim.territoires.models import Region

        codes = dict(Region.objects.values_list("code", "nom"))
    elif niveau_enfant == Niveau.DEPARTEMENT:
        filtre = {} if niveau == Niveau.FRANCE else {"region_id": code}
        codes = dict(Departement.objects.filter(**filtre).values_list("code", "nom"))
    elif niveau_enfant == Niveau.EPCI:
        filtre = {"region_id": code} if niveau == Niveau.REGION else {"departement_id": code}
        codes = dict(
            Commune.objects.filter(**filtre, epci__isnull=False)
            .values_list("epci_id", "epci__nom")
            .distinct()
        )
    else:
        champ = {Niveau.EPCI: "epci_id", Niveau.DEPARTEMENT: "departement_id", Niveau.REGION: "region_id"}[
            niveau
        ]
        codes = dict(Commune.objects.filter(**{champ: code}, parent__isnull=True).values_list("code", "nom"))
    sommes = (
        Agregat.objects.filter(millesime=millesime, niveau=niveau_enfant, code__in=list(codes))
        .values("code")
        .annotate(n=Sum("etablissements"), e=Sum("employeurs"))
    )
    totaux = dict(
        TotalTerritoire.objects.filter(
            millesime=millesime, niveau=niveau_enfant, code__in=list(codes)
        ).values_list("code", "etablissements")
    )
    valeurs = {s["code"]: (s["n"], s["e"]) for s in sommes}
    lignes = []
    for c, nom in codes.items():
        n, e = valeurs.get(c, (0, 0))
        tous = totaux.get(c)
        lignes.append(
            {
                "niveau": niveau_enfant,
                "code": c,
                "nom": nom,
                "etablissements": n,
                "employeurs": e,
                "tous_etablissements": tous,
                "part_ess": (n / tous) if tous else None,
            }
        )
    return sorted(lignes, key=lambda ligne: (-ligne["etablissements"], ligne["nom"]))
