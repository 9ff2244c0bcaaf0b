"""Territory lookups for the import and the pages: commune code → (commune, EPCI, département, région)."""

from functools import lru_cache

from essaim.commun.normalisation import cle_tri
from essaim.territoires.enums import Niveau
from essaim.territoires.models import EPCI, AncienCode, Commune, Departement, Region

CODE_FRANCE = "FR"
# No SIRENE establishments and no permanent population: the TAAF and Clipperton are left out of
# the observatory's lists of régions.
REGIONS_HORS_OBSERVATOIRE = ("984", "989")


def regions_observatoire() -> list[Region]:
    """The régions the observatory lists, in French alphabetical order."""
    return sorted(Region.objects.exclude(code__in=REGIONS_HORS_OBSERVATOIRE), key=lambda r: cle_tri(r.nom))


def region_du_territoire(niveau: str, code: str) -> str | None:
    if niveau == Niveau.REGION:
        return code
    return next((c for n, c in territoires_englobants(niveau, code) if n == Niveau.REGION), None)


def carte_communes() -> dict[str, tuple[str, str, str, str]]:
    """Every code SIRENE may carry → (current commune, EPCI, département, région).

    Municipal arrondissements (751xx, 6938x, 132xx) roll up to their commune; former codes
    (merged communes) follow AncienCode to today's commune.
    """
    lignes = {
        code: (code, epci or "", dep, reg, parent)
        for code, epci, dep, reg, parent in Commune.objects.values_list(
            "code", "epci_id", "departement_id", "region_id", "parent_id"
        )
    }
    carte = {}
    for code, (_c, epci, dep, reg, parent) in lignes.items():
        if parent and parent in lignes:
            p = lignes[parent]
            carte[code] = (parent, p[1], p[2], p[3])
        else:
            carte[code] = (code, epci, dep, reg)
    for ancien, actuel in AncienCode.objects.values_list("code", "commune_id"):
        if ancien not in carte and actuel in carte:
            carte[ancien] = carte[actuel]
    return carte


def departements() -> dict[str, str]:
    return dict(Departement.objects.values_list("code", "region_id"))


def departement_du_code(code_commune: str, deps: dict[str, str]) -> str:
    """Département of an unknown commune code from its prefix (97x overseas, 2A/2B Corsica)."""
    for longueur in (3, 2):
        if code_commune[:longueur] in deps:
            return code_commune[:longueur]
    return ""


@lru_cache(maxsize=4096)
def _nom(niveau: str, code: str) -> str | None:
    modele = {
        Niveau.REGION: Region,
        Niveau.DEPARTEMENT: Departement,
        Niveau.EPCI: EPCI,
        Niveau.COMMUNE: Commune,
    }
    if niveau == Niveau.FRANCE:
        return "France" if code == CODE_FRANCE else None
    if niveau not in modele:
        return None
    return modele[niveau].objects.filter(code=code).values_list("nom", flat=True).first()


def nom_territoire(niveau: str, code: str) -> str | None:
    return _nom(niveau, code)


def territoires_englobants(niveau: str, code: str) -> list[tuple[str, str]]:
    """The territories enclosing this one, nearest first, ending with France."""
    englobants = []
    if niveau == Niveau.COMMUNE:
        commune = Commune.objects.filter(code=code).values("epci_id", "departement_id", "region_id").first()
        if commune:
            if commune["epci_id"]:
                englobants.append((Niveau.EPCI, commune["epci_id"]))
            englobants += [
                (Niveau.DEPARTEMENT, commune["departement_id"]),
                (Niveau.REGION, commune["region_id"]),
            ]
    elif niveau == Niveau.EPCI:
        # An EPCI may straddle départements: take the département of most of its communes.
        communes = Commune.objects.filter(epci_id=code, parent__isnull=True)
        dep = communes.values_list("departement_id", flat=True).first()
        if dep:
            englobants.append((Niveau.DEPARTEMENT, dep))
            englobants.append((Niveau.REGION, Departement.objects.get(code=dep).region_id))
    elif niveau == Niveau.DEPARTEMENT:
        region = Departement.objects.filter(code=code).values_list("region_id", flat=True).first()
        if region:
            englobants.append((Niveau.REGION, region))
    if niveau != Niveau.FRANCE:
        englobants.append((Niveau.FRANCE, CODE_FRANCE))
    return englobants
