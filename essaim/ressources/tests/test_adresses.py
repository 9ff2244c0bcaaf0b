import pytest

from essaim.ressources.adresses import cle_sans_url, normaliser_url


@pytest.mark.parametrize(
    "url",
    [
        "https://www.udes.fr/mesure-de-limpact-environnemental",
        "http://udes.fr/mesure-de-limpact-environnemental/",
        "HTTPS://WWW.UDES.FR/mesure-de-limpact-environnemental?utm_source=lettre#haut",
        "udes.fr/mesure-de-limpact-environnemental",
        "https://udes.fr:443/mesure-de-limpact-environnemental",
    ],
)
def test_les_graphies_d_une_meme_page_donnent_la_meme_cle(url):
    assert normaliser_url(url) == "udes.fr/mesure-de-limpact-environnemental"


def test_parametres_utiles_gardes_et_tries():
    assert normaliser_url("https://exemple.fr/p?b=2&a=1&fbclid=x") == "exemple.fr/p?a=1&b=2"
    assert normaliser_url("https://exemple.fr:8080/") == "exemple.fr:8080"
    assert normaliser_url("") == ""


def test_cle_sans_url_plie_accents_et_casse():
    assert cle_sans_url("Guides IRIAE HDF", "IRIAE") == cle_sans_url("guides iriae hdf ", "Iriae")
    assert cle_sans_url("Métiers 2030", "DREETS") != cle_sans_url("Métiers 2030", "France Stratégie")
