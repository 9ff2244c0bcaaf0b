"""One sanitising policy (commun.html) for every model that stores user HTML.

The policy is tested once here; the model tests only check that each model applies it."""

import pytest

from essaim.annuaire.tests.factories import StructureFactory
from essaim.appels.tests.factories import AppelFactory
from essaim.commun.html import BALISES_DOCUMENT, nettoyer_html


def test_scripts_attributs_et_schemas_dangereux_retires():
    propre = nettoyer_html(
        '<p onclick="x()">Texte <script>alert(1)</script>'
        '<a href="javascript:alert(1)">a</a> <a href="https://cress.example" target="_blank">b</a></p>'
    )
    assert propre == (
        '<p>Texte <a rel="noopener noreferrer">a</a> '
        '<a href="https://cress.example" rel="noopener noreferrer">b</a></p>'
    )


def test_texte_vide_ou_absent_donne_chaine_vide():
    assert nettoyer_html(None) == ""
    assert nettoyer_html("   ") == ""


def test_tableaux_et_titres_reserves_aux_documents():
    source = '<h2>Titre</h2><table><tr><td colspan="2">1</td></tr></table>'
    assert nettoyer_html(source) == "Titre1"
    assert nettoyer_html(source, BALISES_DOCUMENT) == (
        '<h2>Titre</h2><table><tbody><tr><td colspan="2">1</td></tr></tbody></table>'
    )


@pytest.mark.django_db
def test_chaque_modele_applique_la_politique_commune():
    source = '<h2>T</h2><p>Ok <a href="ftp://x.example">lien</a><script>x</script></p>'
    structure = StructureFactory(description=source)
    appel = AppelFactory(description=source)
    assert structure.description == nettoyer_html(source)
    assert appel.description == nettoyer_html(source, BALISES_DOCUMENT)
    assert "ftp:" not in appel.description and "<script>" not in appel.description
