"""Bulk pipelines: produce the next batch while the current one is written."""

import queue
import threading
from collections.abc import Iterator


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
