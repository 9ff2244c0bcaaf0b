"""Real processes for the tests that need several of them (backups, several servers, caches).

Each test gets a database of its own that other processes can open: a SQLite file in a
temporary directory, or a scratch PostgreSQL database dropped afterwards. Commands run as
``manage.py`` subprocesses with their own environment (settings module, var dir, database
URL), never through this test process's Django.
"""

import fcntl
import hashlib
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

RACINE = Path(__file__).resolve().parents[3]
PG_SERVEUR = os.environ.get("ESSAIM_PG_SERVEUR", "postgres://postgres@127.0.0.1:5432")


def exiger_service(hote: str, port: int, nom: str) -> None:
    """Skip when a service is absent, except in CI where it is mandatory."""
    try:
        socket.create_connection((hote, port), 1).close()
    except OSError:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{nom} est obligatoire en CI et ne répond pas sur {hote}:{port}.")
        pytest.skip(f"{nom} absent sur {hote}:{port}")


def port_libre() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Base:
    """A database and a var dir of their own, and how to run manage.py against them."""

    dossier: Path
    url: str
    # The development settings read ESSAIM_VAR_DIR and DATABASE_URL as given (the test settings
    # derive their own per-checkout folder); e-mails kept in memory, tasks run inline.
    settings: str = "essaim.settings"
    extra: dict = field(default_factory=dict)

    @property
    def postgres(self) -> bool:
        return self.url.startswith("postgres")

    def env(self, **extra) -> dict:
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "PYTEST", "ESSAIM_", "COV_")) and k != "DATABASE_URL"
        }
        env.update(
            DJANGO_SETTINGS_MODULE=self.settings,
            ESSAIM_VAR_DIR=str(self.dossier / "var"),
            DATABASE_URL=self.url,
            SECRET_KEY="cle-de-test-" + "x" * 40,
            ESSAIM_DONNEES_DEMO="false",
            EMAIL_URL="memorymail://",
            TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra)
        env.update({k: str(v) for k, v in extra.items()})
        return env

    def essayer(self, *args, entree: str | None = None, timeout: float = 300, **extra):
        """Run ``manage.py args``; return the finished process, whatever its exit code."""
        return subprocess.run(
            [sys.executable, str(RACINE / "manage.py"), *map(str, args)],
            cwd=RACINE,
            env=self.env(**extra),
            input=entree,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def manage(self, *args, entree: str | None = None, timeout: float = 300, **extra) -> str:
        """Run ``manage.py args`` and return its stdout; fail the test with its output on error."""
        fini = self.essayer(*args, entree=entree, timeout=timeout, **extra)
        if fini.returncode != 0:
            commande = " ".join(map(str, args))[:200]
            pytest.fail(f"manage.py {commande} : code {fini.returncode}\n{fini.stderr[-4000:]}")
        return fini.stdout

    def python(self, code: str, timeout: float = 300, **extra) -> str:
        """Run Python code in a Django shell of this database; return what it printed."""
        return self.manage("shell", "--no-imports", "-c", code, timeout=timeout, **extra)

    def lancer(self, *args, dialogue: bool = False, **extra) -> subprocess.Popen:
        """Start a long-running command (server, worker); the caller stops it (``arreter``).
        With ``dialogue``, the test writes to its stdin and reads its stdout line by line.
        Otherwise the output goes to a file, never to a pipe nobody reads while the process
        runs: a server logging thousands of 404s would fill the pipe's 64 KiB and every worker
        would block on its next log line (schemathesis saw that as requests never answered)."""
        journal = None if dialogue else tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed with the process)
        processus = subprocess.Popen(
            [*map(str, args)],
            cwd=RACINE,
            env=self.env(**extra),
            stdin=subprocess.PIPE if dialogue else subprocess.DEVNULL,
            stdout=subprocess.PIPE if dialogue else journal,
            stderr=subprocess.PIPE if dialogue else subprocess.STDOUT,
            text=True,
        )
        processus.journal = journal
        return processus

    def shell_interactif(self, code: str, **extra) -> subprocess.Popen:
        return self.lancer(
            sys.executable, RACINE / "manage.py", "shell", "--no-imports", "-c", code, dialogue=True, **extra
        )

    def preparer(self, references: bool = True) -> None:
        """Migrate and load the reference data (territories, vocabularies), no demo data."""
        self.manage("migrate", "--noinput", "-v0")
        # The production cache table (rate limits), as `make serve` creates it.
        self.manage("createcachetable", DJANGO_SETTINGS_MODULE="essaim.settings.production")
        if references:
            self.manage("preparer", "--sans-demo")

    def detruire(self) -> None:
        if self.postgres:
            detruire_postgres(self.url.rsplit("/", 1)[1])


def _pg(sql: str) -> None:
    import psycopg

    with psycopg.connect(f"{PG_SERVEUR}/postgres", autocommit=True) as c:
        c.execute(sql)


def detruire_postgres(nom: str) -> None:
    _pg(f'DROP DATABASE IF EXISTS "{nom}" WITH (FORCE)')


def _empreinte_code() -> str:
    """Content hash of what shapes a prepared database: migrations and reference-data loaders."""
    h = hashlib.sha256()
    essaim = RACINE / "essaim"
    fichiers = [
        *essaim.glob("*/migrations/*.py"),
        *essaim.glob("*/apps.py"),
        *essaim.glob("*/reference.py"),
        essaim / "territoires" / "services.py",
        Path(__file__),
        *(essaim / "territoires" / "data").rglob("*"),
    ]
    for chemin in sorted(f for f in fichiers if f.is_file()):
        h.update(chemin.relative_to(RACINE).as_posix().encode() + chemin.read_bytes())
    return h.hexdigest()[:12]


def _modele(moteur: str) -> str:
    """A database migrated with reference data loaded (territories, vocabularies), built once
    for every test session and xdist worker of this code (locked), then copied by each test:
    ``migrate`` + ``preparer`` take 30 to 60 s as subprocesses on a busy machine."""
    cle = _empreinte_code()
    dossier = Path(tempfile.gettempdir()) / "essaim-modeles" / cle
    dossier.mkdir(parents=True, exist_ok=True)
    pret = dossier / f"{moteur}.pret"
    with open(dossier / f"{moteur}.verrou", "w") as verrou:
        fcntl.flock(verrou, fcntl.LOCK_EX)
        if moteur == "sqlite":
            url = f"sqlite:///{dossier / 'modele.sqlite3'}"
        else:
            url = f"{PG_SERVEUR}/essaim_modele_{cle}"
        if not pret.exists():
            if moteur == "postgresql":
                detruire_postgres(url.rsplit("/", 1)[1])
                _pg(f'CREATE DATABASE "{url.rsplit("/", 1)[1]}"')
            Base(dossier / "construction", url).preparer()
            pret.touch()
    return url


def base_sqlite(dossier: Path, preparee: bool = False, **reglages) -> Base:
    """A SQLite file of its own: empty, or a copy of the prepared model (``preparee``)."""
    (dossier / "var").mkdir(parents=True, exist_ok=True)
    fichier = dossier / "var" / "essaim.sqlite3"
    if preparee:
        shutil.copyfile(_modele("sqlite").removeprefix("sqlite:///"), fichier)
    return Base(dossier, f"sqlite:///{fichier}", **reglages)


def base_postgres(dossier: Path, preparee: bool = False, **reglages) -> Base:
    """A new scratch database, empty or a copy of the prepared model (skipped when PostgreSQL
    is absent, outside CI)."""
    exiger_service("127.0.0.1", 5432, "PostgreSQL")
    modele = _modele("postgresql").rsplit("/", 1)[1] if preparee else None
    nom = f"essaim_essai_{secrets.token_hex(4)}"
    _pg(f'CREATE DATABASE "{nom}"' + (f' TEMPLATE "{modele}"' if modele else ""))
    (dossier / "var").mkdir(parents=True, exist_ok=True)
    return Base(dossier, f"{PG_SERVEUR}/{nom}", **reglages)


def attendre(condition, delai: float = 30, pas: float = 0.1, message: str = "condition"):
    """Poll ``condition`` until it returns something truthy; fail after ``delai`` seconds."""
    fin = time.monotonic() + delai
    while True:
        resultat = condition()
        if resultat:
            return resultat
        if time.monotonic() > fin:
            pytest.fail(f"{message} : toujours faux après {delai} s")
        time.sleep(pas)


def arreter(processus: subprocess.Popen, delai: float = 10) -> str:
    """Stop a process started by ``Base.lancer`` and return its output."""
    if processus.poll() is None:
        processus.terminate()
        try:
            processus.wait(delai)
        except subprocess.TimeoutExpired:
            processus.kill()
            processus.wait()
    return sortie(processus)


def sortie(processus: subprocess.Popen) -> str:
    """What a process started by ``Base.lancer`` has written so far."""
    journal = getattr(processus, "journal", None)
    if journal is not None:
        journal.seek(0)
        return journal.read()
    return processus.stdout.read() if processus.stdout else ""


class Serveur:
    """gunicorn with the production settings on a free loopback port (HTTP, no TLS proxy)."""

    def __init__(self, base: Base, workers: int = 2, **extra):
        self.base, self.port = base, port_libre()
        self.url = f"http://127.0.0.1:{self.port}"
        reglages = {"ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "false", **extra}
        self.processus = base.lancer(
            Path(sys.executable).parent / "gunicorn",
            "essaim.wsgi",
            "-c",
            "python:essaim.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            workers,
            "--timeout",
            60,
            "--no-control-socket",
            DJANGO_SETTINGS_MODULE="essaim.settings.production",
            **reglages,
        )
        attendre(self._pret, delai=60, pas=0.2, message=f"gunicorn sur {self.url}")

    def _pret(self) -> bool:
        if self.processus.poll() is not None:
            pytest.fail(f"gunicorn s'est arrêté :\n{sortie(self.processus)[-4000:]}")
        try:
            socket.create_connection(("127.0.0.1", self.port), 0.5).close()
            return True
        except OSError:
            return False

    def arreter(self) -> str:
        return arreter(self.processus)


def collecter_statiques(base: Base) -> None:
    """What `make serve` does before starting, besides migrate and createcachetable (without
    the compression, which only saves bytes on the wire). Servers of this base then use the
    same manifest storage (pages, error pages)."""
    base.extra["ESSAIM_STATIQUES_COMPRESSES"] = "false"
    base.manage("collectstatic", "--noinput", "-v0", DJANGO_SETTINGS_MODULE="essaim.settings.production")
