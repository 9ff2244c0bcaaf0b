"""HTML to PDF with WeasyPrint, quietly (it logs every layout step at INFO level)."""

import logging


def html_vers_pdf(html: str) -> bytes:
    for nom in ("weasyprint", "weasyprint.progress"):
        logging.getLogger(nom).setLevel(logging.WARNING)
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
