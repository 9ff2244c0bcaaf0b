import pytest

from essaim.observatoire.tests.jeu_essai import ecrire_jeu


@pytest.fixture
def jeu(tmp_path):
    """The hand-built stocks (see jeu_essai.py) written as CSV in the INSEE layout."""
    return ecrire_jeu(tmp_path)
