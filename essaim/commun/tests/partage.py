"""Rows built once for a whole test module whose tests only read them.

A module-scoped fixture opens a transaction, builds its rows and hands them out; every test
then runs in its own savepoint inside it (rolled back after the test, as usual), and the rows
themselves are rolled back after the module's last test. Building 60 indexed structures once
instead of before each of eight tests is the point.

    @pytest.fixture(scope="module")
    def semis(django_db_setup, django_db_blocker):
        yield from donnees_du_module(django_db_blocker, construire_les_structures)

Not for modules with transactional tests (live server, browser): their flush would empty the
shared rows. Objects handed out are shared: a test that changes one in the database must
``refresh_from_db()`` what it reads afterwards.
"""

from collections.abc import Callable, Iterator

from django.db import transaction


def donnees_du_module(django_db_blocker, construire: Callable) -> Iterator:
    with django_db_blocker.unblock():
        bloc = transaction.atomic()
        bloc.__enter__()
        try:
            valeur = construire()
        except BaseException:
            transaction.set_rollback(True)
            bloc.__exit__(None, None, None)
            raise
    try:
        yield valeur
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            bloc.__exit__(None, None, None)
