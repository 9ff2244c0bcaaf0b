"""Creating and editing records: snapshots, diffs, optimistic locking, pre/post-moderation."""

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from essaim.commun import naf
from essaim.commun.fichiers import stockage_prive
from essaim.commun.permissions import peut
from essaim.commun.statuts import changer_statut
from essaim.commun.texte import html_vers_markdown
from essaim.territoires.models import EPCI, Commune, Departement, Region

from .. import courriels
from ..enums import EtatEnrichissement, ModeModeration, RoleGestion, StatutStructure
from ..models import (
    Agrement,
    Gestion,
    Lieu,
    ModificationEnAttente,
    ReglageRegion,
    Structure,
    Theme,
    Transition,
)
from . import geocodage
from .historisation import une_seule_entree

CHAMPS_SIMPLES = [
    "nom",
    "sigle",
    "description",
    "siret",
    "rna",
    "categorie_juridique",
    "naf",
    "tranche_effectifs",
    "site_web",
    "email_public",
    "telephone",
]
CHAMPS_M2M = {
    "themes": Theme,
    "transitions": Transition,
    "agrements": Agrement,
    "territoire_regions": Region,
    "territoire_departements": Departement,
    "territoire_epcis": EPCI,
    "territoire_communes": Commune,
}
CHAMPS_LIEU = {"lieu_adresse": "adresse", "lieu_code_postal": "code_postal", "lieu_horaires": "horaires"}
LIBELLES_EXTRA = {
    "reseaux_sociaux": "Réseaux sociaux",
    "lieu_adresse": "Adresse",
    "lieu_code_postal": "Code postal",
    "lieu_commune": "Commune",
    "lieu_horaires": "Horaires",
    "logo": "Logo",
}
TAILLE_LOGO = (600, 600)


class ConflitEdition(Exception):
    """Someone saved the record since the form was opened."""

    def __init__(self, structure):
        self.structure = structure
        super().__init__(
            "Cette fiche a été modifiée par quelqu'un d'autre pendant que vous la modifiiez "
            f"(version {structure.version}). Vos saisies sont conservées ci-dessous : vérifiez "
            "les informations actuelles, puis enregistrez à nouveau."
        )


def mode_moderation(region_code: str | None) -> str:
    reglage = ReglageRegion.objects.filter(region_id=region_code).first() if region_code else None
    return reglage.mode_moderation if reglage else ModeModeration.A_PRIORI


# --- Snapshots and diffs -----------------------------------------------------------------


def instantane(structure: Structure) -> dict:
    """The editable content of a record as JSON-serialisable values (the shape of pending edits)."""
    donnees = {champ: getattr(structure, champ) or "" for champ in CHAMPS_SIMPLES}
    donnees["reseaux_sociaux"] = structure.reseaux_sociaux or {}
    if structure.pk:
        for champ in CHAMPS_M2M:
            donnees[champ] = sorted(getattr(structure, champ).values_list("code", flat=True))
        lieu = structure.lieu_principal
    else:
        donnees.update({champ: [] for champ in CHAMPS_M2M})
        lieu = None
    for cle, attribut in CHAMPS_LIEU.items():
        donnees[cle] = getattr(lieu, attribut) if lieu else ""
    donnees["lieu_commune"] = lieu.commune_id if lieu else ""
    donnees["logo"] = structure.logo.name if structure.logo else ""
    return donnees


def libelle_champ(champ: str) -> str:
    if champ in LIBELLES_EXTRA:
        return LIBELLES_EXTRA[champ]
    return str(Structure._meta.get_field(champ).verbose_name).capitalize()


def _affichage(champ, valeur) -> str:
    if champ in CHAMPS_M2M:
        modele = CHAMPS_M2M[champ]
        libelles = {o.code: str(o) for o in modele.objects.filter(code__in=valeur or [])}
        return ", ".join(libelles.get(code, code) for code in valeur or []) or "—"
    if champ == "lieu_commune" and valeur:
        commune = Commune.objects.filter(code=valeur).first()
        return commune.libelle if commune else valeur
    if champ == "naf" and valeur:
        return naf.avec_libelle(valeur)
    if champ == "description" and valeur:
        return html_vers_markdown(valeur)  # moderators compare what people typed, not tags
    if champ == "reseaux_sociaux":
        return ", ".join(f"{k} : {v}" for k, v in (valeur or {}).items()) or "—"
    return str(valeur) if valeur not in (None, "") else "—"


def differences(avant: dict, apres: dict) -> list[dict]:
    """[{champ, libelle, avant, apres}] for every field whose value changes."""
    lignes = []
    for champ, valeur in apres.items():
        ancienne = avant.get(champ, "")
        if (sorted(ancienne) if isinstance(ancienne, list) else ancienne) == (
            sorted(valeur) if isinstance(valeur, list) else valeur
        ):
            continue
        if (ancienne or "") == (valeur or ""):
            continue
        lignes.append(
            {
                "champ": champ,
                "libelle": libelle_champ(champ),
                "avant": _affichage(champ, ancienne),
                "apres": _affichage(champ, valeur),
            }
        )
    return lignes


# --- Applying values ---------------------------------------------------------------------


def preparer_logo(fichier) -> ContentFile:
    """Resize to at most 600×600 and re-encode (drops EXIF and anything hidden in the file)."""
    from PIL import ImageOps

    from ..validators import ouvrir_image

    with ouvrir_image(fichier) as image:  # refuses an image above the pixel budget
        image = ImageOps.exif_transpose(image)
        image.thumbnail(TAILLE_LOGO)
        sortie = io.BytesIO()
        if image.mode in ("RGBA", "LA", "P"):
            image.convert("RGBA").save(sortie, "PNG", optimize=True)
            extension = "png"
        else:
            image.convert("RGB").save(sortie, "JPEG", quality=85, optimize=True)
            extension = "jpg"
    base = slugify(getattr(fichier, "name", "logo").rsplit(".", 1)[0])[:40] or "logo"
    return ContentFile(sortie.getvalue(), name=f"{base}.{extension}")


# Logos proposed in pending edits wait in the private storage: not public before a moderator
# approves them (then they are copied to the record's public logo).
LOGOS_EN_ATTENTE = "annuaire/logos-en-attente/"


def stocker_logo_en_attente(fichier) -> str:
    """Store a logo proposed in a pending edit; its path goes into the edit's data."""
    contenu = preparer_logo(fichier)
    return stockage_prive().save(f"{LOGOS_EN_ATTENTE}{contenu.name}", contenu)


def _publier_logo_en_attente(structure: Structure, nom: str):
    prive = stockage_prive()
    with prive.open(nom, "rb") as fichier:
        structure.logo.save(nom.rsplit("/", 1)[-1], File(fichier), save=False)
    transaction.on_commit(lambda: prive.delete(nom))


def appliquer(structure: Structure, donnees: dict, auteur=None, logo=None) -> Structure:
    """Write snapshot-shaped values into the record and its main place, then geocode."""
    for champ in CHAMPS_SIMPLES:
        if champ in donnees:
            setattr(structure, champ, donnees[champ] or "")
    if "reseaux_sociaux" in donnees:
        structure.reseaux_sociaux = donnees["reseaux_sociaux"] or {}
    if logo is not None:
        contenu = preparer_logo(logo)
        structure.logo.save(contenu.name, contenu, save=False)
    elif (donnees.get("logo") or "").startswith(LOGOS_EN_ATTENTE):
        _publier_logo_en_attente(structure, donnees["logo"])
    elif donnees.get("logo") and donnees["logo"] != structure.logo.name:
        structure.logo.name = donnees["logo"]
    with une_seule_entree(structure, auteur):
        for champ, modele in CHAMPS_M2M.items():
            if champ in donnees:
                getattr(structure, champ).set(modele.objects.filter(code__in=donnees[champ]))
        if any(cle in donnees for cle in (*CHAMPS_LIEU, "lieu_commune")):
            _appliquer_lieu(structure, donnees)
    return structure


def _appliquer_lieu(structure, donnees):
    lieu = structure.lieu_principal or Lieu(structure=structure, principal=True)
    avant = (lieu.adresse, lieu.code_postal, lieu.commune_id)
    for cle, attribut in CHAMPS_LIEU.items():
        if cle in donnees:
            setattr(lieu, attribut, donnees[cle] or "")
    lieu.commune_id = donnees.get("lieu_commune") or lieu.commune_id
    if not lieu.commune_id:
        return
    lieu.principal = True
    if lieu.pk is None or avant != (lieu.adresse, lieu.code_postal, lieu.commune_id):
        geocodage.geocoder_lieu(lieu, enregistrer=False)
    lieu.save()


# --- Flows -------------------------------------------------------------------------------


def ajouter_gestionnaire(structure: Structure, utilisateur, role=RoleGestion.EDITEUR) -> Gestion:
    """Link a person to a record; a plain visitor account becomes a "gestionnaire de structure"."""
    from essaim.comptes.enums import Role

    gestion, _cree = Gestion.objects.get_or_create(
        structure=structure, utilisateur=utilisateur, defaults={"role": role}
    )
    if utilisateur.role == Role.VISITEUR:
        utilisateur.role = Role.GESTIONNAIRE
        utilisateur.save(update_fields=["role"])
    return gestion


@transaction.atomic
def creer_structure(donnees: dict, auteur, *, logo=None, enrichir=True) -> Structure:
    """Self-registration: the author becomes the manager; the record awaits moderation
    (pre-moderated région) or is published and flagged for a later check (post-moderation)."""
    commune = Commune.objects.get(code=donnees["lieu_commune"])
    post = mode_moderation(commune.region_id) == ModeModeration.A_POSTERIORI
    structure = Structure(
        statut=StatutStructure.PUBLIEE if post else StatutStructure.EN_ATTENTE,
        a_controler=post,
        cree_par=auteur,
        confirme_le=timezone.now(),
        source="inscription",
    )
    appliquer(structure, donnees, auteur, logo=logo)
    Gestion.objects.get_or_create(
        structure=structure, utilisateur=auteur, defaults={"role": RoleGestion.RESPONSABLE}
    )
    courriels.prevenir_staff(
        structure, "une fiche publiée à contrôler" if post else "une nouvelle fiche à modérer"
    )
    if enrichir and structure.siret:
        geocodage.enrichir_structure(structure)
    elif not structure.siret:
        structure.etat_enrichissement = EtatEnrichissement.SANS_OBJET
    return structure


@dataclass
class ResultatModification:
    appliquee: bool
    modification: ModificationEnAttente | None = None
    changements: list | None = None


def enregistrer_modification(structure: Structure, donnees: dict, auteur, version: int, logo=None):
    """Save an edit with optimistic locking. Owners of a published record in a pre-moderated
    région produce a pending edit; staff, drafts and post-moderated régions apply directly."""
    structure.refresh_from_db()
    if structure.version != version:
        raise ConflitEdition(structure)
    changements = differences(instantane(structure), donnees)
    if not changements and logo is None:
        return ResultatModification(appliquee=True, changements=[])
    direct = (
        peut(auteur, "annuaire.moderer_structure", structure)
        or structure.statut != StatutStructure.PUBLIEE
        or mode_moderation(structure.region_code) == ModeModeration.A_POSTERIORI
    )
    if not direct:
        # Only the changed fields: approving later must not undo someone else's edit.
        proposees = {ligne["champ"]: donnees[ligne["champ"]] for ligne in changements}
        if logo is not None:
            proposees["logo"] = stocker_logo_en_attente(logo)
        modification = ModificationEnAttente.objects.create(
            structure=structure, auteur=auteur, donnees=proposees, version_base=version
        )
        return ResultatModification(appliquee=False, modification=modification, changements=changements)
    with transaction.atomic():
        # The conditional UPDATE is the lock: of two concurrent saves, one matches no row.
        if not Structure.objects.filter(pk=structure.pk, version=version).update(version=F("version") + 1):
            raise ConflitEdition(Structure.objects.get(pk=structure.pk))
        structure.version = version + 1
        if structure.statut == StatutStructure.PUBLIEE and not peut(
            auteur, "annuaire.moderer_structure", structure
        ):
            structure.a_controler = True
        structure.confirme_le = timezone.now()
        appliquer(structure, donnees, auteur, logo=logo)
    return ResultatModification(appliquee=True, changements=changements)


def soumettre(structure: Structure, auteur) -> Structure:
    """A draft (new or rejected) goes back to the moderation queue."""
    if structure.statut == StatutStructure.BROUILLON:
        changer_statut(structure, StatutStructure.EN_ATTENTE, par=auteur)
    return structure


def confirmer(structure: Structure, auteur) -> Structure:
    """An owner confirms the information is still accurate (freshness badge)."""
    structure.confirme_le = timezone.now()
    structure.rappel_envoye_le = None
    structure._history_user = auteur
    structure.save(update_fields=["confirme_le", "rappel_envoye_le", "modifie_le"])
    return structure
