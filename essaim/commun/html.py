"""The one sanitising policy for user rich text (nh3).

User HTML is cleaned once, on save, so templates may print it as safe. Every model uses
the same schemes, attributes and link ``rel``; only the tag list differs between a short
description (a directory record) and a long document (a call for applications, which may
hold headings and tables).
"""

import nh3

BALISES = frozenset({"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h3", "h4", "blockquote"})
BALISES_DOCUMENT = BALISES | {"u", "h2", "table", "thead", "tbody", "tr", "th", "td", "hr"}
ATTRIBUTS = {"a": {"href", "title"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
SCHEMAS_URL = {"http", "https", "mailto"}


def nettoyer_html(texte: str | None, balises: frozenset[str] = BALISES) -> str:
    """Allowed tags kept, everything else dropped; links get rel="noopener noreferrer"."""
    if not texte:
        return ""
    return nh3.clean(
        texte,
        tags=set(balises),
        attributes=ATTRIBUTS,
        url_schemes=SCHEMAS_URL,
        link_rel="noopener noreferrer",
    ).strip()
