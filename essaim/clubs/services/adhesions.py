"""Joining a club: a structure's manager asks, the animateur (or the région's staff) decides."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.commun import courriels
from essaim.commun.statuts import changer_statut

from ..enums import StatutClub, StatutMembre
from ..models import Club, Contact, Membre


class AdhesionImpossible(Exception):
    """Message in French, shown to the person asking."""


def structures_candidates(user, club: Club):
    """The structures this user manages that could ask to join (not yet members nor pending)."""
    from essaim.annuaire.models import Structure

    if not user.is_authenticated:
        return Structure.objects.none()
    deja = club.membres.filter(statut__in=[StatutMembre.ACCEPTEE, StatutMembre.DEMANDEE]).values("structure")
    return Structure.objects.filter(gestions__utilisateur=user).exclude(pk__in=deja).order_by("nom")


def verifier_demande(club: Club, structure, user) -> None:
    if club.statut != StatutClub.ACTIF:
        raise AdhesionImpossible(
            _("Le club « %(club)s » n'accueille pas de nouveaux membres.") % {"club": club}
        )
    if not structure.est_gere_par(user):
        raise AdhesionImpossible(
            _(
                "Vous ne gérez pas la fiche « %(structure)s » : "
                "seul·e un·e gestionnaire peut demander l'adhésion."
            )
            % {"structure": structure.nom}
        )
    if structure.region_id != club.region_id:
        raise AdhesionImpossible(
            _(
                "« %(structure)s » est située hors de la région du club (%(region)s) : "
                "les clubs Busin'ESS accueillent les structures de leur région. "
                "Vérifiez la commune de la fiche ou rapprochez-vous de la CRESS de votre région."
            )
            % {"structure": structure.nom, "region": club.region.nom}
        )
    existant = club.membres.filter(structure=structure).first()
    if existant and existant.statut == StatutMembre.ACCEPTEE:
        raise AdhesionImpossible(
            _("« %(structure)s » est déjà membre du club.") % {"structure": structure.nom}
        )
    if existant and existant.statut == StatutMembre.DEMANDEE:
        raise AdhesionImpossible(
            _("Une demande d'adhésion de « %(structure)s » attend déjà la réponse de l'animateur·rice.")
            % {"structure": structure.nom}
        )


@transaction.atomic
def demander(
    club: Club, structure, user, message: str = "", fonction: str = "", base_url: str = ""
) -> Membre:
    verifier_demande(club, structure, user)
    membre = club.membres.filter(structure=structure).first()
    if membre is None:
        membre = Membre.objects.create(
            club=club, structure=structure, demande_par=user, message=message.strip()
        )
    else:
        membre.demande_par = user
        changer_statut(membre, StatutMembre.DEMANDEE, par=user, message=message.strip(), motif="")
    Contact.objects.update_or_create(
        membre=membre,
        email=user.email.lower(),
        defaults={
            "utilisateur": user,
            "prenom": user.first_name or user.email.split("@")[0],
            "nom": user.last_name,
            "fonction": fonction.strip(),
        },
    )
    if club.animateur and club.animateur.email:
        courriels.envoyer(
            "clubs/courriels/demande_adhesion",
            [club.animateur.email],
            {
                "club": club,
                "membre": membre,
                "lien": base_url.rstrip("/") + reverse("clubs:demandes", args=[club.slug]),
            },
        )
    return membre


@transaction.atomic
def decider(membre: Membre, accepter: bool, par, motif: str = "", base_url: str = "") -> Membre:
    cible = StatutMembre.ACCEPTEE if accepter else StatutMembre.REFUSEE
    champs = {"decide_le": timezone.now(), "motif": "" if accepter else motif.strip()}
    if accepter:
        champs["depuis"] = timezone.localdate()
    changer_statut(membre, cible, par=par, **champs)
    destinataires = list(membre.contacts.values_list("email", flat=True))
    courriels.envoyer(
        "clubs/courriels/decision_adhesion",
        destinataires,
        {
            "club": membre.club,
            "membre": membre,
            "accepte": accepter,
            "lien": base_url.rstrip("/") + membre.club.get_absolute_url(),
        },
    )
    return membre


@transaction.atomic
def quitter(membre: Membre, par) -> Membre:
    changer_statut(membre, StatutMembre.RETIREE, par=par)
    membre.contacts.all().delete()  # no contact person is kept once the structure leaves
    return membre
