"""The "mes données" export made readable: sections, labelled fields, formatted dates.

Works on the same dict as the JSON download (``rgpd.exporter``): what the page shows is
exactly what the file holds, in words."""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.commun.dates import date_longue

from . import rgpd

# Labels of the keys the apps' exports use (an unknown key falls back to its own words).
LIBELLES = {
    "email": gettext_lazy("Adresse e-mail"),
    "prenom": gettext_lazy("Prénom"),
    "nom": gettext_lazy("Nom"),
    "organisation": gettext_lazy("Organisation"),
    "role": gettext_lazy("Rôle"),
    "regions": gettext_lazy("Régions"),
    "inscrit_le": gettext_lazy("Inscrit·e le"),
    "derniere_connexion": gettext_lazy("Dernière connexion"),
    "adresses_email": gettext_lazy("Adresses e-mail"),
    "verifiee": gettext_lazy("Vérifiée"),
    "principale": gettext_lazy("Principale"),
    "fiches_gerees": gettext_lazy("Fiches que je gère"),
    "structure": gettext_lazy("Structure"),
    "depuis_le": gettext_lazy("Depuis le"),
    "demandes_de_gestion": gettext_lazy("Demandes de gestion"),
    "fonction": gettext_lazy("Fonction"),
    "message": gettext_lazy("Message"),
    "statut": gettext_lazy("Statut"),
    "le": gettext_lazy("Le"),
    "signalements": gettext_lazy("Signalements"),
    "motif": gettext_lazy("Motif"),
    "commentaire": gettext_lazy("Commentaire"),
    "modifications_proposees": gettext_lazy("Modifications proposées"),
    "donnees": gettext_lazy("Données"),
    "appel": gettext_lazy("Appel"),
    "type_candidat": gettext_lazy("Type de candidat"),
    "decision": gettext_lazy("Décision"),
    "message_decision": gettext_lazy("Message accompagnant la décision"),
    "reponses": gettext_lazy("Réponses"),
    "pieces_jointes": gettext_lazy("Pièces jointes"),
    "deposee_le": gettext_lazy("Déposée le"),
    "candidature": gettext_lazy("Candidature"),
    "avis": gettext_lazy("Avis"),
    "note": gettext_lazy("Note"),
    "inscriptions_ateliers": gettext_lazy("Inscriptions aux ateliers"),
    "atelier": gettext_lazy("Atelier"),
    "present": gettext_lazy("Présent·e"),
    "consentement_le": gettext_lazy("Consentement donné le"),
    "conserve_jusqu_au": gettext_lazy("Conservé jusqu'au"),
    "ateliers_organises": gettext_lazy("Ateliers organisés"),
    "fiches_de_synthese_deposees": gettext_lazy("Fiches de synthèse déposées"),
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATE_HEURE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


@dataclass
class Champ:
    libelle: str
    valeur: str = ""
    # A nested list of groups of fields (a list of dicts), or one group (a dict).
    groupes: list[list["Champ"]] = field(default_factory=list)


@dataclass
class Section:
    cle: str
    titre: str
    champs: list[Champ]


def libelle(cle) -> str:
    return str(LIBELLES.get(cle, str(cle).replace("_", " ").capitalize()))


def texte(valeur, choix: dict | None = None) -> str:
    """One scalar value in words: labels for codes, localized dates (Europe/Paris), Oui/Non."""
    if valeur is None or valeur == "" or valeur == []:
        return "—"
    if isinstance(valeur, bool):
        return _("Oui") if valeur else _("Non")
    if isinstance(valeur, str):
        if choix and valeur in choix:
            return str(choix[valeur])
        if _DATE_HEURE.match(valeur):
            try:
                moment = datetime.datetime.fromisoformat(valeur)
            except ValueError:
                return valeur
            return date_longue(moment, avec_heure=True)
        if _DATE.match(valeur):
            try:
                return date_longue(datetime.date.fromisoformat(valeur))
            except ValueError:
                return valeur
        return valeur
    if isinstance(valeur, int | float):
        return formats.number_format(valeur, force_grouping=True)
    return str(valeur)


def champs(donnees: dict, choix: dict) -> list[Champ]:
    resultat = []
    for cle, valeur in donnees.items():
        codes = choix.get(cle)
        if isinstance(valeur, dict):
            resultat.append(
                Champ(libelle(cle), groupes=[champs(valeur, choix)] if valeur else [], valeur="—")
            )
        elif isinstance(valeur, list) and any(isinstance(v, dict) for v in valeur):
            groupes = [champs(v, choix) if isinstance(v, dict) else [Champ("", texte(v))] for v in valeur]
            resultat.append(Champ(libelle(cle), groupes=groupes))
        elif isinstance(valeur, list):
            resultat.append(Champ(libelle(cle), ", ".join(texte(v, codes) for v in valeur) or "—"))
        else:
            resultat.append(Champ(libelle(cle), texte(valeur, codes)))
    return resultat


def sections(user) -> list[Section]:
    """The user's data, one section per app, as labelled fields."""
    resultat = []
    for cle, donnees in rgpd.exporter(user).items():
        choix = rgpd.CHOIX.get(cle, {})
        titre = str(rgpd.TITRES.get(cle, libelle(cle)))
        if isinstance(donnees, dict):
            contenu = champs(donnees, choix)
        else:
            contenu = [Champ(titre, groupes=[champs(d, choix) for d in donnees if isinstance(d, dict)])]
        resultat.append(Section(cle, titre, contenu))
    return resultat
