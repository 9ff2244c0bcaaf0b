"""PDF portrait of a territory (WeasyPrint).

Rendered by a background task (essaim.commun.taches: WeasyPrint takes one to several seconds,
too long for a request), then kept in the database per vintage and territory. Visitors, often
anonymous, cannot follow the task page (reserved to signed-in users): the portrait URL itself
answers "en préparation" and refreshes until the PDF is there. A new vintage gets new
portraits; old ones are deleted with their vintage."""

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


def portrait_en_cache(niveau: str, code: str, millesime: Millesime) -> bytes | None:
    existant = Portrait.objects.filter(millesime=millesime, niveau=niveau, code=code).first()
    return bytes(existant.pdf) if existant else None


def demander_portrait(niveau: str, code: str, millesime: Millesime) -> bytes | None:
    """The PDF when ready; else starts its rendering once (a few minutes' guard) and returns None."""
    from django.core.cache import cache

    from essaim.commun.taches import lancer

    from ..taches import rendre_portrait

    pdf = portrait_en_cache(niveau, code, millesime)
    if pdf is not None:
        return pdf
    if cache.add(f"observatoire:portrait:{millesime.pk}:{niveau}:{code}", True, 300):
        lancer(
            rendre_portrait, f"Portrait {niveau}:{code}", niveau=niveau, code=code, millesime_id=millesime.pk
        )
    return portrait_en_cache(niveau, code, millesime)  # immediate backend (tests): already there
