"""Bulk pipelines: produce the next batch while the current one is written; keep each
write transaction short on SQLite."""

import json
import logging
import os
import queue
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


def en_avance(lots: Iterator, profondeur: int = 1) -> Iterator:
    """Produce the next batch in a thread while the caller writes the current one: parsing
    (pyarrow) or computing rows overlaps the database's work on the other core (pyarrow,
    SQLite and psycopg release the GIL). At most ``profondeur`` batches wait, so memory
    stays bounded; errors reach the caller."""
    file = queue.Queue(maxsize=profondeur)
    arret = threading.Event()
    fin = object()

    def deposer(element) -> bool:
        """Queue ``element`` unless the consumer has stopped (then False)."""
        while not arret.is_set():
            try:
                file.put(element, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produire():
        try:
            for lot in lots:
                if not deposer(lot):
                    return
            element = fin
        except BaseException as erreur:  # handed to the consumer thread
            element = erreur
        finally:
            if arret.is_set():
                lots.close()
        deposer(element)

    lecteur = threading.Thread(target=produire, name="en-avance", daemon=True)
    lecteur.start()
    try:
        while True:
            element = file.get()
            if element is fin:
                return
            if isinstance(element, BaseException):
                raise element
            yield element
    finally:
        arret.set()
        lecteur.join()


def ecrire_en_masse(curseur, table: str, colonnes: list[str], lignes) -> None:
    """Append rows (tuples in ``colonnes`` order): COPY on PostgreSQL, executemany on SQLite."""
    if not lignes:
        return
    from django.db import connection

    if connection.vendor == "postgresql":
        with curseur.cursor.copy(f"COPY {table} ({', '.join(colonnes)}) FROM STDIN") as copie:
            for ligne in lignes:
                copie.write_row(ligne)
    else:
        curseur.executemany(
            f"INSERT INTO {table} ({', '.join(colonnes)}) VALUES ({', '.join(['%s'] * len(colonnes))})",
            lignes,
        )


# --- Short write transactions (SQLite) -------------------------------------------------------
#
# SQLite has one write lock for the whole database: a bulk job that writes in one long
# transaction makes every visitor's write wait (busy_timeout) and, past it, fail. Bulk jobs
# therefore write in transactions of about ``DUREE_ECRITURE`` seconds, declare themselves
# while they run (``travail_de_masse``) so that a request that still could not get the lock
# can say who held it, and record their longest write transaction. PostgreSQL locks rows,
# not the database: there, the same code keeps one transaction (all or nothing).

DUREE_ECRITURE = 0.3
# Pause after each bulk commit. SQLite's busy handler polls a waiting writer every 100 ms
# at most: a job that began its next transaction at once would win the lock again and
# again while visitors' writes starve (as the import did: 2 s waits behind 0.5 s holds).
PAUSE_ECRITURE = 0.15

journal = logging.getLogger("essaim.ecritures")


def base_embarquee() -> bool:
    from django.db import connection

    return connection.vendor == "sqlite"


@dataclass
class Travail:
    """A bulk job running in this process, with its write transactions' figures."""

    nom: str
    debut: float = field(default_factory=time.monotonic)
    transactions: int = 0
    plus_longue: float = 0.0
    etape: str = ""  # what the job is doing now (set by the job, reported with the longest)
    etape_plus_longue: str = ""

    def compter(self, duree: float) -> None:
        self.transactions += 1
        if duree > self.plus_longue:
            self.plus_longue, self.etape_plus_longue = duree, self.etape
        if duree > 1:
            journal.info("%s : transaction d'écriture de %.2f s (%s)", self.nom, duree, self.etape)

    def resume(self) -> str:
        ou = f" ({self.etape_plus_longue})" if self.etape_plus_longue else ""
        return (
            f"{self.nom} : {self.transactions} transaction(s) d'écriture, la plus longue "
            f"{self.plus_longue:.2f} s{ou}, durée totale {time.monotonic() - self.debut:.1f} s"
        )


_travaux: list[Travail] = []


def _registre() -> Path:
    from django.conf import settings

    return Path(settings.VAR_DIR) / "travaux"


@contextmanager
def travail_de_masse(nom: str):
    """Declare a bulk job for its duration: ``var/travaux/<pid>.json`` names it for the
    requests that wait on the write lock, and its longest write transaction is logged at the
    end. Nested jobs (generation then rebuild) count in the outermost one."""
    if _travaux:
        yield _travaux[0]
        return
    travail = Travail(nom)
    fichier = _registre() / f"{os.getpid()}.json"
    try:
        fichier.parent.mkdir(parents=True, exist_ok=True)
        fichier.write_text(json.dumps({"nom": nom, "pid": os.getpid(), "debut": time.time()}))
    except OSError:  # the record is a courtesy for the logs, never a reason to fail the job
        fichier = None
    _travaux.append(travail)
    try:
        yield travail
    finally:
        _travaux.remove(travail)
        if fichier is not None:
            fichier.unlink(missing_ok=True)
        journal.info("Travail de masse %s", travail.resume())


def travaux_en_cours() -> list[dict]:
    """The bulk jobs declared by live processes (for the log of a request that waited)."""
    travaux = []
    for fichier in sorted(_registre().glob("*.json")):
        try:
            donnees = json.loads(fichier.read_text())
            os.kill(int(donnees["pid"]), 0)
        except ProcessLookupError:
            fichier.unlink(missing_ok=True)  # left by a job that died
            continue
        except (OSError, ValueError, KeyError, TypeError):
            continue
        travaux.append(donnees)
    return travaux


def travail_courant() -> Travail | None:
    return _travaux[0] if _travaux else None


@contextmanager
def ecriture(travail: Travail | None = None):
    """One write transaction of a bulk job, timed (its lock hold on SQLite)."""
    from django.db import connection, transaction

    courte = base_embarquee() and not connection.in_atomic_block
    if courte:
        _laisser_passer()
    debut = time.monotonic()
    try:
        with transaction.atomic():
            yield
    finally:
        travail = travail or travail_courant()
        if travail is not None:
            travail.compter(time.monotonic() - debut)
        if courte:
            _noter_fin()


_derniere_fin = [0.0]


def _laisser_passer() -> None:
    """Before a bulk job's next write transaction: at least ``PAUSE_ECRITURE`` since its
    last commit (work done in between counts), so that waiting writers get their turn."""
    reste = PAUSE_ECRITURE - (time.monotonic() - _derniere_fin[0])
    if reste > 0:
        time.sleep(reste)


def _noter_fin() -> None:
    _derniere_fin[0] = time.monotonic()


class Tranches:
    """Write transactions cut every ``duree`` seconds (SQLite) around a loop of small writes:

        with ecritures_courtes() as tranche:
            for ligne in lignes:
                ecrire(ligne)
                tranche.suite()   # commits and begins the next transaction when time is up

    Outside SQLite, or inside a transaction the caller already holds, it is one transaction.
    ``annuler=True`` rolls every transaction back (dry runs)."""

    def __init__(self, duree: float, annuler: bool):
        from django.db import connection

        self.duree, self.annuler = duree, annuler
        self.couper = base_embarquee() and not connection.in_atomic_block
        self._atomic = None
        self._debut = 0.0

    def _ouvrir(self):
        from django.db import transaction

        if self.couper:
            _laisser_passer()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self._debut = time.monotonic()

    def _fermer(self, *exc):
        from django.db import transaction

        if self.annuler:
            transaction.set_rollback(True)
        atomic, self._atomic = self._atomic, None
        try:
            atomic.__exit__(*exc)
        finally:
            travail = travail_courant()
            if travail is not None:
                travail.compter(time.monotonic() - self._debut)
            if self.couper:
                _noter_fin()

    def suite(self) -> bool:
        """Commit now if the transaction has lasted ``duree``; True when it did."""
        if not self.couper or time.monotonic() - self._debut < self.duree:
            return False
        self._fermer(None, None, None)
        self._ouvrir()
        return True


_tranches: list[Tranches] = []


@contextmanager
def ecritures_courtes(duree: float = DUREE_ECRITURE, annuler: bool = False):
    """See ``Tranches``. Nested inside another ``ecritures_courtes`` (a writer called by a
    bulk job that already cuts its transactions), it is the outer one: its ``suite()``
    cuts the outer transaction, so small writes share transactions instead of each paying
    a transaction and a pause."""
    if _tranches and not annuler:
        yield _tranches[-1]
        return
    tranches = Tranches(duree, annuler)
    tranches._ouvrir()
    _tranches.append(tranches)
    try:
        yield tranches
    except BaseException as erreur:
        _tranches.remove(tranches)
        tranches._fermer(type(erreur), erreur, erreur.__traceback__)
        raise
    _tranches.remove(tranches)
    tranches._fermer(None, None, None)
