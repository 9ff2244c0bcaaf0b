"""Fixtures shared by every app's tests."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _cache_vide():
    # Rate limits live in the cache: each test starts with none spent.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _on_commit_a_la_fin_de_la_requete(monkeypatch):
    """A test runs inside a transaction that never commits, so ``transaction.on_commit`` work
    (e-mails) would never run. A real request's own transactions do commit: run the callbacks a
    request registered, and did not roll back, when it ends."""
    from django.db import connection
    from django.test import Client, TestCase

    requete = Client.request

    def request(self, **kwargs):
        if not connection.in_atomic_block:  # transactional test, or no database
            return requete(self, **kwargs)
        with TestCase.captureOnCommitCallbacks(execute=True):
            return requete(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)


class FileDeTaches:
    """The production task queue (database) in a test: jobs wait for a worker, so a test sees
    what a request enqueued; ``travailler`` runs the real worker over what is waiting."""

    def etats(self) -> list[str]:
        from django_tasks_db.models import DBTaskResult

        return list(DBTaskResult.objects.order_by("enqueued_at", "id").values_list("status", flat=True))

    def travailler(self):
        import io

        from django.core.management import call_command

        call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def file_de_taches(settings, monkeypatch):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
    # The worker drops stale connections between jobs; inside a test's transaction that would
    # close the test's own connection (PostgreSQL).
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    return FileDeTaches()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real COG once per test session (35,000 communes, a few seconds)."""
    from essaim.territoires.services import charger_territoires

    with django_db_blocker.unblock():
        charger_territoires()


@pytest.fixture(scope="session", autouse=True)
def _flush_garde_les_territoires():
    """Transactional tests (live server, browser) empty every table when they end, and the next
    one would reload the 35,000 communes (seconds each time). The reference tables are left
    alone instead: they were loaded once in django_db_setup, and no test writes to them
    outside a rolled-back transaction (`test_les_tests_transactionnels_gardent_les_territoires`
    checks that the data is still there after a flush)."""
    from django.apps import apps
    from django.core.management.commands import flush

    def sql_flush(style, connection, reset_sequences=True, allow_cascade=False):
        config = apps.get_app_config("territoires")
        gardees = {m._meta.db_table for m in config.get_models(include_auto_created=True)}
        tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
        return connection.ops.sql_flush(
            style,
            [t for t in tables if t not in gardees],
            reset_sequences=reset_sequences,
            allow_cascade=allow_cascade,
        )

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(flush, "sql_flush", sql_flush)
        yield


@pytest.fixture
def territoires(db):
    """The real COG in a transactional test (live server): loaded once per session, kept by flushes."""
    from essaim.territoires.services import charger_territoires

    charger_territoires()


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def navigateur():
    """Headless Debian Chromium driven by Playwright (never `playwright install`).

    Skipped when Chromium is absent, except in CI where it is mandatory.
    """
    import os

    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium est obligatoire en CI (apt-get install chromium).")
        pytest.skip("Chromium absent : apt-get install chromium")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(navigateur, live_server):
    """A fresh browser page; console errors and failed requests are collected on it."""
    from playwright.sync_api import expect

    contexte = navigateur.new_context(base_url=live_server.url, locale="fr-FR")
    # Tests wait on conditions (expect, wait_for_url), never on durations; these are only the
    # caps, generous because a shared 2-core machine under load serves a page in seconds.
    contexte.set_default_timeout(30_000)
    expect.set_options(timeout=20_000)
    onglet = contexte.new_page()
    onglet.erreurs_console = []
    onglet.requetes_echouees = []
    onglet.on("console", lambda m: m.type == "error" and onglet.erreurs_console.append(m.text))
    # A request the page itself aborted (htmx replacing a pending suggestion request) is not a failure.
    onglet.on(
        "requestfailed",
        lambda r: "ERR_ABORTED" not in (r.failure or "") and onglet.requetes_echouees.append(r.url),
    )
    onglet.on(
        "response", lambda r: r.status >= 400 and onglet.requetes_echouees.append(f"{r.status} {r.url}")
    )
    yield onglet
    contexte.close()
