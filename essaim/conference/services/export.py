"""Export of an edition's workshops through the one export engine, in the columns of the
import file (so an export can be edited and re-imported)."""

from essaim.commun.exports import Champ

from .carte import position
from .chiffres import ateliers_de, participants_atelier

CHAMPS = [
    Champ("organisateurs", "organisateurs", "Structures organisatrices, séparées par « ; »"),
    Champ("intitule", "intitule", "Intitulé de l'atelier"),
    Champ(
        "transitions",
        "transitions",
        "ecologique, sociale, economique, organisationnelle (séparées par « ; »)",
    ),
    Champ("date", "date", "AAAA-MM-JJ, ou AAAA-MM quand seul le mois est connu"),
    Champ("commune", "commune", "Commune (nom)"),
    Champ("departement", "departement", "Code du département, vide en visio ou inconnu"),
    Champ("format", "format", "presentiel ou visio"),
    Champ("participants", "participants", "Nombre de participants, vide si inconnu", type="integer"),
    Champ("code_commune", "code_commune", "Code INSEE de la commune"),
    Champ("url", "url", "Page de l'atelier"),
]


def lignes_ateliers(conference, url_de=lambda a: a.get_absolute_url()):
    for atelier in ateliers_de(conference):
        date = ""
        if atelier.date:
            date = atelier.mois if atelier.precision_date == "mois" else atelier.date.isoformat()
        departement = atelier.commune.departement_id if atelier.commune_id else (atelier.departement_id or "")
        yield {
            "organisateurs": ";".join(atelier.liste_organisateurs()),
            "intitule": atelier.intitule,
            "transitions": ";".join(atelier.transitions),
            "date": date,
            "commune": atelier.commune.nom if atelier.commune_id else "",
            "departement": departement,
            "format": atelier.format,
            "participants": participants_atelier(atelier),
            "code_commune": atelier.commune_id or "",
            "url": url_de(atelier),
            "_position": position(atelier),
        }
