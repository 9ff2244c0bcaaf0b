"""The yearly list of the ESS enterprises of a région (décret 2015-1732): name, acronym, legal
form, head-office address, establishments in the région, SIREN.

Computed from one stored vintage only, so the list of a given year is reproducible."""

from collections import defaultdict

from essaim.commun.exports import Champ

from ..enums import CATEGORIES_JURIDIQUES, StatutMillesime
from ..models import Etablissement, Millesime, UniteLegale

NON_DIFFUSIBLE = "Non diffusible (diffusion partielle au répertoire SIRENE)"

CHAMPS = [
    Champ("siren", "SIREN"),
    Champ("denomination", "Dénomination"),
    Champ("sigle", "Sigle"),
    Champ("forme_juridique", "Forme juridique"),
    Champ("famille", "Famille de l'ESS"),
    Champ("adresse_siege", "Adresse du siège"),
    Champ("code_postal_siege", "Code postal du siège"),
    Champ("commune_siege", "Commune du siège"),
    Champ("nombre_etablissements_region", "Établissements dans la région", type="integer"),
    Champ("etablissements_region", "Établissements dans la région (SIRET — commune)"),
]


def millesime_de_l_annee(annee: int, millesime_id: int | None = None) -> Millesime | None:
    qs = Millesime.objects.filter(
        statut__in=[StatutMillesime.PUBLIE, StatutMillesime.ARCHIVE], date_stock__year=annee
    )
    if millesime_id:
        qs = qs.filter(pk=millesime_id)
    return qs.order_by("-date_stock", "-fin").first()


def annees_disponibles() -> list[int]:
    dates = Millesime.objects.filter(
        statut__in=[StatutMillesime.PUBLIE, StatutMillesime.ARCHIVE], date_stock__isnull=False
    ).values_list("date_stock", flat=True)
    return sorted({d.year for d in dates}, reverse=True)


def forme_juridique(code: str) -> str:
    libelle = CATEGORIES_JURIDIQUES.get(code)
    return f"{code} — {libelle}" if libelle else code


def unites_de_la_region(millesime: Millesime, region: str):
    """Legal units with at least one active establishment in the région, by name (a queryset:
    the page paginates it in the database)."""
    dans_la_region = Etablissement.objects.filter(
        millesime=millesime, region=region, active=True, dans_perimetre=True
    ).values("siren")
    return UniteLegale.objects.filter(millesime=millesime, siren__in=dans_la_region).order_by(
        "denomination", "siren"
    )


def lignes(millesime: Millesime, region: str, unites=None, taille_lot: int = 1000):
    """One dict per legal unit (décret columns), streamed by batches of ``taille_lot`` units."""
    unites = (
        unites
        if unites is not None
        else unites_de_la_region(millesime, region).iterator(chunk_size=taille_lot)
    )
    lot = []
    for ul in unites:
        lot.append(ul)
        if len(lot) >= taille_lot:
            yield from _lignes_lot(millesime, region, lot)
            lot = []
    yield from _lignes_lot(millesime, region, lot)


def _lignes_lot(millesime: Millesime, region: str, unites: list):
    if not unites:
        return
    sirens = [ul.siren for ul in unites]
    par_siren = defaultdict(list)
    for siren, siret, commune in (
        Etablissement.objects.filter(
            millesime=millesime, region=region, active=True, dans_perimetre=True, siren__in=sirens
        )
        .order_by("siret")
        .values_list("siren", "siret", "libelle_commune")
    ):
        par_siren[siren].append(f"{siret} — {commune}")
    sieges = {
        e["siren"]: e
        for e in Etablissement.objects.filter(millesime=millesime, siege=True, siren__in=sirens).values(
            "siren", "adresse", "code_postal", "libelle_commune"
        )
    }
    for ul in unites:
        siege = sieges.get(ul.siren, {})
        yield {
            "siren": ul.siren,
            "denomination": ul.denomination if ul.diffusible else NON_DIFFUSIBLE,
            "sigle": ul.sigle if ul.diffusible else "",
            "forme_juridique": forme_juridique(ul.categorie_juridique),
            "famille": ul.get_famille_display(),
            "adresse_siege": siege.get("adresse", "") if ul.diffusible else "",
            "code_postal_siege": siege.get("code_postal", ""),
            "commune_siege": siege.get("libelle_commune", ""),
            "nombre_etablissements_region": len(par_siren[ul.siren]),
            "etablissements_region": " | ".join(par_siren[ul.siren]),
        }
