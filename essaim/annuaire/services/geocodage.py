"""Geocoding of places (BAN) and enrichment of records (API Recherche d'entreprises), with
graceful offline fallbacks: the place falls back to its commune and waits "à géocoder", the
record waits "à enrichir"; ``manage.py reessayer_services`` retries later."""

from django.utils import timezone

from ..enums import EtatEnrichissement, EtatGeocodage
from ..providers import ban, recherche_entreprises
from ..providers.transport import Indisponible

SOURCE_API = "recherche-entreprises"


def coordonnees_commune(commune) -> tuple[float, float] | None:
    """The commune's point from the territories data (or its parent's, for a municipal
    arrondissement without one): the offline fallback when the BAN cannot place an address."""
    for candidate in (commune, getattr(commune, "parent", None) if commune is not None else None):
        if candidate is not None and candidate.latitude is not None and candidate.longitude is not None:
            return candidate.latitude, candidate.longitude
    return None


def geocoder_lieu(lieu, enregistrer: bool = True) -> str:
    """Geocode a place; returns its new ``etat_geocodage``."""
    try:
        resultat = ban.geocoder(lieu.adresse, lieu.code_postal, lieu.commune_id or "")
    except Indisponible:
        resultat, etat = None, EtatGeocodage.A_GEOCODER
    else:
        etat = EtatGeocodage.GEOCODE if resultat else EtatGeocodage.ECHEC
    if resultat:
        lieu.latitude, lieu.longitude, lieu.score_geocodage = (
            resultat.latitude,
            resultat.longitude,
            resultat.score,
        )
    else:
        repli = coordonnees_commune(lieu.commune)
        if repli and (lieu.latitude is None or etat == EtatGeocodage.ECHEC):
            lieu.latitude, lieu.longitude = repli
        lieu.score_geocodage = None
    lieu.etat_geocodage = etat
    if enregistrer:
        lieu.save()
    return etat


def chercher_entreprises(q: str, limite: int = 5):
    """(results, available): the API's matches, or ([], False) when it is unreachable."""
    try:
        return recherche_entreprises.rechercher(q, limite=limite), True
    except Indisponible:
        return [], False


def entreprise_par_siret(siret: str):
    """(Entreprise | None, available)."""
    try:
        return recherche_entreprises.par_siret(siret), True
    except Indisponible:
        return None, False


def valeurs_depuis_entreprise(entreprise) -> dict:
    """Form initial values from an API result (only what the API knows)."""
    from essaim.territoires.services import commune_par_code

    commune = commune_par_code(entreprise.code_commune) if entreprise.code_commune else None
    valeurs = {
        "nom": entreprise.nom.title() if entreprise.nom.isupper() else entreprise.nom,
        "sigle": entreprise.sigle,
        "siret": entreprise.siret,
        "rna": entreprise.rna,
        "categorie_juridique": entreprise.categorie_juridique,
        "naf": entreprise.naf,
        "tranche_effectifs": entreprise.tranche_effectifs
        if entreprise.tranche_effectifs not in ("", "null")
        else "",
        "lieu_adresse": entreprise.adresse.title() if entreprise.adresse.isupper() else entreprise.adresse,
        "lieu_code_postal": entreprise.code_postal,
        "lieu_commune": commune.libelle if commune else "",
    }
    return {cle: valeur for cle, valeur in valeurs.items() if valeur}


CHAMPS_ENRICHIS = ["sigle", "rna", "categorie_juridique", "naf", "tranche_effectifs"]


def enrichir_structure(structure) -> str:
    """Fill the record's empty fields from the API (never overwriting what people typed)."""
    if not structure.siret:
        structure.etat_enrichissement = EtatEnrichissement.SANS_OBJET
        structure.save(update_fields=["etat_enrichissement", "modifie_le"])
        return structure.etat_enrichissement
    entreprise, disponible = entreprise_par_siret(structure.siret)
    if not disponible:
        structure.etat_enrichissement = EtatEnrichissement.A_ENRICHIR
        structure.save(update_fields=["etat_enrichissement", "modifie_le"])
        return structure.etat_enrichissement
    if entreprise:
        date = timezone.localdate().isoformat()
        for champ in CHAMPS_ENRICHIS:
            valeur = getattr(entreprise, champ)
            if (
                valeur
                and not getattr(structure, champ)
                and len(str(valeur)) <= structure._meta.get_field(champ).max_length
            ):
                setattr(structure, champ, valeur)
                structure.provenance[champ] = {"source": SOURCE_API, "date": date}
    structure.etat_enrichissement = EtatEnrichissement.ENRICHI
    structure.save()
    return structure.etat_enrichissement
