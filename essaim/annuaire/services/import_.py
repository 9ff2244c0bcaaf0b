"""Import of structures through the shared engine (essaim.commun.imports): idempotent upsert
by SIRET, else by source id; per-field provenance; places left "à géocoder" (the retry
command geocodes them in batch, outside the import)."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone

from essaim.commun.imports import Colonne, Importeur, Resultat, lire_tableau
from essaim.commun.lots import lot
from essaim.commun.normalisation import normaliser_nom
from essaim.commun.permissions import dans_le_perimetre
from essaim.commun.taches import tache
from essaim.territoires.services import commune_par_code, rechercher_communes

from .. import validators
from ..enums import EtatGeocodage, StatutStructure, TrancheEffectifs
from ..models import Agrement, ImportStructures, Lieu, Structure, Theme, Transition
from ..rules import structures_gerables
from . import geocodage


def _commune(valeur):
    commune = commune_par_code(valeur.strip())
    if commune:
        return commune
    candidates = list(rechercher_communes(valeur, limite=5))
    exactes = [c for c in candidates if c.nom_recherche == normaliser_nom(valeur)]
    if len(candidates) == 1 or len(exactes) == 1:
        return exactes[0] if exactes else candidates[0]
    if candidates:
        raise ValidationError(
            f"commune ambiguë, précisez le code INSEE ({', '.join(c.libelle for c in candidates)})"
        )
    raise ValidationError(f"commune « {valeur} » inconnue (code INSEE ou nom attendu)")


def _coordonnee(borne):
    def nettoyer(valeur):
        try:
            nombre = float(valeur.replace(",", "."))
        except ValueError:
            raise ValidationError(f"« {valeur} » n'est pas un nombre décimal")
        if not -borne <= nombre <= borne:
            raise ValidationError(f"« {valeur} » hors des bornes (±{borne})")
        return nombre

    return nettoyer


def _url(valeur):
    url = valeur if "://" in valeur else f"https://{valeur}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValidationError(f"« {valeur} » n'est pas une adresse web valide")
    return url


def _email(valeur):
    try:
        EmailValidator()(valeur)
    except ValidationError:
        raise ValidationError(f"« {valeur} » n'est pas une adresse e-mail valide")
    return valeur.lower()


def _tranche(valeur):
    code = valeur.strip().zfill(2) if valeur.strip().isdigit() else valeur.strip().upper()
    if code not in TrancheEffectifs.values:
        raise ValidationError(f"tranche d'effectifs « {valeur} » inconnue (codes INSEE : NN, 00, 01, 02…)")
    return code


def _vocabulaire(modele, nom):
    def nettoyer(valeur):
        morceaux = [m.strip() for m in valeur.replace("|", ";").replace(",", ";").split(";") if m.strip()]
        connus = {o.code.lower(): o.code for o in modele.objects.all()}
        connus.update({o.libelle.lower(): o.code for o in modele.objects.all()})
        codes, inconnus = [], []
        for morceau in morceaux:
            code = connus.get(morceau.lower())
            (codes if code else inconnus).append(code or morceau)
        if inconnus:
            raise ValidationError(f"{nom} inconnu(s) : {', '.join(inconnus)}")
        return sorted(set(codes))

    return nettoyer


COLONNES_STRUCTURE = [
    Colonne("nom", "Nom", obligatoire=True, alias=("raison sociale", "denomination", "nom de la structure")),
    Colonne("siret", "SIRET", alias=("siret siege", "numero siret"), nettoyer=validators.valider_siret),
    Colonne("source_id", "Identifiant source", alias=("id", "identifiant")),
    Colonne("sigle", "Sigle"),
    Colonne("rna", "RNA", alias=("numero rna",), nettoyer=validators.valider_rna),
    Colonne(
        "categorie_juridique",
        "Catégorie juridique",
        alias=("cj", "categorie juridique insee"),
        nettoyer=validators.valider_categorie_juridique,
    ),
    Colonne("naf", "NAF", alias=("code naf", "ape", "code ape"), nettoyer=validators.valider_naf),
    Colonne("tranche_effectifs", "Tranche d'effectifs", alias=("effectifs",), nettoyer=_tranche),
    Colonne("description", "Description", alias=("presentation",)),
    Colonne("site_web", "Site web", alias=("site", "url", "site internet"), nettoyer=_url),
    Colonne("email_public", "E-mail", alias=("email", "courriel", "mail"), nettoyer=_email),
    Colonne("telephone", "Téléphone", alias=("tel",)),
    Colonne("adresse", "Adresse", alias=("adresse postale", "voie")),
    Colonne("code_postal", "Code postal", alias=("cp",), nettoyer=validators.valider_code_postal),
    Colonne(
        "commune",
        "Commune",
        obligatoire=True,
        alias=("code commune", "code insee", "ville"),
        nettoyer=_commune,
    ),
    Colonne("latitude", "Latitude", alias=("lat",), nettoyer=_coordonnee(90)),
    Colonne("longitude", "Longitude", alias=("lon", "lng"), nettoyer=_coordonnee(180)),
    Colonne("themes", "Thèmes", alias=("thematiques",), nettoyer=_vocabulaire(Theme, "thème")),
    Colonne("transitions", "Transitions", nettoyer=_vocabulaire(Transition, "transition")),
    Colonne(
        "agrements",
        "Agréments",
        alias=("statuts et agrements", "statuts"),
        nettoyer=_vocabulaire(Agrement, "agrément"),
    ),
]
CHAMPS_DIRECTS = [
    "nom",
    "sigle",
    "siret",
    "rna",
    "categorie_juridique",
    "naf",
    "tranche_effectifs",
    "description",
    "site_web",
    "email_public",
    "telephone",
]


class ImporteurStructures(Importeur):
    colonnes = COLONNES_STRUCTURE

    def __init__(self, source: str = "import", auteur=None, utilisateur=None):
        """``utilisateur``: whose région scope each row is checked against (the person who
        uploaded the file); ``None`` only for the command line, run by the operator."""
        self.source = source
        self.auteur = auteur
        self.utilisateur = utilisateur
        self.date = timezone.localdate().isoformat()

    def cle_unicite(self, donnees):
        if donnees.get("siret"):
            return ("siret", donnees["siret"])
        if donnees.get("source_id"):
            return ("source_id", donnees["source_id"])
        return None

    def valider(self, donnees, ligne):
        if (donnees.get("latitude") is None) != (donnees.get("longitude") is None):
            raise ValidationError({"latitude": "latitude et longitude vont ensemble : l'une des deux manque"})
        commune, cp = donnees["commune"], donnees.get("code_postal")
        if cp and commune.codes_postaux and cp not in commune.liste_codes_postaux:
            raise ValidationError({"code_postal": f"le code postal {cp} ne correspond pas à {commune.nom}"})
        donnees["_existante"] = self._existante(donnees)
        if self.utilisateur is not None:
            self._verifier_perimetre(donnees, ligne)
        return donnees

    def _verifier_perimetre(self, donnees, ligne):
        """A row may neither touch a record of another région nor place one there."""
        existante = donnees["_existante"]
        if (
            existante is not None
            and not structures_gerables(self.utilisateur).filter(pk=existante.pk).exists()
        ):
            # Never name the other région's record: it may be unpublished.
            cle = "siret" if donnees.get("siret") else "source_id"
            libelle = "le SIRET" if cle == "siret" else "l'identifiant source"
            raison = (
                f"ligne {ligne} : {libelle} « {donnees[cle]} » désigne une fiche d'une autre région, "
                "hors de votre périmètre ; ligne ignorée"
            )
            raise ValidationError({cle: raison})
        commune = donnees["commune"]
        if not dans_le_perimetre(self.utilisateur, commune.region_id):
            raison = (
                f"ligne {ligne} : la commune « {commune.libelle} » est hors de vos régions "
                f"({commune.region.nom}) ; ligne ignorée"
            )
            raise ValidationError({"commune": raison})

    def _existante(self, donnees):
        if donnees.get("siret"):
            trouvee = (
                Structure.objects.filter(siret=donnees["siret"])
                .exclude(statut=StatutStructure.ARCHIVEE)
                .first()
            )
            if trouvee:
                return trouvee
        if donnees.get("source_id"):
            return Structure.objects.filter(source=self.source, source_id=donnees["source_id"]).first()
        return None

    def enregistrer(self, donnees, ligne):
        structure = donnees["_existante"] if "_existante" in donnees else self._existante(donnees)
        nouvelle = structure is None
        if nouvelle:
            structure = Structure(
                statut=StatutStructure.PUBLIEE, source=self.source, confirme_le=timezone.now()
            )
        change = False
        for champ in CHAMPS_DIRECTS:
            valeur = donnees.get(champ)
            if valeur and getattr(structure, champ) != valeur:
                setattr(structure, champ, valeur)
                structure.provenance[champ] = {"source": self.source, "date": self.date}
                change = True
        if donnees.get("source_id") and structure.source_id != donnees["source_id"] and nouvelle:
            structure.source_id = donnees["source_id"]
        # Held: intermediate saves write no history and no main-place re-sync; one entry is
        # written by the final save below if anything changed (it copies the main place).
        with lot(structure):
            if change or nouvelle:
                structure.save()
            for champ, modele in (("themes", Theme), ("transitions", Transition), ("agrements", Agrement)):
                if donnees.get(champ):
                    actuels = set(getattr(structure, champ).values_list("code", flat=True))
                    if not set(donnees[champ]) <= actuels:
                        getattr(structure, champ).add(*modele.objects.filter(code__in=donnees[champ]))
                        change = True
            change = self._lieu(structure, donnees) or change
        if change or nouvelle:
            if self.auteur is not None:
                structure._history_user = self.auteur
            structure._change_reason = f"Import « {self.source} »"
            structure.save()
        if nouvelle:
            return Resultat.CREEE
        return Resultat.MODIFIEE if change else Resultat.INCHANGEE

    def _lieu(self, structure, donnees) -> bool:
        lieu = structure.lieux.filter(principal=True).first() or Lieu(structure=structure, principal=True)
        valeurs = {
            "commune_id": donnees["commune"].code,
            "adresse": donnees.get("adresse") or lieu.adresse,
            "code_postal": donnees.get("code_postal") or lieu.code_postal,
        }
        if donnees.get("latitude") is not None:
            valeurs.update(
                latitude=donnees["latitude"],
                longitude=donnees["longitude"],
                etat_geocodage=EtatGeocodage.GEOCODE,
            )
        if lieu.pk and all(getattr(lieu, k) == v for k, v in valeurs.items()):
            return False
        adresse_changee = lieu.pk is None or (lieu.adresse, lieu.commune_id) != (
            valeurs["adresse"],
            valeurs["commune_id"],
        )
        for cle, valeur in valeurs.items():
            setattr(lieu, cle, valeur)
        if donnees.get("latitude") is None and adresse_changee:
            lieu.etat_geocodage = EtatGeocodage.A_GEOCODER
            repli = geocodage.coordonnees_commune(donnees["commune"])
            lieu.latitude, lieu.longitude = repli if repli else (None, None)
        lieu.save()
        return True


def importer(
    chemin_ou_fichier,
    correspondance=None,
    dry_run=False,
    source="import",
    auteur=None,
    progression=None,
    utilisateur=None,
):
    tableau = lire_tableau(chemin_ou_fichier)
    # Listeners (the map index) work once per record, after the import's transaction.
    with lot():
        return ImporteurStructures(source=source, auteur=auteur, utilisateur=utilisateur).importer(
            tableau, correspondance=correspondance or None, dry_run=dry_run, progression=progression
        )


@tache
def executer_import(travail, import_id: int, dry_run: bool = True):
    """Background run of an uploaded import; the report is kept on the ImportStructures row."""
    from essaim.commun.imports import ErreurFichier

    fiche_import = ImportStructures.objects.select_related("cree_par").get(pk=import_id)
    try:
        rapport = importer(
            fiche_import.fichier.path,
            fiche_import.correspondance,
            dry_run=dry_run,
            source=fiche_import.source,
            auteur=fiche_import.cree_par,
            progression=travail,
            utilisateur=fiche_import.cree_par or AnonymousUser(),
        )
    except ErreurFichier as erreur:
        fiche_import.rapport = {"erreur_fichier": str(erreur), "dry_run": dry_run}
        fiche_import.save(update_fields=["rapport"])
        raise
    fiche_import.rapport = {**rapport.as_dict(), "resume": rapport.resume()}
    fiche_import.save(update_fields=["rapport"])
    travail.avancer(rapport.lues, rapport.lues, rapport.resume(), forcer=True)
    return {"resume": rapport.resume(), "import": import_id}
