"""Sanitising of user rich text (nh3): a small allow-list, links forced to rel=noopener."""

import nh3

BALISES = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
ATTRIBUTS = {"a": {"href", "title"}}


def nettoyer_html(texte: str | None) -> str:
    if not texte:
        return ""
    return nh3.clean(
        texte, tags=BALISES, attributes=ATTRIBUTS, url_schemes={"http", "https", "mailto"}
    ).strip()
