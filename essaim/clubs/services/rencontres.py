"""Sessions (rencontres): registration through the shared mechanism (``commun.inscriptions``),
members reserved sessions, e-mails to the members, iCal feed."""

import calendar
import datetime
import zoneinfo

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from essaim.commun import courriels
from essaim.commun.calendrier import Evenement, calendrier
from essaim.commun.inscriptions import DELAI_CONFIRMATION, InscriptionImpossible, Mecanisme, StatutInscription

from ..enums import StatutClub, StatutMembre, StatutRencontre
from ..models import InscriptionRencontre, Rencontre

SEL_CONFIRMATION = "clubs.inscription.confirmer"
# Registrations (names, e-mails, attendance) are kept this many months after the session.
CONSERVATION_MOIS = 12


def date_de_conservation(rencontre: Rencontre) -> datetime.date:
    base = max(rencontre.date, timezone.localdate())
    mois = base.month - 1 + CONSERVATION_MOIS
    annee, mois = base.year + mois // 12, mois % 12 + 1
    return datetime.date(annee, mois, min(base.day, calendar.monthrange(annee, mois)[1]))


def verifier_ouverture(rencontre: Rencontre) -> None:
    """InscriptionImpossible (French message) unless the session takes registrations."""
    if rencontre.statut == StatutRencontre.ANNULEE:
        raise InscriptionImpossible(_("Cette rencontre est annulée."))
    if rencontre.club.statut != StatutClub.ACTIF or not rencontre.inscriptions_ouvertes:
        raise InscriptionImpossible(_("Les inscriptions à cette rencontre sont fermées."))
    if rencontre.est_passee:
        raise InscriptionImpossible(
            _("Cette rencontre a déjà eu lieu (%(date)s) : les inscriptions sont closes.")
            % {"date": formats.date_format(rencontre.date, "DATE_FORMAT")}
        )


MECANISME = Mecanisme(
    modele_evenement=Rencontre,
    modele_inscription=InscriptionRencontre,
    evenement="rencontre",
    sel=SEL_CONFIRMATION,
    verifier_ouverture=verifier_ouverture,
    date_de_conservation=date_de_conservation,
    message_deja_inscrite=gettext_noop("L'adresse %(email)s est déjà inscrite à cette rencontre."),
    message_lien_expire=gettext_noop(
        "Ce lien de confirmation a expiré : inscrivez-vous de nouveau depuis la page de la rencontre."
    ),
)
signer = MECANISME.signer
inscription_signee = MECANISME.inscription_signee
confirmer = MECANISME.confirmer
annuler = MECANISME.annuler
pointer = MECANISME.pointer


def purger_inscriptions_expirees(aujourd_hui=None) -> int:
    """RGPD retention: registrations past their date are deleted; the sessions keep their
    attendance count (check-ins become the declared count first)."""
    aujourd_hui = aujourd_hui or timezone.localdate()
    expirees = Rencontre.objects.filter(inscriptions__conserver_jusqu_au__lt=aujourd_hui).distinct()
    for rencontre in expirees.filter(participants_declares=None):
        presents = rencontre.nombre_presents()
        if presents:
            rencontre.participants_declares = presents
            rencontre.save(update_fields=["participants_declares"])
    return MECANISME.purger_expirees(aujourd_hui)


def peut_s_inscrire(rencontre: Rencontre, user) -> bool:
    """A session reserved to members: people managing a structure that is a member of the
    CRESS this year, or a member of the club, and the staff running the club."""
    if not rencontre.reservee_adherents:
        return True
    if not (user and user.is_authenticated):
        return False
    if user.has_perm("clubs.gerer_club", rencontre.club) or rencontre.club.est_membre(user):
        return True
    from essaim.adherents.services import structures_adherentes_gerees

    return bool(structures_adherentes_gerees(user, rencontre.date.year))


def inscrire(rencontre: Rencontre, prenom, nom, email, organisation="", utilisateur=None):
    if not peut_s_inscrire(rencontre, utilisateur):
        raise InscriptionImpossible(
            _(
                "Cette rencontre est réservée aux adhérents de la CRESS et aux membres du club : "
                "connectez-vous avec le compte qui gère une structure adhérente."
            )
        )
    return MECANISME.inscrire(rencontre, prenom, nom, email, organisation, utilisateur)


def position_attente(inscription: InscriptionRencontre) -> int | None:
    """1 for the first person waiting (the next freed seat goes to them)."""
    if inscription.statut != StatutInscription.ATTENTE:
        return None
    en_attente = inscription.rencontre.inscriptions.filter(statut=StatutInscription.ATTENTE)
    avant = en_attente.filter(
        Q(cree_le__lt=inscription.cree_le) | Q(cree_le=inscription.cree_le, id__lt=inscription.id)
    )
    return avant.count() + 1


def ressources_produites(rencontre: Rencontre) -> list[dict]:
    """The published library items linked to the compte rendu, with a link to their page
    (or to their own address while the library has no pages)."""
    from django.urls import NoReverseMatch

    liens = []
    for ressource in rencontre.ressources.publiees().order_by("titre"):
        try:
            href = ressource.get_absolute_url()
        except NoReverseMatch:
            href = ressource.url
        liens.append({"titre": ressource.titre, "type": ressource.get_type_display(), "href": href})
    return liens


def nombres(rencontre: Rencontre) -> dict:
    inscrits = rencontre.inscriptions.values_list("statut", flat=True)
    return {
        "confirmees": sum(1 for s in inscrits if s == StatutInscription.CONFIRMEE),
        "attente": sum(1 for s in inscrits if s == StatutInscription.ATTENTE),
        "presents": rencontre.nombre_presents(),
        "restantes": rencontre.places_restantes(),
    }


# --- E-mails (commun.courriels: after commit, background above 20 recipients) ---------------


def _lien(base_url: str, nom: str, *arguments) -> str:
    return base_url.rstrip("/") + reverse(nom, args=arguments)


def envoyer_lien_de_confirmation(inscription, base_url: str, langue: str | None = None):
    courriels.envoyer(
        "clubs/courriels/confirmer_adresse",
        [inscription.email],
        {
            "inscription": inscription,
            "rencontre": inscription.rencontre,
            "lien": _lien(base_url, "clubs:confirmer_inscription", signer(inscription)),
            "minutes": DELAI_CONFIRMATION // 60,
        },
        langue=langue,
    )


def envoyer_confirmation(inscription, base_url: str, langue: str | None = None):
    courriels.envoyer(
        "clubs/courriels/inscription",
        [inscription.email],
        {
            "inscription": inscription,
            "rencontre": inscription.rencontre,
            "en_attente": inscription.statut == StatutInscription.ATTENTE,
            "lien": _lien(base_url, "clubs:inscription", inscription.jeton),
        },
        langue=langue,
    )


def envoyer_promotion(inscription, base_url: str):
    courriels.envoyer(
        "clubs/courriels/promotion",
        [inscription.email],
        {
            "inscription": inscription,
            "rencontre": inscription.rencontre,
            "lien": _lien(base_url, "clubs:inscription", inscription.jeton),
        },
    )


def destinataires_membres(club) -> list[str]:
    from ..models import Contact

    return sorted(
        set(
            Contact.objects.filter(membre__club=club, membre__statut=StatutMembre.ACCEPTEE).values_list(
                "email", flat=True
            )
        )
    )


def annoncer(rencontre: Rencontre, base_url: str) -> int:
    """Tell the member contacts about a new session (after commit; background when many)."""
    return courriels.envoyer(
        "clubs/courriels/nouvelle_rencontre",
        destinataires_membres(rencontre.club),
        {
            "rencontre": rencontre,
            "club": rencontre.club,
            "lien": base_url.rstrip("/") + rencontre.get_absolute_url(),
        },
    )


def annuler_rencontre(rencontre: Rencontre, base_url: str) -> int:
    """Cancel a session: registration closes, the people registered or waiting are told
    (after commit; in the background when many). Returns the number of e-mails."""
    rencontre.statut = StatutRencontre.ANNULEE
    rencontre.inscriptions_ouvertes = False
    rencontre.save(update_fields=["statut", "inscriptions_ouvertes", "modifie_le"])
    inscrits = rencontre.inscriptions.filter(
        statut__in=[StatutInscription.CONFIRMEE, StatutInscription.ATTENTE]
    )
    return courriels.envoyer(
        "clubs/courriels/rencontre_annulee",
        list(inscrits.values_list("email", flat=True)),
        {
            "rencontre": rencontre,
            "club": rencontre.club,
            "lien": base_url.rstrip("/") + rencontre.club.get_absolute_url(),
        },
    )


def feuille_emargement_pdf(rencontre: Rencontre) -> bytes:
    """The printable sign-in sheet (the site's one PDF renderer), with blank lines for walk-ins."""
    from django.template.loader import render_to_string

    from essaim.commun.documents import html_vers_pdf

    inscrits = rencontre.inscriptions.filter(statut=StatutInscription.CONFIRMEE).order_by("nom", "prenom")
    vides = max(5, rencontre.capacite - inscrits.count()) if rencontre.capacite else 10
    html = render_to_string(
        "clubs/emargement_pdf.html",
        {
            "rencontre": rencontre,
            "inscrits": inscrits,
            "lieu": lieu(rencontre),
            "mois": CONSERVATION_MOIS,
            "lignes_vides": range(min(vides, 60)),
        },
    )
    return html_vers_pdf(html)


# --- iCal (commun.calendrier) ----------------------------------------------------------------


def lieu(rencontre: Rencontre) -> str:
    if rencontre.en_ligne:
        return _("En ligne")
    morceaux = [rencontre.lieu, rencontre.commune.nom if rencontre.commune_id else ""]
    return ", ".join(m for m in morceaux if m)


def _evenement(rencontre: Rencontre, domaine: str, url: str) -> Evenement:
    if rencontre.heure_debut:
        paris = zoneinfo.ZoneInfo("Europe/Paris")
        debut = datetime.datetime.combine(rencontre.date, rencontre.heure_debut, tzinfo=paris)
        fin = datetime.datetime.combine(
            rencontre.date, rencontre.heure_fin or rencontre.heure_debut, tzinfo=paris
        )
        if fin <= debut:
            fin = debut + datetime.timedelta(hours=2)
    else:
        debut, fin = rencontre.date, rencontre.date + datetime.timedelta(days=1)
    return Evenement(
        uid=f"rencontre-{rencontre.pk}@{domaine}",
        debut=debut,
        fin=fin,
        titre=f"{rencontre.club.nom} — {rencontre.titre}",
        description=f"{rencontre.get_type_display()}\n{rencontre.programme}".strip(),
        lieu=lieu(rencontre),
        url=url,
    )


def calendrier_ical(rencontres, nom: str, domaine: str, url_de) -> str:
    evenements = [_evenement(r, domaine, url_de(r)) for r in rencontres if r.statut == StatutRencontre.PREVUE]
    return calendrier("-//Essaim//Clubs Busin'ESS//FR", evenements, nom=nom, fuseau="Europe/Paris")
