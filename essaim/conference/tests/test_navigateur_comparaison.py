"""Headless browser pass over the editions comparison: from the list of editions to the
side-by-side tables and charts of a région."""

import re

import pytest
from playwright.sync_api import expect

from .factories import AtelierFactory, ConferenceFactory

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]


def test_comparer_les_editions_d_une_region(page, territoires):
    for annee, ateliers in ((2024, 2), (2025, 3)):
        conference = ConferenceFactory(annee=annee, slug=f"hdf-{annee}", titre=f"Conférence {annee}")
        for i in range(ateliers):
            AtelierFactory(conference=conference, organisateurs_libres=f"Organisateur {annee}-{i}")

    page.goto("/conferences/")
    page.get_by_role("link", name="Comparer les éditions — Hauts-de-France").click()
    page.wait_for_url(re.compile(r"/conferences/editions/32/$"))
    tableau = page.locator("table.conf-comparaison")
    expect(tableau.locator("thead th")).to_have_text(["Indicateur", "2024", "2025"])
    expect(tableau.locator("tbody tr").first).to_contain_text("Ateliers")
    expect(tableau.locator("tbody tr").first.locator("td")).to_have_text(["2", "3"])
    # Each chart is an accessible SVG followed by the table of its figures.
    expect(page.locator("svg[role=img]")).to_have_count(2)
    expect(page.get_by_role("table", name="Ateliers par édition (tableau des données)")).to_be_visible()
    expect(page.locator("#une-seule-edition")).to_have_count(0)
    page.get_by_role("link", name="Conférence 2025").click()
    page.wait_for_url(re.compile(r"/conferences/hdf-2025/$"))
