"""Formatted text: Markdown typed, cleaned HTML stored, HTML shown back as Markdown, preview."""

import re

import pytest
from django.test import Client

from essaim.commun.forms import ChampTexteMisEnForme
from essaim.commun.html import nettoyer_html
from essaim.commun.texte import html_vers_markdown, markdown_vers_html

HTML_PERMIS = (
    "<p>Une <strong>ressourcerie</strong> et un <em>atelier</em> de réparation.</p>"
    "<ul><li>réemploi</li><li>vente à 2 € (*soldes*)</li></ul>"
    "<ol><li>déposer</li><li>réparer</li></ol>"
    "<h3>Horaires</h3><p>Lundi<br>Mardi</p><h4>Accès</h4>"
    "<blockquote><p>Rien ne se perd.</p></blockquote>"
    '<p><a href="https://exemple.org/page" title="Le site">le site</a> et '
    '<a href="mailto:contact@exemple.org">écrire</a></p>'
)


def _compact(html: str) -> str:
    return re.sub(r"<br>\s+", "<br>", re.sub(r">\s+<", "><", html)).strip()


def test_aller_retour_stable_pour_les_balises_permises():
    markdown = html_vers_markdown(HTML_PERMIS)
    assert "<" not in markdown.replace("<https", "")  # nobody edits tags
    assert "**ressourcerie**" in markdown and "*atelier*" in markdown and "### Horaires" in markdown
    assert (
        "Lundi\nMardi" in markdown
        and "- réemploi" in markdown
        and "[le site](https://exemple.org/page" in markdown
    )
    html = markdown_vers_html(markdown)
    assert _compact(html) == _compact(nettoyer_html(HTML_PERMIS))
    assert html_vers_markdown(html) == markdown  # a fixed point: opening and saving changes nothing


def test_markdown_leger_vers_html():
    html = markdown_vers_html("# Titre\n\nUn **mot** et *un autre*\nligne suivante\n\n- a\n- b")
    assert _compact(html) == (
        "<h3>Titre</h3><p>Un <strong>mot</strong> et <em>un autre</em><br>ligne suivante</p>"
        "<ul><li>a</li><li>b</li></ul>"
    )
    assert _compact(markdown_vers_html("Avant\n\n    retrait")) == "<p>Avant</p><p>retrait</p>"
    assert markdown_vers_html("   ") == "" and html_vers_markdown(None) == ""


@pytest.mark.parametrize(
    "texte",
    [
        "Bonjour <script>alert(1)</script>",
        "<script>\nalert(1)\n</script>",
        "[clic](javascript:alert(1))",
        "[clic](JaVaScRiPt:alert(1) 'x')",
        '<a href="javascript:alert(1)">clic</a>',
        '<img src="x" onerror="alert(1)">',
        "![image](https://exemple.org/x.png)",
        '<p onclick="alert(1)">clic</p>',
        "<iframe src='https://exemple.org'></iframe>",
    ],
)
def test_contenu_dangereux_neutralise(texte):
    html = markdown_vers_html(texte).lower()
    assert "<script" not in html and "alert(1)</" not in html
    assert 'href="javascript' not in html and "onerror" not in html and "onclick" not in html
    assert "<img" not in html and "<iframe" not in html


def test_champ_montre_du_markdown_et_rend_du_html_nettoye():
    from django import forms

    class Formulaire(forms.Form):
        texte = ChampTexteMisEnForme(label="Texte", required=False, max_length=50)

    rendu = str(Formulaire(initial={"texte": "<p>Une <strong>fiche</strong></p>"})["texte"])
    assert "Une **fiche**" in rendu and "&lt;p&gt;" not in rendu and 'maxlength="50"' in rendu
    assert "Prévisualiser" in rendu and 'aria-live="polite"' in rendu
    form = Formulaire({"texte": "Un **mot** [x](javascript:alert(1))"})
    assert form.is_valid() and form.cleaned_data["texte"].startswith("<p>Un <strong>mot</strong>")
    intact = "<p>Déjà   enregistré</p>"
    form = Formulaire({"texte": "Déjà enregistré\r\n"}, initial={"texte": intact})
    assert form.is_valid() and form.cleaned_data["texte"] == intact and not form.has_changed()
    form = Formulaire({"texte": "x" * 51})
    assert not form.is_valid() and "51 caractères : 50 au maximum" in str(form.errors)


@pytest.mark.django_db
def test_previsualisation_htmx_protegee_par_csrf():
    client = Client(enforce_csrf_checks=True)
    donnees = {"apercu": "description", "description": "Un **mot** <script>alert(1)</script>"}
    assert client.post("/texte/apercu/", donnees).status_code == 403  # no CSRF token
    client.get("/comptes/login/")
    jeton = client.cookies["csrftoken"].value
    reponse = client.post("/texte/apercu/", {**donnees, "csrfmiddlewaretoken": jeton}, HTTP_HX_REQUEST="true")
    assert reponse.status_code == 200
    contenu = reponse.content.decode()
    assert "<p>Un <strong>mot</strong>" in contenu and "script" not in contenu and "<html" not in contenu
    assert (
        "Rien à prévisualiser"
        in client.post("/texte/apercu/", {"csrfmiddlewaretoken": jeton}).content.decode()
    )
    assert client.get("/texte/apercu/").status_code == 405
