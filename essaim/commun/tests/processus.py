"""Real processes for the tests that need several of them (backups, several servers, caches).

Each test gets a database of its own that other processes can open: a SQLite file in a
temporary directory, or a scratch PostgreSQL database dropped afterwards. Commands run as
``manage.py`` subprocesses with their own environment (settings module, var dir, database
URL), never through this test process's Django.
"""

import os
import secrets
import socket
import subprocess
import sys
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
    settings: str = "essaim.settings.test"
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
        With ``dialogue``, the test writes to its stdin and reads its stdout line by line."""
        return subprocess.Popen(
            [*map(str, args)],
            cwd=RACINE,
            env=self.env(**extra),
            stdin=subprocess.PIPE if dialogue else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE if dialogue else subprocess.STDOUT,
            text=True,
        )

    def shell_interactif(self, code: str, **extra) -> subprocess.Popen:
        return self.lancer(sys.executable, RACINE / "manage.py", "shell", "--no-imports", "-c", code,
                           dialogue=True, **extra)  # fmt: skip

    def preparer(self, references: bool = True) -> None:
        """Migrate and load the reference data (territories, vocabularies), no demo data."""
        self.manage("migrate", "--noinput", "-v0")
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


def base_sqlite(dossier: Path, **reglages) -> Base:
    (dossier / "var").mkdir(parents=True, exist_ok=True)
    return Base(dossier, f"sqlite:///{dossier / 'var' / 'essaim.sqlite3'}", **reglages)


def base_postgres(dossier: Path, **reglages) -> Base:
    """A new, empty scratch database (skipped when PostgreSQL is absent, outside CI)."""
    exiger_service("127.0.0.1", 5432, "PostgreSQL")
    nom = f"essaim_essai_{secrets.token_hex(4)}"
    _pg(f'CREATE DATABASE "{nom}"')
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
    return processus.stdout.read() if processus.stdout else ""
