"""Backup and restore of a whole instance: the database and the files, in one archive.

The archive is a tar file (gzip-compressed when its name ends in ``.gz``) holding:

- ``manifeste.json``: format version, date, database engine, last migration of each app,
  the row count of every table at the moment of the copy, and the files included;
- ``base.sqlite3`` (SQLite, a consistent copy by the online backup API, taken while the site
  keeps serving) or ``base.dump`` (PostgreSQL, ``pg_dump -Fc`` of the same snapshot the row
  counts were read from, so counts and dump agree even while the site writes);
- ``media/…``: public files (logos), ``prive/…``: the private file store.

``restaurer`` refuses a non-empty database (unless told to replace it), restores the database,
then the files, then checks each table's row count against the manifest.
Files are copied after the database: a file written during the backup may be included without
its row, never the reverse for files that existed when the database was copied.
"""

import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFESTE = "manifeste.json"


class ErreurSauvegarde(Exception):
    """A backup or restore that cannot go on, with a message for the operator."""


def dossiers_fichiers() -> dict[str, Path]:
    """Archive prefix → directory of the files to include (public media, private store)."""
    prive = getattr(settings, "ESSAIM_PRIVE_ROOT", Path(settings.VAR_DIR) / "prive")
    return {"media": Path(settings.MEDIA_ROOT), "prive": Path(prive)}


def tables() -> list[str]:
    with connection.cursor() as curseur:
        noms = connection.introspection.table_names(curseur, include_views=False)
    return sorted(n for n in noms if not n.startswith("sqlite_"))


def _compter(curseur, noms) -> dict[str, int]:
    comptes = {}
    for nom in noms:
        curseur.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(nom)}")
        comptes[nom] = curseur.fetchone()[0]
    return comptes


def compter_lignes() -> dict[str, int]:
    """Row count of every table of the current database."""
    with connection.cursor() as curseur:
        return _compter(curseur, tables())


def _migrations() -> dict[str, str]:
    dernieres: dict[str, str] = {}
    for app, nom in MigrationRecorder(connection).applied_migrations():
        dernieres[app] = max(dernieres.get(app, ""), nom)
    return dict(sorted(dernieres.items()))


def _env_pg() -> tuple[dict, list[str]]:
    """Environment and connection arguments of pg_dump / pg_restore for the default database."""
    reglages = connection.settings_dict
    env = dict(os.environ)
    if reglages.get("PASSWORD"):
        env["PGPASSWORD"] = str(reglages["PASSWORD"])
    args = []
    for option, cle in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if reglages.get(cle):
            args += [option, str(reglages[cle])]
    return env, [*args, "--dbname", reglages["NAME"]]


def _copier_sqlite(destination: Path) -> dict[str, int]:
    """Online backup of the live database into ``destination``; row counts of that copy."""
    connection.ensure_connection()
    copie = sqlite3.connect(destination)
    try:
        # In one step: a read transaction of the source, which in WAL mode never blocks writers
        # (a copy by steps restarts whenever another connection writes in between).
        connection.connection.backup(copie)
        curseur = copie.cursor()
        curseur.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        noms = sorted(r[0] for r in curseur.fetchall())
        return {nom: curseur.execute(f'SELECT COUNT(*) FROM "{nom}"').fetchone()[0] for nom in noms}
    finally:
        copie.close()


def _copier_postgres(destination: Path) -> dict[str, int]:
    """pg_dump of one exported snapshot, and the row counts read in that same snapshot."""
    env, args = _env_pg()
    noms = tables()
    with connection.get_new_connection(connection.get_connection_params()) as pg:
        pg.autocommit = True
        pg.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        instantane = pg.execute("SELECT pg_export_snapshot()").fetchone()[0]
        with pg.cursor() as curseur:
            comptes = _compter(curseur, noms)
        fini = subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={instantane}",
                "--file",
                str(destination),
                *args,
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        pg.execute("COMMIT")
    if fini.returncode != 0:
        raise ErreurSauvegarde(f"pg_dump a échoué : {fini.stderr.strip()}")
    return comptes


@dataclass
class Bilan:
    chemin: Path
    tables: int
    lignes: int
    fichiers: int
    octets: int
    duree_s: float


def sauvegarder(sortie: Path) -> Bilan:
    """Write the archive to ``sortie`` (through a temporary file: never a half-written archive)."""
    debut = time.monotonic()
    sortie = Path(sortie)
    sortie.parent.mkdir(parents=True, exist_ok=True)
    moteur = connection.vendor
    with tempfile.TemporaryDirectory(dir=sortie.parent, prefix=".sauvegarde-") as tmp:
        base = Path(tmp) / ("base.sqlite3" if moteur == "sqlite" else "base.dump")
        if moteur == "sqlite":
            comptes = _copier_sqlite(base)
        elif moteur == "postgresql":
            comptes = _copier_postgres(base)
        else:
            raise ErreurSauvegarde(f"Moteur de base non pris en charge : {moteur}.")
        fichiers = []
        for prefixe, dossier in dossiers_fichiers().items():
            if dossier.is_dir():
                for chemin in sorted(p for p in dossier.rglob("*") if p.is_file()):
                    fichiers.append((f"{prefixe}/{chemin.relative_to(dossier).as_posix()}", chemin))
        manifeste = {
            "format": FORMAT,
            "application": "essaim",
            "cree_le": datetime.now(UTC).isoformat(),
            "moteur": moteur,
            "base": base.name,
            "migrations": _migrations(),
            "tables": comptes,
            "fichiers": {nom: chemin.stat().st_size for nom, chemin in fichiers},
        }
        partiel = Path(tmp) / "archive"
        with tarfile.open(partiel, "w:gz" if sortie.name.endswith(".gz") else "w") as tar:
            contenu = json.dumps(manifeste, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFESTE)
            info.size, info.mtime = len(contenu), int(time.time())
            tar.addfile(info, io.BytesIO(contenu))
            tar.add(base, arcname=base.name)
            for nom, chemin in fichiers:
                tar.add(chemin, arcname=nom)
        os.replace(partiel, sortie)
    return Bilan(
        sortie,
        len(comptes),
        sum(comptes.values()),
        len(fichiers),
        sortie.stat().st_size,
        time.monotonic() - debut,
    )


def lire_manifeste(archive: Path) -> dict:
    with tarfile.open(archive) as tar:
        try:
            manifeste = json.load(tar.extractfile(MANIFESTE))
        except KeyError:
            raise ErreurSauvegarde(f"{archive} n'est pas une sauvegarde d'Essaim (pas de {MANIFESTE}).")
    if manifeste.get("application") != "essaim" or manifeste.get("format") != FORMAT:
        raise ErreurSauvegarde(f"Format de sauvegarde inconnu : {manifeste.get('format')}.")
    return manifeste


def _restaurer_sqlite(fichier: Path) -> None:
    connection.close()
    source = sqlite3.connect(fichier)
    cible = sqlite3.connect(connection.settings_dict["NAME"])
    try:
        source.backup(cible)
    finally:
        source.close()
        cible.close()


def _restaurer_postgres(fichier: Path, ecraser: bool) -> None:
    connection.close()
    env, args = _env_pg()
    options = ["--clean", "--if-exists"] if ecraser else []
    fini = subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            *options,
            *args,
            str(fichier),
        ],
        env=env,
        capture_output=True,
        text=True,
    )
    if fini.returncode != 0:
        raise ErreurSauvegarde(f"pg_restore a échoué : {fini.stderr.strip()}")


def restaurer(archive: Path, ecraser: bool = False) -> dict[str, tuple[int, int]]:
    """Restore ``archive`` into the current database and file directories.

    Returns {table: (rows expected, rows found)} for every table of the manifest; raises
    ``ErreurSauvegarde`` on any difference, a non-empty database (unless ``ecraser``) or
    an archive of another engine.
    """
    archive = Path(archive)
    manifeste = lire_manifeste(archive)
    if manifeste["moteur"] != connection.vendor:
        raise ErreurSauvegarde(
            f"Sauvegarde {manifeste['moteur']}, base {connection.vendor} : "
            "restaurez dans une base du même moteur."
        )
    presentes = tables()
    if presentes and not ecraser:
        raise ErreurSauvegarde(
            f"La base n'est pas vide ({len(presentes)} tables) : restaurez dans une base vide, "
            "ou ajoutez --ecraser pour la remplacer."
        )
    dossiers = dossiers_fichiers()
    with tempfile.TemporaryDirectory(prefix="essaim-restauration-") as tmp, tarfile.open(archive) as tar:
        tar.extract(manifeste["base"], tmp, filter="data")
        fichier = Path(tmp) / manifeste["base"]
        if connection.vendor == "sqlite":
            _restaurer_sqlite(fichier)
        else:
            _restaurer_postgres(fichier, ecraser)
        fichier.unlink()
        for prefixe, dossier in dossiers.items():
            if ecraser and dossier.is_dir():
                shutil.rmtree(dossier)
            membres = [m for m in tar.getmembers() if m.name.startswith(f"{prefixe}/") and m.isfile()]
            for membre in membres:
                membre = membre.replace(name=membre.name[len(prefixe) + 1 :])
                tar.extract(membre, dossier, filter="data")
    comptes = compter_lignes()
    ecarts = {t: (n, comptes.get(t)) for t, n in manifeste["tables"].items() if comptes.get(t) != n}
    if ecarts:
        detail = ", ".join(f"{t} : {a} attendues, {b} trouvées" for t, (a, b) in sorted(ecarts.items()))
        raise ErreurSauvegarde(f"Restauration incomplète : {detail}.")
    from django.core.cache import cache
    from django.core.management import call_command

    call_command("createcachetable")  # the database cache of production, if the copy had none
    cache.clear()  # rate limits and cached pages of the instance that was replaced
    return {t: (n, comptes[t]) for t, n in manifeste["tables"].items()}
