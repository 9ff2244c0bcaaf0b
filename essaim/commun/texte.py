"""Formatted text typed as light Markdown, stored as HTML cleaned by ``commun/html.py``.

People write Markdown (bold, italics, lists, links, paragraphs, headings shown at level 3 or
4); the stored value stays the sanitised HTML that pages, API and open data already use. An
existing description is turned back into Markdown when a form opens, so nobody edits tags.
Raw HTML in the input is still accepted (older habits, pasted text): it goes through the same
single cleaning policy as everything else.
"""

from markdown_it import MarkdownIt
from markdownify import markdownify

from .html import BALISES, nettoyer_html

# Headings are shown at level 3 at most (the page owns h1 and h2): "#" to "###" → h3, deeper → h4.
NIVEAU_TITRE = {"h1": "h3", "h2": "h3", "h3": "h3", "h4": "h4", "h5": "h4", "h6": "h4"}

_md = (
    MarkdownIt("commonmark", {"html": True, "breaks": True}).disable(
        ["image", "code", "fence", "hr"]
    )  # indented text stays a paragraph
)


def markdown_vers_html(texte: str | None, balises: frozenset[str] = BALISES) -> str:
    """Markdown → HTML, always cleaned by the one policy (unsafe links and tags are dropped)."""
    if not texte or not texte.strip():
        return ""
    jetons = _md.parse(texte.replace("\r\n", "\n"))
    for jeton in jetons:
        if jeton.type in ("heading_open", "heading_close"):
            jeton.tag = NIVEAU_TITRE.get(jeton.tag, jeton.tag)
    return nettoyer_html(_md.renderer.render(jetons, _md.options, {}), balises)


def html_vers_markdown(html: str | None, balises: frozenset[str] = BALISES) -> str:
    """Stored (cleaned) HTML → the Markdown shown in the form."""
    if not html or not html.strip():
        return ""
    texte = markdownify(
        nettoyer_html(html, balises),
        heading_style="ATX",
        bullets="-",
        strong_em_symbol="*",
        newline_style="SPACES",  # trailing spaces dropped below: a plain newline (breaks=True)
    )
    lignes = [ligne.rstrip() for ligne in texte.strip().splitlines()]
    resultat = "\n".join(lignes)
    while "\n\n\n" in resultat:
        resultat = resultat.replace("\n\n\n", "\n\n")
    return resultat
