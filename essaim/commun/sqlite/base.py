"""SQLite backend whose write transactions take turns fairly between processes.

SQLite's own busy handler makes a waiting writer poll, at most every 100 ms after its first
few tries: with several writers (gunicorn workers, a bulk job, the task worker), one that
polls at the wrong moments can wait past ``busy_timeout`` while others keep winning the
lock — the bulk job itself was starved 10 s this way, and visitors 2 s. Here every write
transaction (``BEGIN IMMEDIATE`` of an atomic block) first takes an exclusive ``flock`` on
``<database>.ecriture``, retried every few milliseconds, and releases it at commit or
rollback: a released lock is taken within milliseconds by a waiting process, never after
100 ms of idle lock. Reads (WAL) take nothing. In-memory databases (tests) are unchanged.
"""

import fcntl
import os
import time

from django.conf import settings
from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

PAS_MAX = 0.004  # seconds between two tries


class DatabaseWrapper(base.DatabaseWrapper):
    _verrou = None  # file descriptor of <database>.ecriture, opened once per connection
    _tenu = False

    def _chemin_verrou(self) -> str | None:
        nom = str(self.settings_dict.get("NAME") or "")
        if not nom or nom == ":memory:" or "mode=memory" in nom:
            return None
        return f"{nom}.ecriture"

    def _prendre_verrou(self) -> None:
        chemin = self._chemin_verrou()
        if chemin is None:
            return
        if self._verrou is None:
            try:
                self._verrou = os.open(chemin, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError:  # read-only or absent folder: SQLite's own locking only
                return
        fin = time.monotonic() + getattr(settings, "SQLITE_BUSY_TIMEOUT", 10_000) / 1000
        pas = 0.0005
        while True:
            try:
                fcntl.flock(self._verrou, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self._tenu = True
                return
            except BlockingIOError:
                if time.monotonic() >= fin:
                    raise OperationalError("database is locked") from None
                time.sleep(pas)
                pas = min(pas * 2, PAS_MAX)

    def _rendre_verrou(self) -> None:
        if self._tenu:
            self._tenu = False
            fcntl.flock(self._verrou, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self):
        self._prendre_verrou()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._rendre_verrou()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._rendre_verrou()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._rendre_verrou()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._rendre_verrou()
            if self._verrou is not None:
                os.close(self._verrou)
                self._verrou = None
