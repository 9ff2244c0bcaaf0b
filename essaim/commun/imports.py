"""The one import engine: open a file, sniff encoding and separator, map columns, validate rows,
dry-run, idempotent upsert, per-row error report, progress. Used by the directory, the
conference and the observatory.

    class ImporteurAteliers(Importeur):
        colonnes = [
            Colonne("intitule", "Intitulé", obligatoire=True),
            Colonne("participants", "Participants", nettoyer=entier_positif),
        ]

        def enregistrer(self, donnees, ligne):      # -> Resultat.CREEE / MODIFIEE / INCHANGEE
            ...

    tableau = lire_tableau("ateliers.csv")
    rapport = ImporteurAteliers().importer(tableau, dry_run=True)
    rapport.erreurs   # [ErreurLigne(ligne=4, colonne="participants", valeur="-3", raison="...")]

Rows are streamed: memory stays bounded whatever the file size. Each row runs in its own
savepoint, so a failing row is reported and the others are kept; a dry run rolls back
everything at the end.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from essaim.commun.normalisation import normaliser_nom

from .bornes import ENTIER_MAX, nombre_fr
from .exports import DEBUTS_DE_FORMULE, Champ, contenu_csv
from .flux import ecritures_courtes, travail_de_masse

ENCODAGES = ("utf-8-sig", "cp1252")
SEPARATEURS = (";", ",", "\t", "|")
TAILLE_ECHANTILLON = 64 * 1024
csv.field_size_limit(10 * 1024 * 1024)


def _repli_cp1252(erreur: UnicodeDecodeError):
    # A UTF-8 file with a few Windows-1252 bytes past the sniffed sample: decode those bytes
    # as Windows-1252 instead of failing halfway through an import.
    octets = erreur.object[erreur.start : erreur.end]
    return octets.decode("cp1252", errors="replace"), erreur.end


codecs.register_error("essaim_repli_cp1252", _repli_cp1252)


class ErreurFichier(Exception):
    """The file as a whole cannot be read (the message is French and shown to the user)."""


class Resultat(StrEnum):
    CREEE = "creee"
    MODIFIEE = "modifiee"
    INCHANGEE = "inchangee"


@dataclass
class ErreurLigne:
    ligne: int
    colonne: str
    valeur: str
    raison: str


@dataclass
class RapportImport:
    lues: int = 0
    creees: int = 0
    modifiees: int = 0
    inchangees: int = 0
    rejetees: int = 0
    erreurs: list[ErreurLigne] = field(default_factory=list)
    avertissements: list[str] = field(default_factory=list)
    dry_run: bool = False

    def compter(self, resultat: Resultat):
        nom = {Resultat.CREEE: "creees", Resultat.MODIFIEE: "modifiees", Resultat.INCHANGEE: "inchangees"}
        setattr(self, nom[resultat], getattr(self, nom[resultat]) + 1)

    def resume(self) -> str:
        prefixe = "Simulation : " if self.dry_run else ""
        return (
            f"{prefixe}{self.lues} lignes lues, {self.creees} créées, {self.modifiees} modifiées, "
            f"{self.inchangees} inchangées, {self.rejetees} rejetées."
        )

    def as_dict(self) -> dict:
        return {
            "lues": self.lues,
            "creees": self.creees,
            "modifiees": self.modifiees,
            "inchangees": self.inchangees,
            "rejetees": self.rejetees,
            "dry_run": self.dry_run,
            "avertissements": self.avertissements,
            "erreurs": [e.__dict__ for e in self.erreurs],
        }

    def erreurs_csv(self) -> bytes:
        """The error report, downloadable and openable in a French spreadsheet.

        Through the export engine: the rejected values come from the uploaded file and may
        be formulas.
        """
        champs = [Champ(cle, cle) for cle in ("ligne", "colonne", "valeur", "raison")]
        return contenu_csv(champs, (e.__dict__ for e in self.erreurs), separateur=";")


@dataclass
class Tableau:
    """A readable table: headers plus a re-iterable stream of (line number, row dict)."""

    entetes: list[str]
    _ouvrir_lignes: Callable[[], Iterator[tuple[int, dict]]]
    encodage: str = ""
    separateur: str = ""
    nom: str = ""

    def lignes(self) -> Iterator[tuple[int, dict]]:
        return self._ouvrir_lignes()


def _ouvrir_binaire(source):
    if isinstance(source, str | Path):
        return open(source, "rb")
    if hasattr(source, "seek"):
        source.seek(0)
    return source


def _detecter_encodage(echantillon: bytes) -> str:
    for encodage in ENCODAGES:
        try:
            decodeur = codecs.getincrementaldecoder(encodage)()
            decodeur.decode(echantillon, final=False)
            return encodage
        except UnicodeDecodeError:
            continue
    return "cp1252"


def _detecter_separateur(premiere_ligne: str) -> str:
    comptes = {sep: premiere_ligne.count(sep) for sep in SEPARATEURS}
    separateur = max(comptes, key=comptes.get)
    return separateur if comptes[separateur] else ","


def renifler_csv(echantillon: bytes) -> tuple[str, str, str]:
    """Encoding, separator and header line of a CSV, from its first bytes.

    The one sniffer of the project (directory and conference imports, SIRENE stock):
    UTF-8 with or without BOM (``utf-8-sig`` reads both), else Windows-1252; the separator
    is the most frequent of ``; , tab |`` on the header line (``;`` wins a tie: French
    spreadsheets), ``,`` when none appears."""
    encodage = _detecter_encodage(echantillon)
    texte = echantillon.decode(encodage, errors="replace").lstrip("\ufeff")
    premiere = texte.split("\n", 1)[0].rstrip("\r")
    return encodage, _detecter_separateur(premiere), premiere


def _lire_csv(source, nom: str) -> Tableau:
    brut = _ouvrir_binaire(source)
    echantillon = brut.read(TAILLE_ECHANTILLON)
    if not echantillon.strip():
        raise ErreurFichier(f"Le fichier « {nom} » est vide.")
    if b"\x00" in echantillon[:4096]:
        raise ErreurFichier(f"Le fichier « {nom} » n'est pas un fichier texte CSV (contenu binaire).")
    encodage, separateur, _ = renifler_csv(echantillon)
    if isinstance(source, str | Path):
        brut.close()

    def ouvrir():
        flux = _ouvrir_binaire(source)
        texte = io.TextIOWrapper(flux, encoding=encodage, errors="essaim_repli_cp1252", newline="")
        try:
            lecteur = csv.reader(texte, delimiter=separateur)
            entetes = [e.strip() for e in next(lecteur, [])]
            for numero, valeurs in enumerate(lecteur, start=2):
                if not any(v.strip() for v in valeurs):
                    continue
                yield numero, _ligne(entetes, valeurs)
        except csv.Error as erreur:
            raise ErreurFichier(f"CSV mal formé dans « {nom} » : {erreur}.") from erreur
        finally:
            texte.detach()
            if isinstance(source, str | Path):
                flux.close()

    flux = _ouvrir_binaire(source)
    entete_texte = io.TextIOWrapper(flux, encoding=encodage, errors="replace", newline="")
    entetes = [e.strip() for e in next(csv.reader(entete_texte, delimiter=separateur), [])]
    entete_texte.detach()
    if isinstance(source, str | Path):
        flux.close()
    return Tableau(entetes, ouvrir, encodage=encodage, separateur=separateur, nom=nom)


class _TropDeColonnes(dict):
    """A row dict that remembers how many values the line had (more than the header)."""

    nombre_valeurs = 0


def _texte_importe(v) -> str:
    texte = ("" if v is None else str(v)).strip()
    # Undo the export engine's formula neutralisation, so an export re-imports unchanged.
    if texte[:1] == "'" and texte[1:2] and texte[1] in DEBUTS_DE_FORMULE:
        texte = texte[1:].strip()
    return texte


def _ligne(entetes: list[str], valeurs: list) -> dict:
    ligne = _TropDeColonnes(zip(entetes, (_texte_importe(v) for v in valeurs), strict=False))
    ligne.nombre_valeurs = len(valeurs)
    return ligne


def _lire_xlsx(source, nom: str) -> Tableau:
    from openpyxl import load_workbook

    def classeur():
        try:
            return load_workbook(_ouvrir_binaire(source), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, OSError) as erreur:
            raise ErreurFichier(f"Le classeur « {nom} » est illisible ou tronqué.") from erreur

    wb = classeur()
    premiere = next(wb.active.iter_rows(values_only=True), ())
    entetes = [str(v).strip() if v is not None else "" for v in premiere]
    wb.close()
    while entetes and not entetes[-1]:
        entetes.pop()

    def ouvrir():
        wb = classeur()
        try:
            lignes = wb.active.iter_rows(values_only=True)
            next(lignes, None)
            for numero, valeurs in enumerate(lignes, start=2):
                valeurs = list(valeurs)
                while valeurs and valeurs[-1] in (None, ""):
                    valeurs.pop()
                if not valeurs:
                    continue
                yield numero, _ligne(entetes, [_cellule(v) for v in valeurs])
        finally:
            wb.close()

    return Tableau(entetes, ouvrir, encodage="xlsx", separateur="", nom=nom)


def _cellule(valeur) -> str:
    if valeur is None:
        return ""
    if hasattr(valeur, "isoformat"):
        return valeur.isoformat()[:10] if getattr(valeur, "hour", 0) == 0 else valeur.isoformat()
    if isinstance(valeur, float) and valeur.is_integer():
        return str(int(valeur))
    return str(valeur)


def lire_tableau(source, nom: str | None = None) -> Tableau:
    """Open a CSV (any of UTF-8, UTF-8 BOM, Windows-1252; `,` `;` tab `|`) or XLSX file."""
    nom = nom or getattr(source, "name", None) or str(source)
    brut = _ouvrir_binaire(source)
    debut = brut.read(4)
    if isinstance(source, str | Path):
        brut.close()
    if debut.startswith(b"PK"):
        return _lire_xlsx(source, nom)
    return _lire_csv(source, nom)


# --- Column declarations and cleaners ---------------------------------------------------


@dataclass
class Colonne:
    cle: str
    libelle: str
    obligatoire: bool = False
    alias: tuple[str, ...] = ()
    nettoyer: Callable[[str], object] | None = None

    def noms_reconnus(self) -> set[str]:
        return {normaliser_nom(n) for n in (self.cle, self.libelle, *self.alias)}


def entier_positif(valeur: str, maximum: int = ENTIER_MAX):
    if valeur == "":
        return None
    try:
        nombre = int(valeur.replace(" ", "").replace("\u202f", "").replace("\xa0", ""))
    except ValueError:
        raise ValidationError(f"« {valeur[:40]} » n'est pas un nombre entier.")
    if nombre < 0:
        raise ValidationError(f"« {valeur[:40]} » est négatif : un nombre positif est attendu.")
    if nombre > maximum:
        raise ValidationError(f"« {valeur[:40]} » est invraisemblable : au plus {nombre_fr(maximum)}.")
    return nombre


def entier_jusqu_a(maximum: int) -> Callable[[str], int | None]:
    """A column cleaner for a whole number between 0 and ``maximum`` (see commun/bornes.py)."""
    return lambda valeur: entier_positif(valeur, maximum)


class Importeur:
    """Base class of every importer (see the module docstring)."""

    colonnes: list[Colonne] = []

    # Upsert key: rows with the same key in one file are duplicates.
    def cle_unicite(self, donnees: dict):
        return None

    def valider(self, donnees: dict, ligne: int) -> dict:
        """Cross-field checks; raise ValidationError({"colonne": "raison"}) to reject the row."""
        return donnees

    def enregistrer(self, donnees: dict, ligne: int) -> Resultat:
        raise NotImplementedError

    # --- Mapping ---
    def correspondance_auto(self, entetes: list[str]) -> dict[str, str]:
        """{colonne.cle: entête du fichier} recognised by normalised name or alias."""
        normalises = {normaliser_nom(e): e for e in entetes}
        correspondance = {}
        for colonne in self.colonnes:
            for nom in colonne.noms_reconnus():
                if nom in normalises:
                    correspondance[colonne.cle] = normalises[nom]
                    break
        return correspondance

    def verifier_correspondance(self, correspondance: dict[str, str], entetes: list[str]):
        manquantes = [c.libelle for c in self.colonnes if c.obligatoire and c.cle not in correspondance]
        if manquantes:
            raise ErreurFichier(
                "Colonne(s) obligatoire(s) absente(s) : "
                + ", ".join(manquantes)
                + f". Colonnes trouvées : {', '.join(entetes) or 'aucune'}."
            )
        inconnues = [e for cle, e in correspondance.items() if e not in entetes]
        if inconnues:
            raise ErreurFichier(f"Colonne(s) introuvable(s) dans le fichier : {', '.join(inconnues)}.")

    # --- Run ---
    def _nettoyer(self, ligne_brute: dict, correspondance: dict, numero: int, rapport: RapportImport):
        donnees, erreurs = {}, []
        for colonne in self.colonnes:
            entete = correspondance.get(colonne.cle)
            valeur = ligne_brute.get(entete, "") if entete else ""
            if valeur == "" and colonne.obligatoire:
                erreurs.append(ErreurLigne(numero, colonne.libelle, "", "valeur obligatoire manquante"))
                continue
            try:
                donnees[colonne.cle] = (
                    colonne.nettoyer(valeur) if colonne.nettoyer and valeur != "" else (valeur or None)
                )
            except ValidationError as erreur:
                erreurs.append(ErreurLigne(numero, colonne.libelle, valeur, " ".join(erreur.messages)))
        return donnees, erreurs

    def importer(self, tableau: Tableau, correspondance: dict | None = None, dry_run=False, progression=None):
        rapport = RapportImport(dry_run=dry_run)
        correspondance = correspondance or self.correspondance_auto(tableau.entetes)
        self.verifier_correspondance(correspondance, tableau.entetes)
        libelles = {c.cle: c.libelle for c in self.colonnes}
        deja_vues = {}
        # SQLite: a transaction every ~0.5 s (visitors' writes wait at most that long); a
        # dry run rolls each one back. PostgreSQL: one transaction for the whole file.
        with (
            travail_de_masse(f"import ({self.__class__.__name__})"),
            ecritures_courtes(annuler=dry_run) as tranche,
        ):
            for numero, ligne_brute in tableau.lignes():
                rapport.lues += 1
                erreurs = []
                if getattr(ligne_brute, "nombre_valeurs", 0) > len(tableau.entetes):
                    erreurs.append(
                        ErreurLigne(
                            numero,
                            "",
                            "",
                            f"la ligne contient {ligne_brute.nombre_valeurs} colonnes, "
                            f"l'en-tête en annonce {len(tableau.entetes)}",
                        )
                    )
                else:
                    donnees, erreurs = self._nettoyer(ligne_brute, correspondance, numero, rapport)
                if not erreurs:
                    cle = self.cle_unicite(donnees)
                    if cle is not None and cle in deja_vues:
                        erreurs.append(ErreurLigne(numero, "", "", f"doublon de la ligne {deja_vues[cle]}"))
                    elif cle is not None:
                        deja_vues[cle] = numero
                if not erreurs:
                    try:
                        with transaction.atomic():
                            donnees = self.valider(donnees, numero)
                            rapport.compter(Resultat(self.enregistrer(donnees, numero)))
                    except ValidationError as erreur:
                        dico = erreur.message_dict if hasattr(erreur, "error_dict") else {"": erreur.messages}
                        for cle, messages in dico.items():
                            valeur = str(ligne_brute.get(correspondance.get(cle, ""), ""))
                            for message in messages:
                                erreurs.append(ErreurLigne(numero, libelles.get(cle, cle), valeur, message))
                if erreurs:
                    rapport.rejetees += 1
                    rapport.erreurs.extend(erreurs)
                if progression is not None:
                    progression.avancer(rapport.lues, message=rapport.resume())
                tranche.suite()
        return rapport
