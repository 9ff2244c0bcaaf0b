"""Personal data of this module in the register: notes written about or by a person.

Notes of a follow-up file are kept ``CONSERVATION_ANNEES`` years after the file is closed, then
purged by ``manage.py accompagnement_purger_notes`` (``services.suivis.purger_notes``)."""

from django.utils.translation import gettext_lazy as _

from essaim.comptes.rgpd import enregistrer

from .enums import TypeEvenement

CONSERVATION_ANNEES = 3


@enregistrer(
    "notes_accompagnement",
    titre=_("Notes de suivi (accompagnement)"),
    choix={"type": TypeEvenement},
    conservation=_("3 ans après la clôture du suivi"),
)
def notes(user) -> list:
    # Notes written by the person; authorship is cleared (SET_NULL) when the account is deleted.
    return [
        {
            "suivi": e.suivi.titre,
            "type": e.type,
            "date": e.date.isoformat(),
            "titre": e.titre,
            "texte": e.texte,
            "prochaines_etapes": e.prochaines_etapes,
        }
        for e in user_notes(user)
    ]


def user_notes(user):
    from .models import Evenement

    return Evenement.objects.filter(auteur=user).select_related("suivi").order_by("date")
