"""Reading a record's history (author, date, diff) and reverting to a past version (staff)."""

from django.db import transaction

from essaim.commun import historique, naf
from essaim.territoires.models import EPCI, Commune, Departement, Region

from ..models import Agrement, Structure, Theme, Transition
from .historisation import une_seule_entree
from .moderation import ActionInterdite

IGNORES = {"version", "provenance", "rappel_envoye_le", "publiee_le", "a_controler", "etat_enrichissement"}
M2M = {
    "themes": (Theme, "theme"),
    "transitions": (Transition, "transition"),
    "agrements": (Agrement, "agrement"),
    "territoire_communes": (Commune, "commune"),
    "territoire_epcis": (EPCI, "epci"),
    "territoire_departements": (Departement, "departement"),
    "territoire_regions": (Region, "region"),
}
RESTAURABLES = [
    "nom",
    "sigle",
    "description",
    "siren",
    "siret",
    "rna",
    "categorie_juridique",
    "famille",
    "famille_forcee",
    "statut",
    "naf",
    "tranche_effectifs",
    "site_web",
    "email_public",
    "telephone",
    "reseaux_sociaux",
]


def _valeur(champ, valeur):
    """The directory's own wording: a NAF code with its label (else the generic rules)."""
    if champ == "naf" and valeur:
        return naf.avec_libelle(valeur)
    return None


def entrees(structure: Structure, limite: int = 100) -> list[dict]:
    """Newest first: {enregistrement, date, auteur, type, raison, changements[{libelle, avant, apres}]}."""
    return historique.entrees(structure, IGNORES, valeur=_valeur, limite=limite)


@transaction.atomic
def restaurer(structure: Structure, history_id: int, par) -> Structure:
    """Bring back the values of a past version (a new history entry records the revert)."""
    if not par.has_perm("annuaire.restaurer_version", structure):
        raise ActionInterdite("Seule l'équipe de la CRESS de la région peut restaurer une version.")
    ancienne = structure.history.get(history_id=history_id)
    raison = f"Restauration de la version du {ancienne.history_date:%d/%m/%Y %H:%M}"
    with une_seule_entree(structure, par, raison):
        for champ in RESTAURABLES:
            setattr(structure, champ, getattr(ancienne, champ))
        structure.version += 1
        structure.save()
        for champ, (_modele, cle) in M2M.items():
            getattr(structure, champ).set(
                [getattr(ligne, f"{cle}_id") for ligne in getattr(ancienne, champ).all()]
            )
    return structure
