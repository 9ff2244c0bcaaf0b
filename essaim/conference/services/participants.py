"""Registration with capacity and waiting list, check-in, sign-in sheet and iCal feeds."""

import calendar
import datetime
import zoneinfo

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from essaim.commun import courriels
from essaim.commun.calendrier import Evenement, calendrier
from essaim.commun.inscriptions import DELAI_CONFIRMATION, InscriptionImpossible, Mecanisme

from ..enums import PrecisionDate, StatutAtelier, StatutInscription
from ..models import Atelier, Inscription

SEL_CONFIRMATION = "conference.inscription.confirmer"


def date_de_conservation(atelier: Atelier) -> datetime.date:
    """Personal data are kept N months after the workshop (the edition's retention period),
    counted from its last possible day (end of month when only the month is known), and
    never from a day already past."""
    base = max(atelier.dernier_jour or timezone.localdate(), timezone.localdate())
    mois = base.month - 1 + atelier.conference.duree_conservation_mois
    annee, mois = base.year + mois // 12, mois % 12 + 1
    return datetime.date(annee, mois, min(base.day, calendar.monthrange(annee, mois)[1]))


def verifier_ouverture(atelier: Atelier) -> None:
    """InscriptionImpossible (French message) unless the workshop takes registrations."""
    if atelier.statut != StatutAtelier.LABELLISE or not atelier.inscriptions_ouvertes:
        raise InscriptionImpossible(_("Les inscriptions à cet atelier sont fermées."))
    if atelier.est_passe:
        raise InscriptionImpossible(
            _("Cet atelier a déjà eu lieu (%(date)s) : les inscriptions sont closes.")
            % {"date": formats.date_format(atelier.dernier_jour, "DATE_FORMAT")}
        )


# The registration mechanism shared with the clubs' sessions (commun.inscriptions).
MECANISME = Mecanisme(
    modele_evenement=Atelier,
    modele_inscription=Inscription,
    evenement="atelier",
    sel=SEL_CONFIRMATION,
    verifier_ouverture=verifier_ouverture,
    date_de_conservation=date_de_conservation,
    message_deja_inscrite=gettext_noop("L'adresse %(email)s est déjà inscrite à cet atelier."),
    message_lien_expire=gettext_noop(
        "Ce lien de confirmation a expiré : inscrivez-vous de nouveau depuis la page de l'atelier."
    ),
)
inscrire = MECANISME.inscrire
signer = MECANISME.signer
inscription_signee = MECANISME.inscription_signee
confirmer = MECANISME.confirmer
purger_non_confirmees = MECANISME.purger_non_confirmees
annuler = MECANISME.annuler
pointer = MECANISME.pointer


def purger_inscriptions_expirees(aujourd_hui=None) -> int:
    """Delete registrations past their retention date (RGPD), and those never confirmed in
    time; counts stay in the figures through the synthesis sheet or the declared count."""
    aujourd_hui = aujourd_hui or timezone.localdate()
    ateliers = Atelier.objects.filter(inscriptions__conserver_jusqu_au__lt=aujourd_hui).distinct()
    for atelier in ateliers:
        if atelier.participants_declares is None:
            presents = atelier.nombre_presents()
            if presents:
                atelier.participants_declares = presents
                atelier.save(update_fields=["participants_declares"])
    return MECANISME.purger_expirees(aujourd_hui)


def feuille_emargement_pdf(atelier: Atelier) -> bytes:
    from .pdf import html_vers_pdf
    from .rapport import date_atelier, lieu_atelier

    inscrits = atelier.inscriptions.filter(statut=StatutInscription.CONFIRMEE).order_by("nom", "prenom")
    html = render_to_string(
        "conference/emargement_pdf.html",
        {
            "atelier": atelier,
            "inscrits": inscrits,
            "date": date_atelier(atelier),
            "lieu": lieu_atelier(atelier),
            "lignes_vides": range(
                max(5, (atelier.capacite or 0) - inscrits.count()) if atelier.capacite else 10
            ),
        },
    )
    return html_vers_pdf(html)


# --- iCal (RFC 5545): commun.calendrier ------------------------------------------------------


def _evenement(atelier: Atelier, domaine: str, url: str) -> Evenement:
    from .rapport import lieu_atelier

    if atelier.heure_debut:
        paris = zoneinfo.ZoneInfo("Europe/Paris")
        debut = datetime.datetime.combine(atelier.date, atelier.heure_debut, tzinfo=paris)
        fin = datetime.datetime.combine(atelier.date, atelier.heure_fin or atelier.heure_debut, tzinfo=paris)
        if fin <= debut:
            fin = debut + datetime.timedelta(hours=2)
    else:
        debut, fin = atelier.date, atelier.date + datetime.timedelta(days=1)
    organisateurs = " / ".join(atelier.liste_organisateurs())
    description = (
        f"{organisateurs}\n{', '.join(atelier.libelles_transitions())}\n{atelier.description}".strip()
    )
    return Evenement(
        uid=f"atelier-{atelier.pk}@{domaine}",
        debut=debut,
        fin=fin,
        titre=atelier.intitule,
        description=description,
        lieu=atelier.lieu or lieu_atelier(atelier),
        url=url,
    )


def calendrier_ical(ateliers, nom: str, domaine: str, url_de) -> str:
    """A VCALENDAR of the workshops with a precise date (month-only ones cannot be placed)."""
    evenements = [
        _evenement(atelier, domaine, url_de(atelier))
        for atelier in ateliers
        if atelier.date
        and atelier.precision_date == PrecisionDate.JOUR
        and atelier.statut == StatutAtelier.LABELLISE
    ]
    return calendrier("-//Essaim//Conference regionale ESS//FR", evenements, nom=nom, fuseau="Europe/Paris")


def _lien(base_url: str, nom: str, argument) -> str:
    from django.urls import reverse

    return base_url.rstrip("/") + reverse(nom, args=[argument])


def envoyer_lien_de_confirmation(inscription: Inscription, base_url: str, langue: str | None = None):
    """The e-mail that proves the address: its link confirms the registration."""
    courriels.envoyer(
        "conference/courriels/confirmer_adresse",
        [inscription.email],
        {
            "inscription": inscription,
            "atelier": inscription.atelier,
            "lien": _lien(base_url, "conference:confirmer_inscription", signer(inscription)),
            "minutes": DELAI_CONFIRMATION // 60,
        },
        langue=langue,
    )


def envoyer_confirmation(inscription: Inscription, base_url: str, langue: str | None = None):
    """Confirmation (or waiting-list notice) with the link to manage or cancel."""
    courriels.envoyer(
        "conference/courriels/inscription",
        [inscription.email],
        {
            "inscription": inscription,
            "atelier": inscription.atelier,
            "en_attente": inscription.statut == StatutInscription.ATTENTE,
            "lien": _lien(base_url, "conference:inscription_confirmee", inscription.jeton),
        },
        langue=langue,
    )


def envoyer_promotion(inscription: Inscription, base_url: str, langue: str | None = None):
    courriels.envoyer(
        "conference/courriels/promotion",
        [inscription.email],
        {
            "inscription": inscription,
            "atelier": inscription.atelier,
            "lien": _lien(base_url, "conference:inscription_confirmee", inscription.jeton),
        },
        langue=langue,
    )
