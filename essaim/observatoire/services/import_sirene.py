"""SIRENE stock import: stream, filter the ESS perimeter, stage, aggregate, swap.

Flow (each step committed with its checkpoint, so an interrupted run resumes where it stopped):

1. legal units: read StockUniteLegale in batches, keep the ESS perimeter (vectorised filter),
   write them under an ``en_cours`` Millesime;
2. establishments: read StockEtablissement in batches, keep those of kept legal units, attach
   each to its commune (hence EPCI, département, région), count every active establishment
   per commune (the denominator of the ESS share);
3. in ONE transaction: compute the aggregates, archive the published vintage and publish the
   new one. Until then public pages keep reading the previous vintage.

Same files again (same fingerprint) → nothing changes. Fingerprint = sizes + first and last MiB
of each file + perimeter + régions (hashing 8 GB in full would cost more than the import).
"""

import hashlib
import time
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from essaim.commun.ess import categorie_est_ess, famille_depuis_categorie
from essaim.territoires.enums import Niveau

from ..enums import Perimetre, StatutMillesime, section_naf
from ..models import Agregat, Etablissement, Millesime, TotalTerritoire, UniteLegale
from . import colonnes as col
from .lecture import ErreurSirene, ouvrir_stock
from .territoires import CODE_FRANCE, carte_communes, departement_du_code, departements

SOURCE_SIRENE = "INSEE, base SIRENE (stocks StockUniteLegale et StockEtablissement)"
CATEGORIES_ESS = [f"{i:04d}" for i in range(10000) if categorie_est_ess(f"{i:04d}")]
FAMILLES = ["association", "cooperative", "mutuelle", "fondation", "societe_commerciale"]


class InterruptionSimulee(Exception):
    """Raised by tests (through ``apres_lot``) to simulate a crash between two batches."""


@dataclass
class Rapport:
    statut: str = ""
    millesime_id: int | None = None
    ul_lues: int = 0
    ul_gardees: int = 0
    ul_rejets: Counter = field(default_factory=Counter)
    etab_lues: int = 0
    etab_gardes: int = 0
    etab_rejets: Counter = field(default_factory=Counter)
    communes_inconnues: Counter = field(default_factory=Counter)
    non_diffusibles: int = 0
    avertissements: list = field(default_factory=list)
    duree: float = 0.0
    date_max: str = ""

    def as_dict(self) -> dict:
        return {
            "statut": self.statut,
            "millesime": self.millesime_id,
            "unites_legales": {
                "lues": self.ul_lues,
                "gardees": self.ul_gardees,
                "rejets": dict(self.ul_rejets),
            },
            "etablissements": {
                "lus": self.etab_lues,
                "gardes": self.etab_gardes,
                "rejets": dict(self.etab_rejets),
            },
            "communes_inconnues": dict(self.communes_inconnues.most_common(50)),
            "non_diffusibles": self.non_diffusibles,
            "avertissements": self.avertissements,
            "duree_s": round(self.duree, 2),
            "date_max": self.date_max,
        }

    @classmethod
    def depuis(cls, donnees: dict) -> "Rapport":
        r = cls()
        if not donnees:
            return r
        r.ul_lues = donnees["unites_legales"]["lues"]
        r.ul_gardees = donnees["unites_legales"]["gardees"]
        r.ul_rejets = Counter(donnees["unites_legales"]["rejets"])
        r.etab_lues = donnees["etablissements"]["lus"]
        r.etab_gardes = donnees["etablissements"]["gardes"]
        r.etab_rejets = Counter(donnees["etablissements"]["rejets"])
        r.communes_inconnues = Counter(donnees["communes_inconnues"])
        r.non_diffusibles = donnees.get("non_diffusibles", 0)
        r.avertissements = donnees.get("avertissements", [])
        r.date_max = donnees.get("date_max", "")
        return r

    def resume(self) -> str:
        lignes = [
            f"Unités légales : {nombre(self.ul_lues)} lues, "
            f"{nombre(self.ul_gardees)} gardées (périmètre ESS).",
            *(f"  - {raison} : {nombre(n)}" for raison, n in self.ul_rejets.most_common()),
            f"Établissements : {nombre(self.etab_lues)} lus, {nombre(self.etab_gardes)} gardés.",
            *(f"  - {raison} : {nombre(n)}" for raison, n in self.etab_rejets.most_common()),
            "Unités non diffusibles (nom masqué dans les listes publiques) : "
            f"{nombre(self.non_diffusibles)}.",
        ]
        if self.communes_inconnues:
            codes = ", ".join(f"{c} ({n})" for c, n in self.communes_inconnues.most_common(10))
            total = sum(self.communes_inconnues.values())
            lignes.append(
                f"Codes commune inconnus du COG (établissements gardés, rattachés au département "
                f"quand il est reconnu) : {nombre(total)} — {codes}."
            )
        lignes += self.avertissements
        return "\n".join(lignes)


def nombre(n) -> str:
    """French thousands separator (narrow no-break space)."""
    return f"{n:,}".replace(",", "\u202f")


def empreinte(*chemins, perimetre: str, regions: list[str]) -> str:
    h = hashlib.sha256(f"{perimetre}|{','.join(sorted(regions))}".encode())
    for chemin in chemins:
        taille = Path(chemin).stat().st_size
        h.update(str(taille).encode())
        with open(chemin, "rb") as f:
            h.update(f.read(1 << 20))
            f.seek(max(0, taille - (1 << 20)))
            h.update(f.read(1 << 20))
    return h.hexdigest()


def _texte(valeur: str) -> str:
    return valeur.strip() if valeur else ""


def _flottant(valeur: str):
    try:
        return float(valeur) if valeur and valeur != "[ND]" else None
    except ValueError:
        return None


class Ecrivain:
    """Batch INSERT with ON CONFLICT DO NOTHING (a duplicated SIRET in the file is counted, not fatal)."""

    def __init__(self, modele, champs: list[str]):
        table = modele._meta.db_table
        colonnes = ", ".join(modele._meta.get_field(c).column for c in champs)
        marques = ", ".join(["%s"] * len(champs))
        self.sql = f"INSERT INTO {table} ({colonnes}) VALUES ({marques}) ON CONFLICT DO NOTHING"

    def ecrire(self, lignes: list[tuple]) -> int:
        if not lignes:
            return 0
        connection.ensure_connection()
        if connection.vendor == "sqlite":
            # The DB-API cursor directly: Django's wrapper costs more than SQLite itself here.
            curseur = connection.connection.cursor()
            try:
                curseur.executemany(self.sql.replace("%s", "?"), lignes)
                return curseur.rowcount if curseur.rowcount >= 0 else len(lignes)
            finally:
                curseur.close()
        with connection.cursor() as curseur:
            curseur.executemany(self.sql, lignes)
            return curseur.rowcount if curseur.rowcount is not None and curseur.rowcount >= 0 else len(lignes)


CHAMPS_UL = [
    "millesime", "siren", "denomination", "sigle", "categorie_juridique", "famille", "activite",
    "tranche", "diffusible", "active", "employeur", "flag_ess", "nic_siege",
]  # fmt: skip
CHAMPS_ETAB = [
    "millesime", "siret", "siren", "siege", "code_commune_source", "commune", "epci", "departement",
    "region", "dans_perimetre", "active", "employeur", "tranche", "activite", "section", "famille",
    "diffusible", "adresse", "code_postal", "libelle_commune", "enseigne", "x_lambert", "y_lambert",
]  # fmt: skip


class ImportSirene:
    def __init__(
        self,
        unites_legales,
        etablissements,
        perimetre: str = Perimetre.FLAG,
        regions: list[str] | None = None,
        dry_run: bool = False,
        date_stock: date | None = None,
        source: str = SOURCE_SIRENE,
        demo: bool = False,
        progression=None,
        apres_lot=None,
        taille_bloc: int | None = None,
    ):
        if perimetre not in Perimetre.values:
            raise ErreurSirene(f"Périmètre inconnu : « {perimetre} » (attendu : flag ou juridique).")
        self.chemin_ul, self.chemin_etab = Path(unites_legales), Path(etablissements)
        self.perimetre = perimetre
        self.regions = sorted({r.strip() for r in (regions or []) if r.strip()})
        self.dry_run = dry_run
        self.date_stock = date_stock
        self.source = source
        self.demo = demo
        self.progression = progression or (lambda *a, **k: None)
        self.apres_lot = apres_lot
        self.taille_bloc = taille_bloc
        self.rapport = Rapport()
        self.millesime = None

    # --- entry point ---------------------------------------------------------------------------
    def executer(self) -> Rapport:
        debut = time.monotonic()
        self._verifier_regions()
        flux_ul = self._ouvrir(self.chemin_ul, col.UL_REQUISES + col.UL_OPTIONNELLES)
        col.verifier_entetes(flux_ul.entetes, "StockUniteLegale", col.UL_REQUISES, flux_ul.nom)
        flux_etab = self._ouvrir(self.chemin_etab, col.ETAB_REQUISES + col.ETAB_OPTIONNELLES)
        col.verifier_entetes(flux_etab.entetes, "StockEtablissement", col.ETAB_REQUISES, flux_etab.nom)
        for flux in (flux_ul, flux_etab):
            if flux.encodage == "cp1252":
                self.rapport.avertissements.append(
                    f"« {flux.nom} » n'est pas en UTF-8 : lu comme Windows-1252 (vérifiez les accents)."
                )
        cle = empreinte(self.chemin_ul, self.chemin_etab, perimetre=self.perimetre, regions=self.regions)
        if not self.dry_run:
            deja = Millesime.objects.filter(
                empreinte=cle, statut__in=[StatutMillesime.PUBLIE, StatutMillesime.ARCHIVE]
            ).first()
            if deja:
                self.rapport = Rapport.depuis(deja.compteurs)
                self.rapport.statut = "deja_importe"
                self.rapport.millesime_id = deja.pk
                return self.rapport
            self.millesime = self._millesime(cle)
        if connection.vendor == "sqlite":
            # A larger page cache for this connection: index maintenance of big inserts.
            with connection.cursor() as curseur:
                curseur.execute("PRAGMA cache_size = -65536")  # 64 MiB
        self._carte = carte_communes()
        self._deps = departements()
        if self.millesime is None or self.millesime.etape == "unites_legales":
            sirens, familles = self._lire_unites_legales(flux_ul)
        else:
            sirens, familles = self._sirens_en_base()
        self._lire_etablissements(flux_etab, sirens, familles)
        self.rapport.duree = time.monotonic() - debut
        if self.dry_run:
            self.rapport.statut = "simulation"
        else:
            self._publier()
            self.rapport.statut = "importe"
            self.rapport.millesime_id = self.millesime.pk
        return self.rapport

    def _ouvrir(self, chemin, colonnes):
        return ouvrir_stock(chemin, colonnes, taille_bloc=self.taille_bloc)

    def _verifier_regions(self):
        from essaim.territoires.models import Region

        connues = set(Region.objects.values_list("code", flat=True))
        inconnues = [r for r in self.regions if r not in connues]
        if inconnues:
            raise ErreurSirene(f"Code(s) région inconnu(s) : {', '.join(inconnues)}.")

    def _millesime(self, cle: str) -> Millesime:
        en_cours = Millesime.objects.filter(empreinte=cle, statut=StatutMillesime.EN_COURS).first()
        if en_cours:
            self.rapport = Rapport.depuis(en_cours.compteurs)
            self.rapport.avertissements.append(
                f"Reprise de l'import interrompu (unités légales : {nombre(en_cours.lignes_ul_traitees)} lignes, "  # noqa: E501
                f"établissements : {nombre(en_cours.lignes_etab_traitees)} lignes déjà traitées)."
            )
            return en_cours
        return Millesime.objects.create(
            source=self.source,
            fichier_unites_legales=self.chemin_ul.name,
            fichier_etablissements=self.chemin_etab.name,
            empreinte=cle,
            perimetre=self.perimetre,
            regions=",".join(self.regions),
            demo=self.demo,
            date_stock=self.date_stock,
        )

    # --- batches -------------------------------------------------------------------------------
    def _lots(self, flux, deja: int):
        """Batches of the file, skipping the ``deja`` rows already committed by a previous run."""
        vus = 0
        for lot in flux.lots():
            n = lot.num_rows
            if vus + n <= deja:
                vus += n
                continue
            if vus < deja:
                lot = lot.slice(deja - vus)
            vus += n
            yield lot

    def _checkpoint(self, **champs):
        if self.millesime is None:
            return
        Millesime.objects.filter(pk=self.millesime.pk).update(compteurs=self.rapport.as_dict(), **champs)

    def _progres(self, phase, flux, lues, debut):
        ecoule = max(time.monotonic() - debut, 1e-6)
        position, total = flux.position(), flux.taille
        reste = ecoule * (total - position) / position if position and total else None
        self.progression(phase, lues, lues / ecoule, reste)

    # --- legal units ---------------------------------------------------------------------------
    def _lire_unites_legales(self, flux):
        r = self.rapport
        deja = self.millesime.lignes_ul_traitees if self.millesime else 0
        sirens, familles = self._sirens_en_base() if deja else ([], array("b"))
        ecrivain = Ecrivain(UniteLegale, CHAMPS_UL)
        valeurs_ess = pa.array(CATEGORIES_ESS)
        debut = time.monotonic()
        for lot in self._lots(flux, deja):
            r.ul_lues += lot.num_rows
            if "dateDernierTraitementUniteLegale" in lot.schema.names:
                date_max = pc.max(lot["dateDernierTraitementUniteLegale"]).as_py() or ""
                r.date_max = max(r.date_max, date_max[:10])
            flag = pc.equal(lot["economieSocialeSolidaireUniteLegale"], "O")
            if self.perimetre == Perimetre.FLAG:
                dedans = flag
            else:
                dedans = pc.is_in(lot["categorieJuridiqueUniteLegale"], value_set=valeurs_ess)
            hors = lot.num_rows - pc.sum(dedans).as_py() if lot.num_rows else 0
            r.ul_rejets["hors du périmètre ESS"] += hors
            gardes = lot.filter(dedans)
            lignes = self._lignes_ul(gardes, sirens, familles)
            with transaction.atomic():
                if not self.dry_run:
                    ecrites = ecrivain.ecrire(lignes)
                    if ecrites < len(lignes):
                        r.ul_rejets["SIREN en double dans le fichier"] += len(lignes) - ecrites
                        r.ul_gardees -= len(lignes) - ecrites
                    self._checkpoint(lignes_ul_traitees=F("lignes_ul_traitees") + lot.num_rows)
            self._progres("unités légales", flux, r.ul_lues, debut)
            if self.apres_lot:
                self.apres_lot("unites_legales", r.ul_lues)
        if self.millesime:
            Millesime.objects.filter(pk=self.millesime.pk).update(etape="etablissements")
        return sirens, familles

    def _lignes_ul(self, lot, sirens, familles) -> list[tuple]:
        r = self.rapport
        m = self.millesime.pk if self.millesime else None
        d = {nom: lot[nom].to_pylist() for nom in lot.schema.names}
        lignes = []
        cache_famille = {}
        for i, siren in enumerate(d["siren"]):
            if d["etatAdministratifUniteLegale"][i] == "C":
                r.ul_rejets["unité légale cessée"] += 1
                continue
            if len(siren) != 9 or not siren.isdigit():
                r.ul_rejets["SIREN invalide"] += 1
                continue
            cat = d["categorieJuridiqueUniteLegale"][i]
            flag = d["economieSocialeSolidaireUniteLegale"][i] == "O"
            cle = (cat, flag)
            if cle not in cache_famille:
                cache_famille[cle] = famille_depuis_categorie(
                    cat, est_ess=flag or self.perimetre == Perimetre.FLAG
                )
            famille = cache_famille[cle]
            if famille is None:
                r.ul_rejets[f"catégorie juridique {cat or 'vide'} hors des familles de l'ESS"] += 1
                continue
            diffusible = d["statutDiffusionUniteLegale"][i] != "P"
            if not diffusible:
                r.non_diffusibles += 1
            nom = _texte(d["denominationUniteLegale"][i]) or " ".join(
                x for x in (_texte(d["prenomUsuelUniteLegale"][i]), _texte(d["nomUniteLegale"][i])) if x
            )
            lignes.append((
                m, siren, nom[:300], _texte(d["sigleUniteLegale"][i])[:50], cat, famille,
                d["activitePrincipaleUniteLegale"][i][:10], d["trancheEffectifsUniteLegale"][i][:2],
                diffusible, True, d["caractereEmployeurUniteLegale"][i] == "O", flag,
                d["nicSiegeUniteLegale"][i][:5],
            ))  # fmt: skip
            sirens.append(siren)
            familles.append(FAMILLES.index(famille))
        r.ul_gardees += len(lignes)
        return lignes

    def _sirens_en_base(self):
        sirens, familles = [], array("b")
        for siren, famille in UniteLegale.objects.filter(millesime=self.millesime).values_list(
            "siren", "famille"
        ):
            sirens.append(siren)
            familles.append(FAMILLES.index(famille))
        return sirens, familles

    # --- establishments ------------------------------------------------------------------------
    def _lire_etablissements(self, flux, sirens, familles):
        r = self.rapport
        deja = self.millesime.lignes_etab_traitees if self.millesime else 0
        totaux = Counter()
        if self.millesime and self.millesime.totaux_communes:
            totaux = Counter({k: tuple(v) for k, v in self.millesime.totaux_communes.items()})
        totaux = defaultdict(lambda: [0, 0], {k: list(v) for k, v in totaux.items()})
        ensemble = pa.array(sirens, type=pa.string())
        ecrivain = Ecrivain(Etablissement, CHAMPS_ETAB)
        debut = time.monotonic()
        for lot in self._lots(flux, deja):
            r.etab_lues += lot.num_rows
            actif = pc.equal(lot["etatAdministratifEtablissement"], "A")
            self._compter_totaux(lot, actif, totaux)
            index = pc.index_in(lot["siren"], value_set=ensemble)
            dans_ess = pc.is_valid(index)
            n_ess = pc.sum(dans_ess).as_py() or 0
            r.etab_rejets["unité légale hors du périmètre ESS"] += lot.num_rows - n_ess
            fermes = pc.sum(pc.and_(dans_ess, pc.invert(actif))).as_py() or 0
            r.etab_rejets["établissement fermé"] += fermes
            garder = pc.and_(dans_ess, actif)
            lignes = self._lignes_etab(lot.filter(garder), index.filter(garder).to_pylist(), familles)
            with transaction.atomic():
                if not self.dry_run:
                    ecrites = ecrivain.ecrire(lignes)
                    if ecrites < len(lignes):
                        r.etab_rejets["SIRET en double dans le fichier"] += len(lignes) - ecrites
                        r.etab_gardes -= len(lignes) - ecrites
                    self._checkpoint(
                        lignes_etab_traitees=F("lignes_etab_traitees") + lot.num_rows,
                        totaux_communes=dict(totaux),
                    )
            self._progres("établissements", flux, r.etab_lues, debut)
            if self.apres_lot:
                self.apres_lot("etablissements", r.etab_lues)
        self._totaux = totaux
        if self.millesime:
            Millesime.objects.filter(pk=self.millesime.pk).update(etape="agregats")

    def _compter_totaux(self, lot, actif, totaux):
        """All active establishments per commune code, ESS or not (denominator of the ESS share)."""
        actifs = lot.filter(actif)
        if not actifs.num_rows:
            return
        table = pa.table({
            "c": actifs["codeCommuneEtablissement"],
            "e": pc.cast(pc.equal(actifs["caractereEmployeurEtablissement"], "O"), pa.int32()),
        })  # fmt: skip
        groupes = table.group_by("c").aggregate([("e", "count"), ("e", "sum")])
        for code, n, e in zip(
            groupes["c"].to_pylist(),
            groupes["e_count"].to_pylist(),
            groupes["e_sum"].to_pylist(),
            strict=True,
        ):
            t = totaux[code]
            t[0] += n
            t[1] += e

    def _lignes_etab(self, lot, index: list[int], familles) -> list[tuple]:
        r = self.rapport
        m = self.millesime.pk if self.millesime else None
        d = {nom: lot[nom].to_pylist() for nom in lot.schema.names}
        vide = [""] * lot.num_rows
        indice = d.get("indiceRepetitionEtablissement", vide)
        complement = d.get("complementAdresseEtablissement", vide)
        carte, deps, regions = self._carte, self._deps, self.regions
        lignes = []
        for i, siret in enumerate(d["siret"]):
            code = d["codeCommuneEtablissement"][i]
            if not code:
                r.etab_rejets["établissement à l'étranger (sans code commune)"] += 1
                continue
            if len(siret) != 14 or not siret.isdigit():
                r.etab_rejets["SIRET invalide"] += 1
                continue
            territoire = carte.get(code)
            if territoire is None:
                r.communes_inconnues[code] += 1
                dep = departement_du_code(code, deps)
                territoire = ("", "", dep, deps.get(dep, ""))
            siege = d["etablissementSiege"][i] in ("true", "True", "1", "O")
            dedans = not regions or territoire[3] in regions
            if not dedans and not siege:
                r.etab_rejets["hors des régions importées"] += 1
                continue
            diffusible = d["statutDiffusionEtablissement"][i] != "P"
            adresse = " ".join(
                x
                for x in (
                    d["numeroVoieEtablissement"][i], indice[i], d["typeVoieEtablissement"][i],
                    d["libelleVoieEtablissement"][i],
                )
                if x and x != "[ND]"
            )  # fmt: skip
            if complement[i] and complement[i] != "[ND]":
                adresse = f"{complement[i]}, {adresse}" if adresse else complement[i]
            activite = d["activitePrincipaleEtablissement"][i]
            enseigne = d["enseigne1Etablissement"][i] or d["denominationUsuelleEtablissement"][i]
            lignes.append((
                m, siret, d["siren"][i], siege, code, territoire[0], territoire[1], territoire[2],
                territoire[3], dedans, True, d["caractereEmployeurEtablissement"][i] == "O",
                d["trancheEffectifsEtablissement"][i][:2], activite[:10], section_naf(activite),
                FAMILLES[familles[index[i]]], diffusible, adresse[:300] if diffusible else "",
                d["codePostalEtablissement"][i][:5], d["libelleCommuneEtablissement"][i][:100],
                (enseigne if diffusible and enseigne != "[ND]" else "")[:200],
                _flottant(d["coordonneeLambertAbscisseEtablissement"][i]),
                _flottant(d["coordonneeLambertOrdonneeEtablissement"][i]),
            ))  # fmt: skip
        r.etab_gardes += len(lignes)
        return lignes

    # --- aggregates and swap ---------------------------------------------------------------------
    def _publier(self):
        m = self.millesime
        date_stock = self.date_stock or (
            date.fromisoformat(self.rapport.date_max) if self.rapport.date_max else timezone.localdate()
        )
        with transaction.atomic():
            Agregat.objects.filter(millesime=m).delete()
            TotalTerritoire.objects.filter(millesime=m).delete()
            calculer_agregats(m)
            calculer_totaux(m, self._totaux, self._carte, self._deps, self.regions)
            Millesime.objects.filter(statut=StatutMillesime.PUBLIE).exclude(pk=m.pk).update(
                statut=StatutMillesime.ARCHIVE
            )
            m.statut = StatutMillesime.PUBLIE
            m.etape = "termine"
            m.date_stock = date_stock
            m.fin = timezone.now()
            m.compteurs = self.rapport.as_dict()
            m.totaux_communes = {}
            m.save()
        self.millesime = m


def _niveaux(commune, epci, dep, reg):
    yield Niveau.FRANCE, CODE_FRANCE
    if reg:
        yield Niveau.REGION, reg
    if dep:
        yield Niveau.DEPARTEMENT, dep
    if epci:
        yield Niveau.EPCI, epci
    if commune:
        yield Niveau.COMMUNE, commune


def calculer_agregats(millesime: Millesime) -> int:
    """Aggregates of every territorial level, computed inside the database (INSERT ... SELECT
    ... GROUP BY): no row goes through Python, so it takes seconds even for millions of rows."""
    agregat, etab = Agregat._meta.db_table, Etablissement._meta.db_table
    niveaux = [(Niveau.FRANCE, f"'{CODE_FRANCE}'"), (Niveau.REGION, "region"), (Niveau.DEPARTEMENT, "departement"),  # noqa: E501
               (Niveau.EPCI, "epci"), (Niveau.COMMUNE, "commune")]  # fmt: skip
    total = 0
    with connection.cursor() as curseur:
        for niveau, colonne in niveaux:
            constante = niveau == Niveau.FRANCE  # PostgreSQL refuses a constant in GROUP BY
            groupe = "famille, section, tranche" if constante else f"{colonne}, famille, section, tranche"
            filtre = "" if constante else f" AND {colonne} <> ''"
            curseur.execute(
                f"INSERT INTO {agregat} (millesime_id, niveau, code, famille, section, tranche, etablissements, "  # noqa: E501
                f"employeurs) SELECT %s, %s, {colonne}, famille, section, tranche, COUNT(*), "
                f"SUM(CASE WHEN employeur THEN 1 ELSE 0 END) FROM {etab} "
                f"WHERE millesime_id = %s AND dans_perimetre AND active{filtre} GROUP BY {groupe}",
                [millesime.pk, str(niveau), millesime.pk],
            )
            total += max(curseur.rowcount, 0)
    return total


def calculer_totaux(millesime, totaux_communes: dict, carte: dict, deps: dict, regions: list[str]):
    cumuls = defaultdict(lambda: [0, 0])
    for code, (n, e) in totaux_communes.items():
        if not code:
            continue
        territoire = carte.get(code)
        if territoire is None:
            dep = departement_du_code(code, deps)
            territoire = ("", "", dep, deps.get(dep, ""))
        if regions and territoire[3] not in regions:
            continue
        for niveau, c in _niveaux(*territoire):
            cumuls[(niveau, c)][0] += n
            cumuls[(niveau, c)][1] += e
    ecrivain = Ecrivain(TotalTerritoire, ["millesime", "niveau", "code", "etablissements", "employeurs"])
    ecrivain.ecrire([(millesime.pk, niveau, code, n, e) for (niveau, code), (n, e) in cumuls.items()])
