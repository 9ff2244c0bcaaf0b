"""Headless Chromium: the header folds behind a "Menu" button under 600 px."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.navigateur, pytest.mark.django_db(transaction=True)]


def test_bouton_menu_sous_600_pixels(page, territoires):
    page.set_viewport_size({"width": 480, "height": 800})
    page.goto("/")
    bouton = page.get_by_role("button", name="Menu")
    expect(bouton).to_be_visible()
    expect(bouton).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#menu-principal")).to_be_hidden()
    bouton.click()
    expect(bouton).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#menu-principal")).to_be_visible()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
    page.set_viewport_size({"width": 1200, "height": 800})
    expect(bouton).to_be_hidden()
    expect(page.locator("#menu-principal")).to_be_visible()
    assert page.erreurs_console == []
