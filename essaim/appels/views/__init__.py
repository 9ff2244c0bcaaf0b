"""Pages of calls for applications: public, applicant, committee and staff."""

from .candidat import candidater, mes_candidatures, modifier, piece
from .comite import candidature, comite, decider, evaluer, export, notifier
from .edition import creer_appel, document_supprimer, documents, modifier_appel
from .gestion import email_modifier, emails, formulaire, formulaire_json
from .public import detail, kit, liste, webinaire_ics

__all__ = [
    "candidater",
    "candidature",
    "comite",
    "creer_appel",
    "document_supprimer",
    "documents",
    "modifier_appel",
    "decider",
    "detail",
    "email_modifier",
    "emails",
    "evaluer",
    "export",
    "formulaire",
    "formulaire_json",
    "kit",
    "liste",
    "mes_candidatures",
    "modifier",
    "notifier",
    "piece",
    "webinaire_ics",
]
