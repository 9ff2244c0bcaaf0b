"""Streaming readers for INSEE SIRENE stocks: CSV, CSV inside a ZIP, Parquet (or Parquet in a ZIP).

Every reader yields pyarrow RecordBatches holding only the requested columns, as strings, so
memory stays bounded whatever the file size (the national establishment stock has over 40
million rows) and the ESS filter runs vectorised in C++ instead of row by row in Python.
"""

import codecs
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from essaim.commun.flux import en_avance
from essaim.commun.imports import renifler_csv

# 32 MiB blocks (~150,000 establishment rows): few checkpoints, peak RSS well under 1.5 GB
# (pyarrow reads a few blocks ahead).
TAILLE_BLOC_CSV = 32 * 1024 * 1024
TAILLE_BLOC_ANALYSE = 4 * 1024 * 1024
LIGNES_PAR_LOT_PARQUET = 100_000


class ErreurSirene(Exception):
    """The file cannot be imported (French message naming the file and the cause)."""


@dataclass
class FluxSirene:
    """An opened stock: its header, total size for the ETA, and a batch iterator."""

    nom: str
    entetes: list[str]
    format: str
    encodage: str
    taille: int  # bytes (CSV) or rows (Parquet): the unit of ``position()``
    _lots: object = None
    _position: object = None

    def lots(self) -> Iterator[pa.RecordBatch]:
        return self._lots()

    def position(self) -> int:
        return self._position() if self._position else 0


class _Compteur(io.RawIOBase):
    """Wraps a binary file to expose how many bytes were consumed (for progress and ETA)."""

    def __init__(self, brut):
        self.brut = brut
        self.lus = 0

    def readable(self):
        return True

    def readinto(self, tampon):
        donnees = self.brut.read(len(tampon))
        n = len(donnees)
        tampon[:n] = donnees
        self.lus += n
        return n

    def read(self, n=-1):
        donnees = self.brut.read(n)
        self.lus += len(donnees)
        return donnees

    def close(self):
        self.brut.close()
        super().close()


def _entetes_csv(echantillon: bytes, nom: str) -> tuple[list[str], str, str]:
    encodage, separateur, premiere = renifler_csv(echantillon)
    if not premiere.strip():
        raise ErreurSirene(f"Le fichier « {nom} » est vide ou n'a pas de ligne d'en-tête.")
    return [e.strip().strip('"') for e in premiere.split(separateur)], separateur, encodage


def _flux_csv(ouvrir, nom: str, taille: int, colonnes: list[str], taille_bloc=None) -> FluxSirene:
    """``ouvrir`` opens a binary stream of the CSV (plain file or ZIP member)."""

    with ouvrir() as brut:
        echantillon = brut.read(64 * 1024)
    if not echantillon.strip():
        raise ErreurSirene(f"Le fichier « {nom} » est vide.")
    if b"\x00" in echantillon[:4096]:
        raise ErreurSirene(f"Le fichier « {nom} » n'est ni un CSV, ni un ZIP, ni un Parquet lisible.")
    entetes, separateur, encodage = _entetes_csv(echantillon, nom)
    a_lire = [c for c in colonnes if c in entetes]
    compteur = {"flux": None}

    options_lecture = pacsv.ReadOptions(
        # "utf8" exactly: any other spelling makes pyarrow transcode through Python.
        encoding="utf8" if encodage == "utf-8-sig" else encodage,
        # Each chunk is parsed in 4 MiB blocks, in parallel on every core.
        block_size=TAILLE_BLOC_ANALYSE,
    )
    options_conversion = pacsv.ConvertOptions(
        include_columns=a_lire,
        column_types={c: pa.string() for c in a_lire},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    analyse_simple = pacsv.ParseOptions(delimiter=separateur, newlines_in_values=False)
    # A quoted field may hold a line break: slower parsing, only for chunks that have quotes.
    analyse_guillemets = pacsv.ParseOptions(delimiter=separateur, newlines_in_values=True)

    def blocs():
        # Chunks cut at line ends and parsed one at a time (pyarrow's own streaming reader reads
        # ahead without bound when the consumer is slower): memory stays at a few chunks.
        compteur["flux"] = _Compteur(ouvrir())
        flux = io.BufferedReader(compteur["flux"], buffer_size=1 << 20)
        try:
            entete = flux.readline()
            if encodage == "utf-8-sig" and entete.startswith(codecs.BOM_UTF8):
                entete = entete[len(codecs.BOM_UTF8) :]
            while True:
                bloc = flux.read(taille_bloc or TAILLE_BLOC_CSV)
                if not bloc:
                    break
                if not bloc.endswith(b"\n"):
                    bloc += flux.readline()
                guillemets = bloc.count(b'"')
                # An odd number of quotes: the cut fell inside a quoted field; read on to its end.
                while guillemets % 2:
                    suite = flux.readline()
                    if not suite:
                        break
                    bloc += suite
                    guillemets += suite.count(b'"')
                table = pacsv.read_csv(
                    pa.py_buffer(entete + bloc),
                    read_options=options_lecture,
                    parse_options=analyse_guillemets if guillemets else analyse_simple,
                    convert_options=options_conversion,
                )
                yield from table.combine_chunks().to_batches()
        except (pa.ArrowInvalid, zipfile.BadZipFile, EOFError, OSError) as erreur:
            raise ErreurSirene(_message_lecture(nom, erreur)) from erreur
        finally:
            flux.close()

    def lots():
        return en_avance(blocs())

    def position():
        flux = compteur["flux"]
        return taille if flux is None or flux.closed else flux.lus

    return FluxSirene(nom, entetes, "csv", encodage, taille, lots, position)


def _message_lecture(nom: str, erreur: Exception) -> str:
    texte = str(erreur)
    if isinstance(erreur, zipfile.BadZipFile | EOFError) or "CRC" in texte:
        return f"L'archive « {nom} » est tronquée ou corrompue ({texte}). Téléchargez-la de nouveau."
    if "Expected" in texte and "columns" in texte:
        return (
            f"Le fichier « {nom} » est mal formé : une ligne n'a pas le nombre de colonnes de l'en-tête "
            f"({texte})."
        )
    return f"Lecture impossible de « {nom} » : {texte}"


def _flux_parquet(source, nom: str, colonnes: list[str]) -> FluxSirene:
    try:
        fichier = pq.ParquetFile(source)
    except (pa.ArrowInvalid, OSError) as erreur:
        raise ErreurSirene(f"Le fichier Parquet « {nom} » est illisible ou tronqué ({erreur}).") from erreur
    entetes = fichier.schema_arrow.names
    a_lire = [c for c in colonnes if c in entetes]
    etat = {"lignes": 0}

    def lots():
        return en_avance(lots_parquet())

    def lots_parquet():
        try:
            for lot in fichier.iter_batches(batch_size=LIGNES_PAR_LOT_PARQUET, columns=a_lire):
                etat["lignes"] += lot.num_rows
                yield pa.RecordBatch.from_arrays(
                    [_en_texte(lot.column(i)) for i in range(lot.num_columns)], names=lot.schema.names
                )
        except (pa.ArrowInvalid, OSError) as erreur:
            raise ErreurSirene(
                f"Le fichier Parquet « {nom} » est illisible ou tronqué ({erreur})."
            ) from erreur

    return FluxSirene(nom, entetes, "parquet", "", fichier.metadata.num_rows, lots, lambda: etat["lignes"])


def _en_texte(colonne: pa.Array) -> pa.Array:
    """Parquet stocks type some columns (dates, booleans, numbers): read everything as text."""
    if pa.types.is_boolean(colonne.type):
        import pyarrow.compute as pc

        colonne = pc.if_else(colonne, "true", "false")
    elif not pa.types.is_string(colonne.type):
        colonne = colonne.cast(pa.string())
    return colonne.fill_null("")


def ouvrir_stock(chemin: str | Path, colonnes: list[str], taille_bloc: int | None = None) -> FluxSirene:
    """Open a stock file whatever its packaging; reads only ``colonnes`` that the header has."""
    chemin = Path(chemin)
    nom = chemin.name
    if not chemin.exists():
        raise ErreurSirene(f"Fichier introuvable : « {chemin} ».")
    with open(chemin, "rb") as f:
        debut = f.read(4)
    if debut.startswith(b"PK"):
        return _flux_zip(chemin, nom, colonnes, taille_bloc)
    if debut == b"PAR1":
        return _flux_parquet(str(chemin), nom, colonnes)
    return _flux_csv(lambda: open(chemin, "rb"), nom, chemin.stat().st_size, colonnes, taille_bloc)


def _flux_zip(chemin: Path, nom: str, colonnes: list[str], taille_bloc=None) -> FluxSirene:
    try:
        archive = zipfile.ZipFile(chemin)
        membres = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError) as erreur:
        raise ErreurSirene(
            f"L'archive ZIP « {nom} » est tronquée ou corrompue ({erreur}). Téléchargez-la de nouveau."
        ) from erreur
    candidats = [m for m in membres if m.filename.lower().endswith((".csv", ".parquet", ".txt"))]
    if not candidats:
        raise ErreurSirene(f"L'archive « {nom} » ne contient aucun fichier CSV ni Parquet.")
    membre = max(candidats, key=lambda m: m.file_size)
    nom_complet = f"{nom} › {membre.filename}"
    if membre.filename.lower().endswith(".parquet"):
        # Parquet needs random access: a seekable member stream (read sequentially by row group).
        return _flux_parquet(archive.open(membre), nom_complet, colonnes)

    def ouvrir():
        try:
            return zipfile.ZipFile(chemin).open(membre)
        except (zipfile.BadZipFile, OSError) as erreur:
            raise ErreurSirene(_message_lecture(nom_complet, erreur)) from erreur

    return _flux_csv(ouvrir, nom_complet, membre.file_size, colonnes, taille_bloc)
