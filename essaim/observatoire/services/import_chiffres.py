"""Import of aggregated figures received from INSEE or partners (CSV/XLSX), through the shared
import engine. Each file is imported under ONE declared source and vintage: a row whose own
"source" column says otherwise is rejected, and figures of another source for the same
territory stay apart (a warning says so) — sources are never mixed silently."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from essaim.commun.bornes import EMPLOIS_MAX, ETABLISSEMENTS_MAX
from essaim.commun.ess import FamilleESS
from essaim.commun.imports import Colonne, Importeur, Resultat, entier_jusqu_a
from essaim.commun.normalisation import normaliser_nom

from ..models import ChiffreImporte
from ..rules import territoire_dans_le_perimetre
from .chiffres import NIVEAUX, TerritoireInvalide, analyser_territoire

FAMILLES = {normaliser_nom(str(f.label)): f.value for f in FamilleESS} | {
    f.value: f.value for f in FamilleESS
}
FAMILLES |= {
    "cooperatives": "cooperative",
    "associations": "association",
    "mutuelles": "mutuelle",
    "fondations": "fondation",
    "societes commerciales": "societe_commerciale",
}
TOUTES = {"", "ensemble", "total", "toutes", "tous", "ess", "ensemble ess"}


def _niveau(valeur: str) -> str:
    cle = normaliser_nom(valeur).replace(" ", "")
    alias = {"reg": "region", "dep": "departement", "com": "commune", "fr": "france", "nat": "france"}
    cle = alias.get(cle, cle)
    if cle not in NIVEAUX:
        raise ValidationError(f"« {valeur} » n'est pas un niveau connu (attendu : {', '.join(NIVEAUX)}).")
    return cle


def _famille(valeur: str) -> str:
    cle = normaliser_nom(valeur)
    if cle in TOUTES:
        return ""
    if cle not in FAMILLES:
        raise ValidationError(
            f"« {valeur} » n'est pas une famille de l'ESS (association, coopérative, mutuelle, fondation, "
            "société commerciale, ou vide pour l'ensemble)."
        )
    return FAMILLES[cle]


def _annee(valeur: str) -> int:
    try:
        annee = int(valeur)
    except ValueError:
        raise ValidationError(f"« {valeur} » n'est pas une année.") from None
    if not 1990 <= annee <= 2100:
        raise ValidationError(f"« {valeur} » n'est pas une année plausible.")
    return annee


def _decimal(valeur: str) -> Decimal:
    try:
        nombre = Decimal(valeur.replace("\u202f", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValidationError(f"« {valeur} » n'est pas un nombre.") from None
    if nombre < 0:
        raise ValidationError(f"« {valeur} » est négatif.")
    return nombre


class ImporteurChiffres(Importeur):
    colonnes = [
        Colonne(
            "niveau",
            "Niveau",
            obligatoire=True,
            alias=("niveau territorial", "type de territoire"),
            nettoyer=_niveau,
        ),
        Colonne("code", "Code territoire", obligatoire=True, alias=("code", "codgeo", "code du territoire")),
        Colonne("famille", "Famille", alias=("famille ess", "famille de l'ess"), nettoyer=_famille),
        Colonne("secteur", "Secteur", alias=("secteur d'activite", "activite", "naf")),
        Colonne("annee", "Année", obligatoire=True, alias=("annee", "year"), nettoyer=_annee),
        Colonne(
            "etablissements_employeurs",
            "Établissements employeurs",
            alias=("etablissements employeurs", "etablissements"),
            nettoyer=entier_jusqu_a(ETABLISSEMENTS_MAX),
        ),
        Colonne(
            "emplois",
            "Emplois salariés",
            alias=("emplois", "effectifs salaries", "postes"),
            nettoyer=entier_jusqu_a(EMPLOIS_MAX),
        ),
        Colonne("etp", "ETP", alias=("equivalents temps plein", "etp"), nettoyer=_decimal),
        Colonne(
            "masse_salariale",
            "Masse salariale",
            alias=("remunerations brutes", "masse salariale brute"),
            nettoyer=_decimal,
        ),
        Colonne("source", "Source", alias=("producteur",)),
    ]

    def __init__(self, source: str, millesime: str, utilisateur=None):
        """``utilisateur``: whose région scope each row's territory is checked against (the
        person who uploaded the file); ``None`` only for the command line, run by the operator."""
        if not source.strip() or not millesime.strip():
            raise ValueError("La source et le millésime sont obligatoires.")
        self.source, self.millesime = source.strip(), millesime.strip()
        self.utilisateur = utilisateur
        self.autres_sources = set()

    def cle_unicite(self, d):
        return (
            d["niveau"],
            (d["code"] or "").upper(),
            d.get("famille") or "",
            d.get("secteur") or "",
            d["annee"],
        )

    def valider(self, d, ligne):
        if d.get("source") and normaliser_nom(d["source"]) != normaliser_nom(self.source):
            raise ValidationError(
                {
                    "source": f"source « {d['source']} » différente de la source déclarée "
                    f"« {self.source} » : importez-la séparément."
                }
            )
        try:
            d["niveau"], d["code"] = analyser_territoire(f"{d['niveau']}:{d['code']}")
        except TerritoireInvalide as erreur:
            raise ValidationError({"code": str(erreur)}) from None
        if self.utilisateur is not None and not territoire_dans_le_perimetre(
            self.utilisateur, d["niveau"], d["code"]
        ):
            territoire = f"{d['niveau']} « {d['code']} »"
            raise ValidationError(
                {
                    "code": f"ligne {ligne} : le territoire {territoire} est hors de vos régions ; "
                    "ligne ignorée."
                }
            )
        if all(d.get(c) is None for c in ("etablissements_employeurs", "emplois", "etp", "masse_salariale")):
            raise ValidationError("aucun chiffre sur la ligne (employeurs, emplois, ETP ou masse salariale)")
        return d

    def enregistrer(self, d, ligne):
        cle = {
            "source": self.source,
            "millesime": self.millesime,
            "niveau": d["niveau"],
            "code": d["code"],
            "famille": d.get("famille") or "",
            "secteur": d.get("secteur") or "",
            "annee": d["annee"],
        }
        valeurs = {c: d.get(c) for c in ("etablissements_employeurs", "emplois", "etp", "masse_salariale")}
        autres = ChiffreImporte.objects.filter(niveau=d["niveau"], code=d["code"], annee=d["annee"]).exclude(
            source=self.source
        )
        self.autres_sources.update(autres.values_list("source", flat=True))
        existant = ChiffreImporte.objects.filter(**cle).first()
        if existant is None:
            ChiffreImporte.objects.create(**cle, **valeurs)
            return Resultat.CREEE
        if all(
            getattr(existant, c) == (Decimal(v) if isinstance(v, Decimal) else v) for c, v in valeurs.items()
        ):
            return Resultat.INCHANGEE
        for champ, valeur in valeurs.items():
            setattr(existant, champ, valeur)
        existant.save()
        return Resultat.MODIFIEE

    def importer(self, tableau, correspondance=None, dry_run=False, progression=None):
        rapport = super().importer(tableau, correspondance, dry_run=dry_run, progression=progression)
        for autre in sorted(self.autres_sources):
            rapport.avertissements.append(
                f"Des chiffres de la source « {autre} » existent pour les mêmes territoires et années : "
                "ils restent séparés (affichés par source, jamais additionnés)."
            )
        return rapport
