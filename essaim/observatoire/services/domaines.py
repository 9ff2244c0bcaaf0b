"""The ESS in the transition domains: the NAF rév. 2 → domain correspondence (shipped default in
``data/``, edited by staff with history) and the count of a territory's active ESS
establishments per domain. A NAF code missing from the correspondence counts as "non classé":
nothing is dropped, so the domains always sum to the territory's establishments."""

import csv
from collections import defaultdict
from pathlib import Path

from django.core.cache import cache
from django.db.models import Count

from essaim.territoires.enums import Niveau

DONNEES = Path(__file__).resolve().parent.parent / "data"
FICHIER_DOMAINES = DONNEES / "domaines_transition.csv"
FICHIER_CORRESPONDANCE = DONNEES / "correspondance_naf_domaines.csv"
NON_CLASSE = "non-classe"
LIBELLE_NON_CLASSE = "Non classé (code NAF hors de la table de correspondance ou non renseigné)"
SOURCE_CORRESPONDANCE = (
    "Table par défaut d'Essaim établie d'après la nomenclature des éco-activités (INSEE et SDES, "
    "comptes de l'économie de l'environnement) et le secteur des biens et services environnementaux "
    "d'Eurostat (EGSS, règlement (UE) n° 691/2011, classifications CEPA 2000 et CReMA), complétée "
    "des activités associées aux domaines de la transition de l'ADEME (réemploi, réparation, "
    "mobilité, alimentation) ; modifiable par l'équipe de la CRESS."
)
# A vintage's rows never change (replacing a vintage creates a new one): its counts per NAF code
# are kept a day in the cache. Counted when first read rather than at import time, so that the
# import does not pay for them (one more scan of the vintage: +10 % on the aggregation step).
DUREE_CACHE_ACTIVITES = 24 * 3600


def _lire(chemin: Path) -> list[dict]:
    with chemin.open(encoding="utf-8", newline="") as fichier:
        return list(csv.DictReader(fichier, delimiter=";"))


def charger_reference(stdout=None, domaines_modele=None, correspondance_modele=None) -> int:
    """Load the shipped default, idempotently: only the domains and codes not there yet; a row
    edited by staff is never overwritten, and a code staff deleted is not brought back."""
    from ..models import CorrespondanceNAF, DomaineTransition

    Domaine = domaines_modele or DomaineTransition
    Correspondance = correspondance_modele or CorrespondanceNAF
    domaines = {}
    for ligne in _lire(FICHIER_DOMAINES):
        domaines[ligne["code"]], _cree = Domaine.objects.get_or_create(
            code=ligne["code"],
            defaults={
                "libelle": ligne["libelle"],
                "ordre": int(ligne["ordre"]),
                "description": ligne["description"],
            },
        )
    presents = set(Correspondance.objects.values_list("code_naf", flat=True))
    supprimes = set()
    if hasattr(Correspondance, "history"):
        supprimes = set(Correspondance.history.filter(history_type="-").values_list("code_naf", flat=True))
    crees = 0
    for ligne in _lire(FICHIER_CORRESPONDANCE):
        if ligne["code_naf"] in presents or ligne["code_naf"] in supprimes:
            continue
        Correspondance.objects.create(
            code_naf=ligne["code_naf"],
            libelle_naf=ligne["libelle_naf"],
            domaine=domaines[ligne["domaine"]],
            justification=ligne["justification"],
            source="Table par défaut d'Essaim (voir essaim/observatoire/data/LISEZMOI.md)",
        )
        crees += 1
    if stdout and crees:
        stdout.write(f"    correspondance NAF → domaines de la transition : {crees} code(s) ajouté(s)")
    return crees


def correspondance() -> dict[str, str]:
    """NAF code → domain code."""
    from ..models import CorrespondanceNAF

    return dict(CorrespondanceNAF.objects.values_list("code_naf", "domaine__code"))


def version_correspondance() -> str:
    """Changes with any edit of the correspondence or of the domains (part of cache keys)."""
    from django.db.models import Max

    from ..models import CorrespondanceNAF, DomaineTransition

    c = CorrespondanceNAF.objects.aggregate(n=Count("id"), m=Max("modifie_le"))
    d = DomaineTransition.history.aggregate(n=Count("history_id"))
    return f"{c['n']}.{c['m'] and c['m'].timestamp()}.{d['n']}"


def libelles_domaines() -> dict[str, str]:
    """Domain code → label, in display order, "non classé" last."""
    from ..models import DomaineTransition

    libelles = dict(DomaineTransition.objects.values_list("code", "libelle"))
    return {**libelles, NON_CLASSE: LIBELLE_NON_CLASSE}


def par_activite(millesime, niveau: str, code: str) -> dict[str, int]:
    """Active ESS establishments of the territory per NAF code ("" when not filled in)."""
    if millesime is None:
        return {}
    cle = (
        f"observatoire:activites:{millesime.pk}:{millesime.fin and millesime.fin.timestamp()}:{niveau}:{code}"
    )
    comptes = cache.get(cle)
    if comptes is None:
        comptes = _compter_activites(millesime, niveau, code)
        cache.set(cle, comptes, DUREE_CACHE_ACTIVITES)
    return comptes


def _compter_activites(millesime, niveau: str, code: str) -> dict[str, int]:
    from ..models import Etablissement
    from .annuaire import CHAMP_ETABLISSEMENT

    etabs = Etablissement.objects.filter(millesime=millesime, active=True, dans_perimetre=True)
    if niveau != Niveau.FRANCE:
        etabs = etabs.filter(**{CHAMP_ETABLISSEMENT[niveau]: code})
        regions = _regions_du_territoire(niveau, code)
        if regions:  # narrows the scan to the (millesime, region) index
            etabs = etabs.filter(region__in=regions)
    return dict(etabs.values("activite").annotate(n=Count("id")).values_list("activite", "n"))


def _regions_du_territoire(niveau: str, code: str) -> list[str]:
    from essaim.territoires.rules import regions_du_territoire

    return sorted(regions_du_territoire(niveau, code) or [])


def par_domaine(activites: dict[str, int], table: dict[str, str] | None = None) -> dict[str, int]:
    """Domain code → establishments: every domain of the vocabulary (0 included), then
    "non classé" for the codes outside the correspondence."""
    table = correspondance() if table is None else table
    comptes = defaultdict(int)
    for activite, n in activites.items():
        comptes[table.get((activite or "").strip().upper(), NON_CLASSE)] += n
    ordre = libelles_domaines()
    return {cle: comptes.get(cle, 0) for cle in ordre} | {c: n for c, n in comptes.items() if c not in ordre}
