"""PDF portrait of a territory (WeasyPrint).

Rendered on demand, then cached per vintage and territory in the database: a portrait is a
two-page document that renders in about a second, and visitors (anonymous) cannot follow the
background-task page, which is reserved to signed-in users. The cost is paid once per vintage;
a new vintage gets new portraits, old ones are deleted with their vintage."""

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

from ..models import Millesime, Portrait
from .page import contexte_territoire


def rendre_pdf(niveau: str, code: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string("observatoire/portrait.html", contexte_territoire(niveau, code))
    return HTML(string=html).write_pdf()


def portrait_pdf(niveau: str, code: str, millesime: Millesime) -> bytes:
    existant = Portrait.objects.filter(millesime=millesime, niveau=niveau, code=code).first()
    if existant:
        return bytes(existant.pdf)
    pdf = rendre_pdf(niveau, code)
    try:
        with transaction.atomic():
            Portrait.objects.create(millesime=millesime, niveau=niveau, code=code, pdf=pdf)
    except IntegrityError:  # rendered concurrently by another request: keep the first
        pass
    return pdf
