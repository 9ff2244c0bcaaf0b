"""API Recherche d'entreprises (https://recherche-entreprises.api.gouv.fr, public, no key).

``rechercher(q)`` returns typed ``Entreprise`` results or raises ``Indisponible``.
"""

from dataclasses import dataclass, field

from . import transport
from .transport import Indisponible

URL = "https://recherche-entreprises.api.gouv.fr/search"
__all__ = ["URL", "Entreprise", "Indisponible", "par_siret", "rechercher"]


@dataclass
class Entreprise:
    siren: str
    nom: str
    siret: str = ""
    sigle: str = ""
    categorie_juridique: str = ""
    naf: str = ""
    tranche_effectifs: str = ""
    adresse: str = ""
    code_postal: str = ""
    code_commune: str = ""
    libelle_commune: str = ""
    latitude: float | None = None
    longitude: float | None = None
    est_ess: bool = False
    est_siae: bool = False
    est_association: bool = False
    rna: str = ""
    etablissements: list = field(default_factory=list)


def _flottant(valeur):
    try:
        return float(valeur) if valeur not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _adresse_voie(siege: dict) -> str:
    parties = [siege.get(c) for c in ("numero_voie", "indice_repetition", "type_voie", "libelle_voie")]
    voie = " ".join(p for p in parties if p)
    return voie or (siege.get("adresse") or "").split(str(siege.get("code_postal") or "@@"))[0].strip(" ,")


def _entreprise(resultat: dict) -> Entreprise:
    siege = resultat.get("siege") or {}
    complements = resultat.get("complements") or {}
    return Entreprise(
        siren=resultat.get("siren") or "",
        nom=resultat.get("nom_raison_sociale") or resultat.get("nom_complet") or "",
        siret=siege.get("siret") or "",
        sigle=resultat.get("sigle") or "",
        categorie_juridique=str(resultat.get("nature_juridique") or ""),
        naf=resultat.get("activite_principale") or siege.get("activite_principale") or "",
        tranche_effectifs=resultat.get("tranche_effectif_salarie") or "",
        adresse=_adresse_voie(siege),
        code_postal=siege.get("code_postal") or "",
        code_commune=siege.get("commune") or "",
        libelle_commune=siege.get("libelle_commune") or "",
        latitude=_flottant(siege.get("latitude")),
        longitude=_flottant(siege.get("longitude")),
        est_ess=bool(complements.get("est_ess")),
        est_siae=bool(complements.get("est_siae")),
        est_association=bool(complements.get("est_association")),
        rna=complements.get("identifiant_association") or "",
        etablissements=resultat.get("matching_etablissements") or [],
    )


def rechercher(q: str, limite: int = 5) -> list[Entreprise]:
    """Search by name, SIREN or SIRET. Raises Indisponible when the service is unreachable."""
    donnees = transport.get_json(URL, {"q": q, "page": 1, "per_page": limite})
    if not isinstance(donnees, dict) or "results" not in donnees:
        raise Indisponible("réponse inattendue")
    return [_entreprise(r) for r in donnees["results"][:limite]]


def par_siret(siret: str) -> Entreprise | None:
    for entreprise in rechercher(siret, limite=1):
        if entreprise.siren == siret[:9]:
            for etab in entreprise.etablissements:
                if etab.get("siret") == siret and etab.get("siret") != entreprise.siret:
                    entreprise.siret = siret
                    entreprise.adresse = _adresse_voie(etab)
                    entreprise.code_postal = etab.get("code_postal") or entreprise.code_postal
                    entreprise.code_commune = etab.get("commune") or entreprise.code_commune
                    entreprise.latitude = _flottant(etab.get("latitude"))
                    entreprise.longitude = _flottant(etab.get("longitude"))
            return entreprise
    return None
