"""PDF portrait of a territory (WeasyPrint), a cached document (essaim.commun.documents).

Rendering takes one to several seconds, too long for a request: the background worker builds it
once per version of the territory's data (published vintage, imported figures, directory
records), and every visitor, often anonymous, is served the stored file; until it exists the
portrait URL sends to the document's progress page."""

from django.template.loader import render_to_string

from essaim.commun.documents import empreinte, etat, html_vers_pdf
from essaim.commun.identite import identite_region

from ..models import ChiffreImporte, Millesime
from .annuaire import _structures
from .page import contexte_territoire
from .territoires import region_du_territoire

# Bump when the portrait's layout changes: every territory gets a new version.
VERSION_MISE_EN_PAGE = 2


def rendre_pdf(niveau: str, code: str) -> bytes:
    contexte = {
        **contexte_territoire(niveau, code),
        "identite": identite_region(region_du_territoire(niveau, code)),
    }
    html = render_to_string("observatoire/portrait.html", contexte)
    return html_vers_pdf(html)


def document_portrait(objet: str) -> bytes:
    niveau, code = objet.split(":", 1)
    return rendre_pdf(niveau, code)


def version_portrait(niveau: str, code: str, millesime: Millesime) -> str:
    structures = _structures(niveau, code)
    return empreinte(
        VERSION_MISE_EN_PAGE,
        millesime.pk,
        millesime.fin,
        etat(ChiffreImporte.objects.filter(niveau=niveau, code=code), "importe_le"),
        etat(structures) if structures is not None else None,
    )
