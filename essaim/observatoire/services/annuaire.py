"""Figures that cross the observatory with the directory (essaim.annuaire): coverage rate of the
directory against the SIRENE ESS perimeter, and directory structures by transition theme.

Guarded: the observatory works when the directory app is absent, not migrated, or empty."""

from django.apps import apps
from django.db import DatabaseError

from essaim.territoires.enums import Niveau

from ..models import Etablissement, Millesime

CHAMP_ETABLISSEMENT = {
    Niveau.REGION: "region",
    Niveau.DEPARTEMENT: "departement",
    Niveau.EPCI: "epci",
    Niveau.COMMUNE: "commune",
}
CHAMP_STRUCTURE = {
    Niveau.REGION: "region_id",
    Niveau.DEPARTEMENT: "commune__departement_id",
    Niveau.EPCI: "commune__epci_id",
    Niveau.COMMUNE: "commune_id",
}


def _structures(niveau: str, code: str):
    try:
        Structure = apps.get_model("annuaire", "Structure")
    except LookupError:
        return None
    qs = Structure.objects.filter(statut="publiee")
    if niveau in CHAMP_STRUCTURE:
        qs = qs.filter(**{CHAMP_STRUCTURE[niveau]: code})
    return qs


def couverture(
    niveau: str, code: str, millesime: Millesime | None, total_sirene: int | None = None
) -> dict | None:
    """Share of the territory's SIRENE ESS establishments that have a published directory record
    (matched by SIRET), and the directory records with no match in the perimeter."""
    structures = _structures(niveau, code)
    if structures is None or millesime is None:
        return None
    try:
        sirets = set(structures.exclude(siret="").values_list("siret", flat=True))
        total_annuaire = structures.count()
    except DatabaseError:
        return None
    etabs = Etablissement.objects.filter(millesime=millesime, active=True, dans_perimetre=True)
    if niveau in CHAMP_ETABLISSEMENT:
        etabs = etabs.filter(**{CHAMP_ETABLISSEMENT[niveau]: code})
    if total_sirene is None:
        total_sirene = etabs.count()
    apparies = etabs.filter(siret__in=sirets).count() if sirets else 0
    return {
        "fiches_annuaire": total_annuaire,
        "fiches_avec_siret": len(sirets),
        "etablissements_sirene": total_sirene,
        "apparies": apparies,
        "taux": (apparies / total_sirene) if total_sirene else None,
    }


def structures_par_theme(niveau: str, code: str) -> list[dict]:
    """Published directory records of the territory by declared transition theme, read from the
    directory's index through carte.lecture (the only way in from outside ``carte``)."""
    try:
        from essaim.carte import lecture
    except ImportError:
        return []
    parametres = {niveau: [code]} if niveau in CHAMP_STRUCTURE else {}
    try:
        comptes = lecture.facettes(lecture.lire_filtres(parametres))["facettes"].get("theme", [])
    except (lecture.FiltresInvalides, DatabaseError):
        return []
    return [{"theme": f["libelle"], "structures": f["count"]} for f in comptes]
