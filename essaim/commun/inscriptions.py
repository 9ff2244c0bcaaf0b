"""The one registration mechanism: capacity, waiting list, address confirmation, cancellation,
check-in (émargement) and retention of the personal data.

Used by the conference's workshops and the clubs' sessions (rencontres). An app declares its
registration model on ``InscriptionBase`` (adding the foreign key to its event, whose
``related_name`` is ``inscriptions``) and builds one ``Mecanisme`` that knows how to check
that the event takes registrations and how long the data are kept. The event exposes
``places_restantes() -> int | None``.
"""

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import limites
from .models import Horodate
from .statuts import declarer_transitions, transition_permise

# An unconfirmed registration holds no seat; its confirmation link dies after this delay.
DELAI_CONFIRMATION = 30 * 60


class StatutInscription(models.TextChoices):
    A_CONFIRMER = "a_confirmer", gettext_lazy("Adresse à confirmer")
    CONFIRMEE = "confirmee", gettext_lazy("Confirmée")
    ATTENTE = "attente", gettext_lazy("Liste d'attente")
    ANNULEE = "annulee", gettext_lazy("Annulée")


# Registered (address to confirm) → seat or waiting list → cancelled; the waiting list moves up
# to a seat; registering again with the same address restarts an unconfirmed or cancelled one.
declarer_transitions(
    StatutInscription,
    {
        StatutInscription.A_CONFIRMER: {
            StatutInscription.A_CONFIRMER,
            StatutInscription.CONFIRMEE,
            StatutInscription.ATTENTE,
            StatutInscription.ANNULEE,
        },
        StatutInscription.CONFIRMEE: {StatutInscription.ANNULEE},
        StatutInscription.ATTENTE: {StatutInscription.CONFIRMEE, StatutInscription.ANNULEE},
        StatutInscription.ANNULEE: {StatutInscription.A_CONFIRMER},
    },
)


class InscriptionImpossible(Exception):
    """Message in French, shown to the person registering."""


class InscriptionBase(Horodate):
    """A participant's registration. Personal data: kept until ``conserver_jusqu_au``."""

    prenom = models.CharField(gettext_lazy("prénom"), max_length=100)
    nom = models.CharField(gettext_lazy("nom"), max_length=100)
    email = models.EmailField(gettext_lazy("adresse e-mail"))
    organisation = models.CharField(gettext_lazy("structure"), max_length=200, blank=True)
    statut = models.CharField(
        max_length=12, choices=StatutInscription.choices, default=StatutInscription.CONFIRMEE
    )
    consentement = models.BooleanField(default=False)
    consenti_le = models.DateTimeField(null=True, blank=True)
    conserver_jusqu_au = models.DateField(gettext_lazy("conservé jusqu'au"))
    present = models.BooleanField(gettext_lazy("présent·e"), default=False)
    pointe_le = models.DateTimeField(null=True, blank=True)
    jeton = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.prenom} {self.nom}"


def adresse_verifiee(utilisateur, email: str) -> bool:
    """A signed-in person registering with their account's verified address confirms nothing."""
    if not (utilisateur and utilisateur.is_authenticated) or utilisateur.email.lower() != email:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=utilisateur, email__iexact=email, verified=True).exists()


@dataclass
class Mecanisme:
    """Registration to the events of one model (``evenement`` is the foreign key's name)."""

    modele_evenement: type[models.Model]
    modele_inscription: type[models.Model]
    evenement: str
    sel: str
    verifier_ouverture: Callable[[models.Model], None]
    date_de_conservation: Callable[[models.Model], datetime.date]
    message_deja_inscrite: str  # "%(email)s"
    message_lien_expire: str
    delai_confirmation: int = DELAI_CONFIRMATION

    def inscrire(self, evenement, prenom, nom, email, organisation="", utilisateur=None):
        """Record a registration. It takes no seat until its address is confirmed
        (``confirmer``) through the signed link e-mailed to it, so registrations typed by a
        robot with made-up or someone else's addresses never fill an event; unconfirmed ones
        expire after ``delai_confirmation``. A signed-in person using their verified address
        is confirmed at once."""
        with transaction.atomic():
            evenement = self.modele_evenement.objects.get(pk=evenement.pk)
            self.verifier_ouverture(evenement)
            email = email.strip().lower()
            existante = evenement.inscriptions.filter(email=email).first()
            if existante and not transition_permise(
                StatutInscription, existante.statut, StatutInscription.A_CONFIRMER
            ):
                raise InscriptionImpossible(_(self.message_deja_inscrite) % {"email": email})
            champs = {
                "prenom": prenom.strip(),
                "nom": nom.strip(),
                "organisation": organisation.strip(),
                "utilisateur": utilisateur if utilisateur and utilisateur.is_authenticated else None,
                "statut": StatutInscription.A_CONFIRMER,
                "consentement": True,
                "consenti_le": timezone.now(),
                "conserver_jusqu_au": self.date_de_conservation(evenement),
            }
            if existante:
                for nom_champ, valeur in champs.items():
                    setattr(existante, nom_champ, valeur)
                existante.save()
                inscription = existante
            else:
                try:
                    with transaction.atomic():
                        inscription = self.modele_inscription.objects.create(
                            **{self.evenement: evenement}, email=email, **champs
                        )
                except IntegrityError as erreur:
                    raise InscriptionImpossible(_(self.message_deja_inscrite) % {"email": email}) from erreur
            if adresse_verifiee(utilisateur, email):
                return self.confirmer(inscription)
            return inscription

    def signer(self, inscription) -> str:
        """The token of the confirmation link: the registration's id, signed and dated."""
        return signing.TimestampSigner(salt=self.sel).sign(str(inscription.jeton))

    def inscription_signee(self, jeton_signe: str):
        """The registration a confirmation link names; InscriptionImpossible when forged or expired."""
        signataire = signing.TimestampSigner(salt=self.sel)
        try:
            jeton = signataire.unsign(jeton_signe, max_age=self.delai_confirmation)
        except signing.SignatureExpired as erreur:
            raise InscriptionImpossible(_(self.message_lien_expire)) from erreur
        except signing.BadSignature as erreur:
            raise InscriptionImpossible(_("Ce lien de confirmation n'est pas valide.")) from erreur
        inscription = self.modele_inscription.objects.filter(jeton=jeton).first()
        if inscription is None:
            raise InscriptionImpossible(_(self.message_lien_expire))
        return inscription

    def confirmer(self, inscription):
        """The address is confirmed: a seat while some remain, else the waiting list.

        The event row is locked (``select_for_update``; SQLite serialises writers), so
        concurrent confirmations never give more seats than the capacity."""
        with transaction.atomic():
            evenement = self.modele_evenement.objects.select_for_update().get(
                pk=getattr(inscription, f"{self.evenement}_id")
            )
            inscription = self.modele_inscription.objects.get(pk=inscription.pk)
            if inscription.statut != StatutInscription.A_CONFIRMER:
                return inscription  # a second click on the link changes nothing
            self.verifier_ouverture(evenement)
            restantes = evenement.places_restantes()
            inscription.statut = StatutInscription.ATTENTE if restantes == 0 else StatutInscription.CONFIRMEE
            inscription.save(update_fields=["statut", "modifie_le"])
            return inscription

    def purger_non_confirmees(self, maintenant=None) -> int:
        """Delete registrations whose address was never confirmed in time (their link is dead)."""
        limite = (maintenant or timezone.now()) - datetime.timedelta(seconds=self.delai_confirmation)
        supprimees, _detail = self.modele_inscription.objects.filter(
            statut=StatutInscription.A_CONFIRMER, consenti_le__lt=limite
        ).delete()
        return supprimees

    def annuler(self, inscription):
        """Cancel a registration; the first person waiting takes the freed seat (returned)."""
        with transaction.atomic():
            if not transition_permise(StatutInscription, inscription.statut, StatutInscription.ANNULEE):
                return None  # already cancelled: a second click changes nothing
            etait_confirmee = inscription.statut == StatutInscription.CONFIRMEE
            inscription.statut = StatutInscription.ANNULEE
            inscription.save(update_fields=["statut", "modifie_le"])
            if not etait_confirmee:
                return None
            evenement = getattr(inscription, self.evenement)
            en_attente = evenement.inscriptions.filter(statut=StatutInscription.ATTENTE)
            promue = en_attente.order_by("cree_le", "id").first()
            if promue:
                promue.statut = StatutInscription.CONFIRMEE
                promue.save(update_fields=["statut", "modifie_le"])
            return promue

    @staticmethod
    def pointer(inscription, present: bool = True):
        """Check-in (émargement): present or not, with the time."""
        inscription.present = present
        inscription.pointe_le = timezone.now() if present else None
        inscription.save(update_fields=["present", "pointe_le", "modifie_le"])

    def purger_expirees(self, aujourd_hui=None) -> int:
        """Delete registrations past their retention date (RGPD), and those never confirmed."""
        aujourd_hui = aujourd_hui or timezone.localdate()
        expirees = self.modele_inscription.objects.filter(conserver_jusqu_au__lt=aujourd_hui)
        supprimees, _detail = expirees.delete()
        return supprimees + self.purger_non_confirmees()


def attente_avant_inscription(
    request, form, actions: tuple[str, str], par_ip: int, par_email: int, fenetre_s: int
) -> int:
    """Rate limit of a public registration form, by client and by address: the seconds to wait
    (0 when allowed). When it refuses, the form carries the French error and keeps the input;
    the view answers 429 with ``Retry-After``. ``actions``: the limit names (client, address)."""
    attente = limites.compter(actions[0], limites.empreinte_ip(request), par_ip, fenetre_s)
    email = form.cleaned_data.get("email", "") if form.is_valid() else ""
    if email:
        attente = max(
            attente,
            limites.compter(actions[1], limites.empreinte(email.strip().lower()), par_email, fenetre_s),
        )
    if attente:
        form.add_error(
            None,
            _(
                "Trop d'inscriptions envoyées depuis cette connexion ou pour cette adresse. "
                "Réessayez dans %(minutes)s minute(s) : votre saisie est conservée."
            )
            % {"minutes": -(-attente // 60)},
        )
    return attente
