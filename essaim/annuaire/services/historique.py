"""Reading a record's history (author, date, diff) and reverting to a past version (staff)."""

import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils.translation import gettext as _

from essaim.commun import naf
from essaim.commun.dates import date_longue
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
TYPES = {"+": "Création", "~": "Modification", "-": "Suppression"}


def _libelle(champ):
    try:
        return str(Structure._meta.get_field(champ).verbose_name).capitalize()
    except Exception:
        return champ


def _valeur(champ, valeur):
    """A stored value in words: labels of choices and related objects, local dates, Oui/Non."""
    if champ in M2M:
        modele, cle = M2M[champ]
        ids = [ligne[cle] for ligne in valeur or []]
        return ", ".join(str(o) for o in modele.objects.filter(pk__in=ids)) or "—"
    if valeur in (None, "", {}, []):
        return "—"
    if isinstance(valeur, bool):
        return _("Oui") if valeur else _("Non")
    if champ == "naf":
        return naf.avec_libelle(valeur)
    if isinstance(valeur, datetime.date):
        return date_longue(valeur, avec_heure=True)
    try:
        champ_modele = Structure._meta.get_field(champ)
    except FieldDoesNotExist:
        return str(valeur)
    if champ_modele.choices:
        return str(dict(champ_modele.flatchoices).get(valeur, valeur))
    if champ_modele.many_to_one:
        objet = champ_modele.related_model.objects.filter(pk=valeur).first()
        return str(objet) if objet is not None else str(valeur)
    return str(valeur)


def entrees(structure: Structure, limite: int = 100) -> list[dict]:
    """Newest first: {enregistrement, date, auteur, type, raison, changements[{libelle, avant, apres}]}."""
    versions = list(
        structure.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limite + 1
        ]
    )
    resultat = []
    for i, version in enumerate(versions[:limite]):
        precedente = versions[i + 1] if i + 1 < len(versions) else None
        changements = []
        if precedente is not None:
            for c in version.diff_against(precedente).changes:
                if c.field not in IGNORES:
                    changements.append(
                        {
                            "libelle": _libelle(c.field),
                            "avant": _valeur(c.field, c.old),
                            "apres": _valeur(c.field, c.new),
                        }
                    )
        resultat.append(
            {
                "enregistrement": version,
                "date": version.history_date,
                "auteur": version.history_user,
                "type": "Création"
                if precedente is None and i == len(versions) - 1
                else TYPES.get(version.history_type, version.history_type),
                "raison": version.history_change_reason or "",
                "changements": changements,
            }
        )
    return resultat


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
