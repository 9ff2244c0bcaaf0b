"""HTML to PDF: the site's one renderer (``commun.documents.html_vers_pdf``)."""

from essaim.commun.documents import html_vers_pdf

__all__ = ["html_vers_pdf"]
