"""The one way to send e-mail: templates, translation, after commit, background when many.

Usage::

    from essaim.commun import courriels

    courriels.envoyer("annuaire/courriels/fiche_publiee", ["a@exemple.fr"], {"structure": s})

renders ``annuaire/courriels/fiche_publiee_sujet.txt``, ``….txt`` and, when it exists,
``….html`` in the given language (default: the site's), then sends **one message per
recipient** (recipients never see each other's address):

- only once the current transaction commits (``transaction.on_commit``): a change that rolls
  back sends nothing, and a recipient never reads about data the database does not hold;
- in the request when there are few recipients; above ``SEUIL_ARRIERE_PLAN`` the messages go to
  the background worker (``commun.taches``), so a mass mailing never holds a request.

Content written by users (the calls' editable templates) is rendered by its owner and handed
to ``expedier``, which applies the same delivery rules.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from .taches import lancer, tache

logger = logging.getLogger(__name__)

# Above this many recipients, the messages are sent by the background worker.
SEUIL_ARRIERE_PLAN = 20


def rendre(gabarit: str, contexte: dict | None = None, langue: str | None = None) -> dict:
    """Subject (one line), plain text and optional HTML of ``gabarit`` in ``langue``."""
    contexte = {"site": getattr(settings, "ESSAIM_NOM", "Essaim"), **(contexte or {})}
    with translation.override(langue or settings.LANGUAGE_CODE):
        sujet = render_to_string(f"{gabarit}_sujet.txt", contexte)
        texte = render_to_string(f"{gabarit}.txt", contexte)
        try:
            html = render_to_string(f"{gabarit}.html", contexte)
        except TemplateDoesNotExist:
            html = None
    return {"sujet": " ".join(sujet.split()), "texte": texte, "html": html}


def envoyer(
    gabarit: str, destinataires, contexte: dict | None = None, *, langue: str | None = None, repondre_a=None
) -> int:
    """Render ``gabarit`` and send it to each recipient after commit; returns the count."""
    destinataires = _nettoyer(destinataires)
    if not destinataires:
        return 0
    rendu = rendre(gabarit, contexte, langue)
    return expedier(rendu["sujet"], rendu["texte"], destinataires, html=rendu["html"], repondre_a=repondre_a)


def expedier(sujet: str, texte: str, destinataires, *, html: str | None = None, repondre_a=None) -> int:
    """Send already-rendered content to each recipient, with the delivery rules above."""
    destinataires = _nettoyer(destinataires)
    if not destinataires:
        return 0
    messages = [
        {"sujet": sujet, "texte": texte, "html": html, "a": a, "repondre_a": list(repondre_a or [])}
        for a in destinataires
    ]
    if len(messages) > SEUIL_ARRIERE_PLAN:

        def envoi():
            lancer(envoyer_lot, _("Envoi de %(n)s e-mails") % {"n": len(messages)}, messages=messages)
    else:

        def envoi():
            _envoyer_messages(messages)

    if transaction.get_connection().in_atomic_block:
        # Sent once the outermost transaction commits; discarded if it rolls back. A failure
        # then is logged rather than turned into an error page for data already saved.
        transaction.on_commit(envoi, robust=True)
    else:
        envoi()  # outside a transaction (commands, tasks): errors reach the caller
    return len(messages)


@tache
def envoyer_lot(travail, messages: list[dict]):
    """Background mailing; one failed address does not stop the others."""
    total = len(messages)
    travail.avancer(0, total, _("Envoi des e-mails"), forcer=True)
    echecs = []
    connexion = get_connection()
    for numero, message in enumerate(messages, start=1):
        try:
            connexion.send_messages([_message(message)])
        except Exception as erreur:  # reported on the task page
            logger.exception("Envoi à %s en échec", message["a"])
            echecs.append(f"{message['a']} : {erreur}")
        travail.avancer(numero, total)
    envoyes = total - len(echecs)
    travail.avancer(total, total, _("%(n)s e-mail(s) envoyé(s)") % {"n": envoyes}, forcer=True)
    return {"envoyes": envoyes, "echecs": echecs}


def _nettoyer(destinataires) -> list[str]:
    if isinstance(destinataires, str):
        destinataires = [destinataires]
    return sorted({d.strip() for d in destinataires if d and d.strip()})


def _message(message: dict) -> EmailMultiAlternatives:
    courriel = EmailMultiAlternatives(
        subject=message["sujet"],
        body=message["texte"],
        to=[message["a"]],
        reply_to=message["repondre_a"] or None,
    )
    if message.get("html"):
        courriel.attach_alternative(message["html"], "text/html")
    return courriel


def _envoyer_messages(messages: list[dict]) -> int:
    return get_connection().send_messages([_message(m) for m in messages])
