"""The directory's dataset: published structures, read from the map/search index."""

from essaim.carte import lecture
from essaim.commun import naf
from essaim.commun.exports import Champ

from .registre import Declinaison, JeuDeDonnees, enregistrer

CHAMPS_STRUCTURES = [
    Champ("id", "Identifiant", "Identifiant stable de la structure dans l'annuaire.", "integer"),
    Champ("nom", "Nom", "Raison sociale ou nom d'usage."),
    Champ("sigle", "Sigle", "Sigle ou acronyme."),
    Champ(
        "famille", "Famille de l'ESS", "association, cooperative, mutuelle, fondation ou societe_commerciale."
    ),
    Champ("siren", "SIREN", "Numéro SIREN (9 chiffres)."),
    Champ("siret", "SIRET", "SIRET du siège (14 chiffres)."),
    Champ("rna", "RNA", "Numéro du répertoire national des associations (W + 9 chiffres)."),
    Champ("categorie_juridique", "Catégorie juridique", "Code INSEE à 4 chiffres."),
    Champ("naf", "Code NAF", "Activité principale (nomenclature NAF rév. 2)."),
    Champ("naf_libelle", "Activité", "Libellé INSEE du code NAF."),
    Champ("themes", "Thèmes", "Codes des thèmes de transition, séparés par « | »."),
    Champ("transitions", "Transitions", "Codes des transitions, séparés par « | »."),
    Champ("agrements", "Statuts et agréments", "Codes des agréments, séparés par « | »."),
    Champ("commune", "Code commune", "Code INSEE de la commune du lieu principal."),
    Champ("commune_nom", "Commune", "Nom de la commune."),
    Champ("code_postal", "Code postal", ""),
    Champ("epci", "EPCI", "SIREN de l'EPCI."),
    Champ("departement", "Département", "Code INSEE du département."),
    Champ("region", "Région", "Code INSEE de la région."),
    Champ("latitude", "Latitude", "WGS84, degrés décimaux.", "number"),
    Champ("longitude", "Longitude", "WGS84, degrés décimaux.", "number"),
    Champ("site_web", "Site web", "", "string"),
    Champ("url", "Fiche", "Adresse de la fiche publique."),
    Champ("modifie_le", "Modifiée le", "Date de dernière modification de la fiche.", "datetime"),
]


def _lignes_structures(parametres):
    from django.conf import settings

    site = settings.SITE_URL.rstrip("/")
    filtres = lecture.lire_filtres(parametres)
    for r in lecture.iterer(filtres):
        yield {
            **r,
            "id": r["structure_id"],
            "themes": [t for t in r["themes"].split(",") if t],
            "transitions": [t for t in r["transitions"].split(",") if t],
            "agrements": [t for t in r["agrements"].split(",") if t],
            "url": f"{site}{r['url']}" if r["url"] else "",
            "naf_libelle": naf.libelle(r["naf"]),
        }


def _mise_a_jour_structures():
    return lecture.etat_index()[1]


def _version_structures():
    return lecture.etat_index()[0]


def _regions_structures() -> list[tuple[str, str]]:
    """(INSEE code, name) of the régions that have published records."""
    comptes = lecture.facettes(lecture.Filtres())["facettes"].get("region", [])
    return sorted((f["valeur"], f["libelle"]) for f in comptes)


def _declinaisons_structures():
    for code, nom in _regions_structures():
        yield Declinaison(cle=code, titre=nom, parametres={"region": code}, region=code)


def _couverture_structures():
    # The directory is the current state of the records: its coverage ends at the last update.
    derniere = lecture.etat_index()[1]
    return None, derniere.date() if derniere else None


def _coordonnees(ligne):
    if ligne.get("latitude") is None or ligne.get("longitude") is None:
        return None
    return ligne["longitude"], ligne["latitude"]


STRUCTURES = enregistrer(
    JeuDeDonnees(
        slug="structures",
        titre="Structures de l'ESS engagées dans les transitions",
        description=(
            "Les structures publiées dans l'annuaire collaboratif : identité, famille de l'ESS, "
            "thèmes et transitions, agréments, localisation du lieu principal."
        ),
        champs=CHAMPS_STRUCTURES,
        lignes=_lignes_structures,
        mise_a_jour=_mise_a_jour_structures,
        coordonnees=_coordonnees,
        mots_cles=("économie sociale et solidaire", "ESS", "transition écologique", "annuaire"),
        valider=lecture.lire_filtres,
        themes=("SOCI", "ECON", "ENVI"),
        frequence="CONT",
        declinaisons=_declinaisons_structures,
        couverture_temporelle=_couverture_structures,
        regions=lambda: [code for code, _nom in _regions_structures()],
        version=_version_structures,
    )
)
