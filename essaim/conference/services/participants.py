"""Registration with capacity and waiting list, check-in, sign-in sheet and iCal feeds."""

import calendar
import datetime
import zoneinfo

from django.core import signing
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from essaim.commun import courriels
from essaim.commun.calendrier import Evenement, calendrier

from ..enums import PrecisionDate, StatutAtelier, StatutInscription
from ..models import Atelier, Inscription

# An unconfirmed registration holds no seat; its confirmation link dies after this delay.
DELAI_CONFIRMATION = 30 * 60
SEL_CONFIRMATION = "conference.inscription.confirmer"


class InscriptionImpossible(Exception):
    """Message in French, shown to the person registering."""


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


def _adresse_verifiee(utilisateur, email: str) -> bool:
    """A signed-in person registering with their account's verified address confirms nothing."""
    if not (utilisateur and utilisateur.is_authenticated) or utilisateur.email.lower() != email:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=utilisateur, email__iexact=email, verified=True).exists()


@transaction.atomic
def inscrire(atelier: Atelier, prenom, nom, email, organisation="", utilisateur=None) -> Inscription:
    """Record a registration. It takes no seat until its address is confirmed (``confirmer``)
    through the signed link e-mailed to it, so registrations typed by a robot with made-up or
    someone else's addresses never fill a workshop; unconfirmed ones expire after
    ``DELAI_CONFIRMATION``. A signed-in person using their verified address is confirmed at once."""
    atelier = Atelier.objects.get(pk=atelier.pk)
    verifier_ouverture(atelier)
    email = email.strip().lower()
    existante = atelier.inscriptions.filter(email=email).first()
    if existante and existante.statut in (StatutInscription.CONFIRMEE, StatutInscription.ATTENTE):
        raise InscriptionImpossible(
            _("L'adresse %(email)s est déjà inscrite à cet atelier.") % {"email": email}
        )
    champs = {
        "prenom": prenom.strip(),
        "nom": nom.strip(),
        "organisation": organisation.strip(),
        "utilisateur": utilisateur if utilisateur and utilisateur.is_authenticated else None,
        "statut": StatutInscription.A_CONFIRMER,
        "consentement": True,
        "consenti_le": timezone.now(),
        "conserver_jusqu_au": date_de_conservation(atelier),
    }
    if existante:
        for nom_champ, valeur in champs.items():
            setattr(existante, nom_champ, valeur)
        existante.save()
        inscription = existante
    else:
        try:
            with transaction.atomic():
                inscription = Inscription.objects.create(atelier=atelier, email=email, **champs)
        except IntegrityError as erreur:
            raise InscriptionImpossible(
                _("L'adresse %(email)s est déjà inscrite à cet atelier.") % {"email": email}
            ) from erreur
    if _adresse_verifiee(utilisateur, email):
        return confirmer(inscription)
    return inscription


def signer(inscription: Inscription) -> str:
    """The token of the confirmation link: the registration's id, signed and dated."""
    return signing.TimestampSigner(salt=SEL_CONFIRMATION).sign(str(inscription.jeton))


def inscription_signee(jeton_signe: str) -> Inscription:
    """The registration a confirmation link names; InscriptionImpossible when forged or expired."""
    signataire = signing.TimestampSigner(salt=SEL_CONFIRMATION)
    try:
        jeton = signataire.unsign(jeton_signe, max_age=DELAI_CONFIRMATION)
    except signing.SignatureExpired as erreur:
        raise InscriptionImpossible(
            _("Ce lien de confirmation a expiré : inscrivez-vous de nouveau depuis la page de l'atelier.")
        ) from erreur
    except signing.BadSignature as erreur:
        raise InscriptionImpossible(_("Ce lien de confirmation n'est pas valide.")) from erreur
    inscription = Inscription.objects.select_related("atelier__conference").filter(jeton=jeton).first()
    if inscription is None:
        raise InscriptionImpossible(
            _("Ce lien de confirmation a expiré : inscrivez-vous de nouveau depuis la page de l'atelier.")
        )
    return inscription


@transaction.atomic
def confirmer(inscription: Inscription) -> Inscription:
    """The address is confirmed: a seat while some remain, else the waiting list.

    The workshop row is locked (``select_for_update``; SQLite serialises writers), so
    concurrent confirmations never give more seats than the capacity."""
    atelier = Atelier.objects.select_for_update().get(pk=inscription.atelier_id)
    inscription = Inscription.objects.select_related("atelier__conference").get(pk=inscription.pk)
    if inscription.statut != StatutInscription.A_CONFIRMER:
        return inscription  # a second click on the link changes nothing
    verifier_ouverture(atelier)
    restantes = atelier.places_restantes()
    inscription.statut = StatutInscription.ATTENTE if restantes == 0 else StatutInscription.CONFIRMEE
    inscription.save(update_fields=["statut", "modifie_le"])
    return inscription


def purger_non_confirmees(maintenant=None) -> int:
    """Delete registrations whose address was never confirmed in time (their link is dead)."""
    limite = (maintenant or timezone.now()) - datetime.timedelta(seconds=DELAI_CONFIRMATION)
    supprimees, _detail = Inscription.objects.filter(
        statut=StatutInscription.A_CONFIRMER, consenti_le__lt=limite
    ).delete()
    return supprimees


@transaction.atomic
def annuler(inscription: Inscription) -> Inscription | None:
    """Cancel a registration; the first person waiting takes the freed seat (returned)."""
    etait_confirmee = inscription.statut == StatutInscription.CONFIRMEE
    inscription.statut = StatutInscription.ANNULEE
    inscription.save(update_fields=["statut", "modifie_le"])
    if not etait_confirmee:
        return None
    suivante = inscription.atelier.inscriptions.filter(statut=StatutInscription.ATTENTE).order_by(
        "cree_le", "id"
    )
    promue = suivante.first()
    if promue:
        promue.statut = StatutInscription.CONFIRMEE
        promue.save(update_fields=["statut", "modifie_le"])
    return promue


def pointer(inscription: Inscription, present: bool = True):
    inscription.present = present
    inscription.pointe_le = timezone.now() if present else None
    inscription.save(update_fields=["present", "pointe_le", "modifie_le"])


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
    supprimees, _detail = Inscription.objects.filter(conserver_jusqu_au__lt=aujourd_hui).delete()
    return supprimees + purger_non_confirmees()


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
