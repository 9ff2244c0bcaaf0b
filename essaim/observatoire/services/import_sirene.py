"""SIRENE stock import: stream, filter the ESS perimeter, stage, aggregate, swap.

Flow (each step committed with its checkpoint, so an interrupted run resumes where it stopped):

1. legal units: read StockUniteLegale in batches (lecture.py), keep the ESS perimeter
   (vectorised filter), turn the kept rows into database rows (lignes.py) and write them under
   an ``en_cours`` Millesime (chargement.py);
2. establishments: read StockEtablissement in batches, keep those of kept legal units, attach
   each to its commune (hence EPCI, département, région), count every active establishment
   per commune (the denominator of the ESS share, agregats.py);
3. in ONE transaction: compute the aggregates (SQL GROUP BY), archive the published vintage and
   publish the new one. Until then public pages keep reading the previous vintage.

The next batch is read and parsed in a thread while the current one is written. Same files
again (same fingerprint, rapport.py) → nothing changes.
"""

import time
from contextlib import closing
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from essaim.commun.ess import categorie_est_ess

from ..enums import Perimetre, StatutMillesime
from ..models import Agregat, Etablissement, Millesime, TotalTerritoire, UniteLegale
from . import colonnes as col
from .agregats import TotauxCommunes, calculer_agregats, calculer_totaux
from .chargement import Ecrivain, chargement_en_masse
from .lecture import ErreurSirene, ouvrir_stock
from .lignes import (
    CHAMPS_ETAB,
    CHAMPS_UL,
    FAMILLES,
    Territoires,
    lignes_etablissements,
    lignes_unites_legales,
)
from .millesimes import noter_publication, supprimer_millesime
from .rapport import Rapport, empreinte, nombre
from .territoires import carte_communes, departements

SOURCE_SIRENE = "INSEE, base SIRENE (stocks StockUniteLegale et StockEtablissement)"
CATEGORIES_ESS = [f"{i:04d}" for i in range(10000) if categorie_est_ess(f"{i:04d}")]

__all__ = ["ImportSirene", "Rapport", "SOURCE_SIRENE", "calculer_agregats"]


class _Suspendu(Exception):
    """The run reached its ``limite_lignes``: stop after the batch just committed."""


def _index_sirens(colonne, sirens):
    """Position in ``sirens`` of each row's SIREN (null when outside the perimeter).

    ``index_in`` hashes its whole value set on every call; INSEE stocks are sorted by SIREN, so
    a batch only spans a narrow SIREN range: hashing the kept SIRENs of that range alone makes
    the lookup cost follow the batch, not the perimeter (still exact on an unsorted file)."""
    bornes = pc.min_max(colonne).as_py()
    if bornes["min"] is None or not len(sirens):
        return pa.nulls(len(colonne), pa.int32())
    dans_bornes = pc.and_(pc.greater_equal(sirens, bornes["min"]), pc.less_equal(sirens, bornes["max"]))
    positions = pc.indices_nonzero(dans_bornes)
    if len(positions) == len(sirens):
        return pc.index_in(colonne, value_set=sirens)
    return positions.take(pc.index_in(colonne, value_set=sirens.filter(dans_bornes)))


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
        limite_lignes: int | None = None,
        taille_bloc: int | None = None,
        remplacer: bool = False,
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
        # Rows this run may read before it stops cleanly after a committed batch (the vintage
        # stays "en cours", the next run resumes it): a national stock imported over several
        # maintenance windows, and the resumption tested without faking a crash.
        self.limite_lignes = limite_lignes
        self._lues_ce_passage = 0
        self.taille_bloc = taille_bloc
        # Replace the vintage of the same date (deleted when the new one is published).
        self.remplacer = remplacer
        self.rapport = Rapport()
        self.millesime = None

    # --- entry point ---------------------------------------------------------------------------
    def executer(self) -> Rapport:
        debut = time.monotonic()
        self._verifier_regions()
        flux_ul = self._ouvrir(self.chemin_ul, col.UL_LUES)
        col.verifier_entetes(flux_ul.entetes, "StockUniteLegale", col.UL_REQUISES, flux_ul.nom)
        flux_etab = self._ouvrir(self.chemin_etab, col.ETAB_LUES)
        col.verifier_entetes(flux_etab.entetes, "StockEtablissement", col.ETAB_REQUISES, flux_etab.nom)
        for flux in (flux_ul, flux_etab):
            if flux.encodage == "cp1252":
                self.rapport.avertissements.append(
                    f"« {flux.nom} » n'est pas en UTF-8 : lu comme Windows-1252 (vérifiez les accents)."
                )
        cle = empreinte(
            self.chemin_ul,
            self.chemin_etab,
            perimetre=self.perimetre,
            regions=self.regions,
            date_stock=self.date_stock,
        )
        if not self.dry_run:
            deja = Millesime.objects.filter(
                empreinte=cle, statut__in=[StatutMillesime.PUBLIE, StatutMillesime.ARCHIVE]
            ).first()
            if deja and not self.remplacer:  # same files (and date): nothing to do
                self.rapport = Rapport.depuis(deja.compteurs)
                self.rapport.statut = "deja_importe"
                self.rapport.millesime_id = deja.pk
                return self.rapport
        if self.date_stock:
            self._verifier_date(self.date_stock)
        if not self.dry_run:
            self.millesime = self._millesime(cle)
        self._carte = carte_communes()
        self._deps = departements()
        try:
            with chargement_en_masse():
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
                    self.rapport.statut = "importe" if self.publie else "importe_non_publie"
                    self.rapport.millesime_id = self.millesime.pk
        except _Suspendu:
            self.rapport.statut = "suspendu"
            self.rapport.millesime_id = self.millesime.pk if self.millesime else None
        self.rapport.duree = time.monotonic() - debut
        return self.rapport

    def _conflit(self, date_stock: date) -> Millesime | None:
        """The imported vintage of the same date (real and demo vintages are kept apart)."""
        qs = Millesime.objects.filter(
            date_stock=date_stock,
            demo=self.demo,
            statut__in=[StatutMillesime.PUBLIE, StatutMillesime.ARCHIVE],
        )
        if self.millesime is not None:
            qs = qs.exclude(pk=self.millesime.pk)
        return qs.first()

    def _verifier_date(self, date_stock: date):
        """A vintage date already imported: say so and offer --remplacer (a dry run only warns)."""
        autre = self._conflit(date_stock)
        if autre is None or self.remplacer:
            return
        message = (
            f"Le millésime du {date_stock:%d/%m/%Y} est déjà importé (n° {autre.pk}, "
            f"{autre.get_statut_display().lower()}, fichiers {autre.fichier_unites_legales} et "
            f"{autre.fichier_etablissements}). Relancez avec --remplacer pour le remplacer (l'ancien est "
            "supprimé quand le nouveau est prêt), ou donnez une autre date avec --date."
        )
        if self.dry_run:
            self.rapport.avertissements.append(message)
            return
        raise ErreurSirene(message)

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
                f"Reprise de l'import interrompu (unités légales : "
                f"{nombre(en_cours.lignes_ul_traitees)} lignes, "
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
        with closing(flux.lots()) as lots:  # stops the read-ahead thread if the import fails
            for lot in lots:
                n = lot.num_rows
                if vus + n <= deja:
                    vus += n
                    continue
                if vus < deja:
                    lot = lot.slice(deja - vus)
                vus += n
                yield lot

    def _limite_atteinte(self, lues: int):
        self._lues_ce_passage += lues
        if self.limite_lignes is not None and self._lues_ce_passage >= self.limite_lignes:
            raise _Suspendu

    def _checkpoint(self, **champs):
        if self.millesime is None:
            return
        Millesime.objects.filter(pk=self.millesime.pk).update(compteurs=self.rapport.as_dict(), **champs)

    def _progres(self, phase, flux, lues, debut):
        ecoule = max(time.monotonic() - debut, 1e-6)
        position, total = flux.position(), flux.taille
        reste = ecoule * (total - position) / position if position and total else None
        self.progression(phase, lues, lues / ecoule, reste)

    def _ecrire(self, ecrivain, lignes, rejets, raison) -> int:
        """Write the rows (not in a dry run); returns how many were duplicates of the file."""
        if self.dry_run:
            return 0
        doublons = len(lignes) - ecrivain.ecrire(lignes)
        if doublons:
            rejets[raison] += doublons
        return doublons

    # --- legal units ---------------------------------------------------------------------------
    def _lire_unites_legales(self, flux):
        r = self.rapport
        deja = self.millesime.lignes_ul_traitees if self.millesime else 0
        sirens, familles = [], []  # arrow arrays, one per batch
        if deja:
            sirens_base, familles_base = self._sirens_en_base()
            sirens.append(sirens_base)
            familles.append(familles_base)
        ecrivain = Ecrivain(UniteLegale, CHAMPS_UL)
        valeurs_ess = pa.array(CATEGORIES_ESS)
        m = self.millesime.pk if self.millesime else None
        debut = time.monotonic()
        for lot in self._lots(flux, deja):
            r.ul_lues += lot.num_rows
            if "dateDernierTraitementUniteLegale" in lot.schema.names:
                date_max = pc.max(lot["dateDernierTraitementUniteLegale"]).as_py() or ""
                r.date_max = max(r.date_max, date_max[:10])
            if self.perimetre == Perimetre.FLAG:
                dedans = pc.equal(lot["economieSocialeSolidaireUniteLegale"], "O")
            else:
                dedans = pc.is_in(lot["categorieJuridiqueUniteLegale"], value_set=valeurs_ess)
            gardes = lot.filter(dedans)
            r.ul_rejets["hors du périmètre ESS"] += lot.num_rows - gardes.num_rows
            lignes, sirens_lot, familles_lot = lignes_unites_legales(gardes, self.perimetre, m, r)
            sirens.append(sirens_lot)
            familles.append(familles_lot)
            with transaction.atomic():
                doublons = self._ecrire(ecrivain, lignes, r.ul_rejets, "SIREN en double dans le fichier")
                r.ul_gardees -= doublons
                self._checkpoint(lignes_ul_traitees=F("lignes_ul_traitees") + lot.num_rows)
            self._progres("unités légales", flux, r.ul_lues, debut)
            self._limite_atteinte(lot.num_rows)
        if self.millesime:
            Millesime.objects.filter(pk=self.millesime.pk).update(etape="etablissements")
        if not self.date_stock and r.date_max:
            # Date read from the file: checked once the legal units are read (the run can be
            # resumed with --remplacer from the establishments).
            self._verifier_date(date.fromisoformat(r.date_max))
        return (
            pa.concat_arrays(sirens) if sirens else pa.array([], pa.string()),
            pa.concat_arrays(familles) if familles else pa.array([], pa.int8()),
        )

    def _sirens_en_base(self):
        lignes = UniteLegale.objects.filter(millesime=self.millesime).values_list("siren", "famille")
        sirens, familles = [], []
        for siren, famille in lignes.iterator(chunk_size=50_000):
            sirens.append(siren)
            familles.append(FAMILLES.index(famille))
        return pa.array(sirens, pa.string()), pa.array(familles, pa.int8())

    # --- establishments ------------------------------------------------------------------------
    def _lire_etablissements(self, flux, sirens, familles):
        r = self.rapport
        deja = self.millesime.lignes_etab_traitees if self.millesime else 0
        totaux = TotauxCommunes(self.millesime.totaux_communes if self.millesime else None)
        territoires = Territoires(self._carte, self._deps)
        ecrivain = Ecrivain(Etablissement, CHAMPS_ETAB)
        m = self.millesime.pk if self.millesime else None
        debut = time.monotonic()
        for lot in self._lots(flux, deja):
            r.etab_lues += lot.num_rows
            actif = pc.equal(lot["etatAdministratifEtablissement"], "A")
            totaux.ajouter(lot, actif)
            index = _index_sirens(lot["siren"], sirens)
            dans_ess = pc.is_valid(index)
            n_ess = pc.sum(dans_ess).as_py() or 0
            r.etab_rejets["unité légale hors du périmètre ESS"] += lot.num_rows - n_ess
            garder = pc.and_(dans_ess, actif)
            r.etab_rejets["établissement fermé"] += n_ess - (pc.sum(garder).as_py() or 0)
            lignes = lignes_etablissements(
                lot.filter(garder), familles.take(index.filter(garder)), territoires, self.regions, m, r
            )
            with transaction.atomic():
                doublons = self._ecrire(ecrivain, lignes, r.etab_rejets, "SIRET en double dans le fichier")
                r.etab_gardes -= doublons
                if self.millesime:
                    self._checkpoint(
                        lignes_etab_traitees=F("lignes_etab_traitees") + lot.num_rows,
                        totaux_communes=totaux.colonnes(),
                    )
            self._progres("établissements", flux, r.etab_lues, debut)
            self._limite_atteinte(lot.num_rows)
        self._totaux = totaux.en_dict()
        if self.millesime:
            Millesime.objects.filter(pk=self.millesime.pk).update(etape="agregats")

    # --- aggregates and swap -------------------------------------------------------------------
    def _publier(self):
        m = self.millesime
        date_stock = self.date_stock or (
            date.fromisoformat(self.rapport.date_max) if self.rapport.date_max else timezone.localdate()
        )
        publie = Millesime.objects.filter(statut=StatutMillesime.PUBLIE).exclude(pk=m.pk).first()
        with transaction.atomic():
            remplace = self._conflit(date_stock)
            if remplace is not None:
                if not self.remplacer:
                    raise ErreurSirene(f"Millésime du {date_stock:%d/%m/%Y} déjà importé : --remplacer ?")
                self.rapport.avertissements.append(
                    f"Millésime n° {remplace.pk} du {date_stock:%d/%m/%Y} remplacé par celui-ci."
                )
                if publie is not None and publie.pk == remplace.pk:
                    publie = None
                supprimer_millesime(remplace)  # (delete() sets remplace.pk to None: compare before)
            Agregat.objects.filter(millesime=m).delete()
            TotalTerritoire.objects.filter(millesime=m).delete()
            calculer_agregats(m)
            calculer_totaux(m, self._totaux, self._carte, self._deps, self.regions)
            # An older vintage than the published one is kept (queryable, in the series) but not
            # published; real figures always take over from synthetic ones.
            plus_ancien = (
                publie is not None
                and publie.demo == m.demo
                and publie.date_stock is not None
                and date_stock < publie.date_stock
            )
            if plus_ancien:
                m.statut = StatutMillesime.ARCHIVE
                self.rapport.avertissements.append(
                    f"Millésime plus ancien que le millésime publié (stock du {publie.libelle_date}) : "
                    "conservé et interrogeable, mais non publié (l'équipe peut le publier depuis la page "
                    "des millésimes)."
                )
            else:
                Millesime.objects.filter(statut=StatutMillesime.PUBLIE).exclude(pk=m.pk).update(
                    statut=StatutMillesime.ARCHIVE
                )
                m.statut = StatutMillesime.PUBLIE
                noter_publication(m, publie, None)
            m.etape = "termine"
            m.date_stock = date_stock
            m.fin = timezone.now()
            m.compteurs = self.rapport.as_dict()
            m.totaux_communes = {}
            m.save()
        self.millesime = m
        self.publie = not plus_ancien
