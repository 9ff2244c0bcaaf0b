"""INSEE's documented column names of the SIRENE stocks that the import reads."""

UL_REQUISES = [
    "siren",
    "statutDiffusionUniteLegale",
    "denominationUniteLegale",
    "sigleUniteLegale",
    "nomUniteLegale",
    "prenomUsuelUniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "trancheEffectifsUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "etatAdministratifUniteLegale",
    "caractereEmployeurUniteLegale",
    "nicSiegeUniteLegale",
]
UL_OPTIONNELLES = ["dateDernierTraitementUniteLegale", "nomUsageUniteLegale"]

ETAB_REQUISES = [
    "siren",
    "nic",
    "siret",
    "statutDiffusionEtablissement",
    "etablissementSiege",
    "codeCommuneEtablissement",
    "codePostalEtablissement",
    "numeroVoieEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "libelleCommuneEtablissement",
    "etatAdministratifEtablissement",
    "trancheEffectifsEtablissement",
    "caractereEmployeurEtablissement",
    "activitePrincipaleEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
    "enseigne1Etablissement",
    "denominationUsuelleEtablissement",
]
ETAB_OPTIONNELLES = [
    "indiceRepetitionEtablissement",
    "complementAdresseEtablissement",
    "codePaysEtrangerEtablissement",
    "dateDernierTraitementEtablissement",
]

# Columns that identify each INSEE file, to name the file a user gave by mistake.
SIGNATURES = {
    "StockUniteLegale": {"categorieJuridiqueUniteLegale", "economieSocialeSolidaireUniteLegale"},
    "StockEtablissement": {"siret", "codeCommuneEtablissement", "etablissementSiege"},
    "StockUniteLegaleHistorique": {"dateFin", "changementEtatAdministratifUniteLegale"},
    "StockEtablissementHistorique": {"dateFin", "changementEtatAdministratifEtablissement"},
    "StockEtablissementLiensSuccession": {"siretEtablissementPredecesseur", "siretEtablissementSuccesseur"},
    "StockDoublons": {"sirenDoublon"},
}


def reconnaitre(entetes: list[str]) -> str | None:
    """Name of the INSEE stock whose signature columns the header has (historical files first)."""
    ensemble = set(entetes)
    for nom in sorted(SIGNATURES, key=lambda n: "Historique" not in n and "Liens" not in n):
        if SIGNATURES[nom] <= ensemble:
            return nom
    return None


def verifier_entetes(entetes: list[str], attendu: str, requises: list[str], nom_fichier: str):
    """Raise ErreurSirene with a French message when the header is not the expected stock's."""
    from .lecture import ErreurSirene

    reconnu = reconnaitre(entetes)
    if reconnu and reconnu != attendu:
        raise ErreurSirene(
            f"Le fichier « {nom_fichier} » a l'en-tête du fichier INSEE {reconnu}, "
            f"alors que le fichier {attendu} est attendu ici."
        )
    manquantes = [c for c in requises if c not in entetes]
    if manquantes:
        raise ErreurSirene(
            f"Colonne(s) obligatoire(s) absente(s) du fichier « {nom_fichier} » ({attendu}) : "
            + ", ".join(manquantes)
            + "."
        )


# Columns actually parsed (pyarrow converts only these; the others are only tokenised).
UL_LUES = [*UL_REQUISES, "dateDernierTraitementUniteLegale"]
ETAB_LUES = [
    *(c for c in ETAB_REQUISES if c != "nic"),
    "indiceRepetitionEtablissement",
    "complementAdresseEtablissement",
]
