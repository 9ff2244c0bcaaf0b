"""Permissions of the clubs (see essaim.commun.permissions).

Roles: the club's animateur (a staff account) and the région's staff run the club; the
managers of a member structure ("membres") see the members, post needs and offers and
contact each other; any manager may ask to join; partners of the région read the figures;
anonymous visitors see the public pages.
"""

import rules
from django.db.models import Q

from essaim.commun.permissions import (
    est_connecte,
    est_gestionnaire_de,
    filtrer_par_region,
    perimetre_de,
    peut_gerer_la_region,
    peut_lire_tableaux_de_bord,
)

from .enums import StatutClub, StatutMembre
from .models import Annonce, Club, Contact, InscriptionRencontre, Membre, Rencontre


def _club(obj):
    return obj if isinstance(obj, Club) else getattr(obj, "club", None)


@rules.predicate
def est_animateur(user, obj):
    club = _club(obj)
    return bool(club and club.est_gere_par(user))


@rules.predicate
def est_membre_du_club(user, obj):
    club = _club(obj)
    return bool(club and club.est_membre(user))


@rules.predicate
def membres_publics(user, obj):
    club = _club(obj)
    return bool(club and club.membres_publics)


@rules.predicate
def club_actif(user, obj):
    club = _club(obj)
    return bool(club and club.statut == StatutClub.ACTIF)


gere_le_club = peut_gerer_la_region | est_animateur

# Object: a Club.
rules.add_perm("clubs.gerer_club", gere_le_club)
rules.add_perm("clubs.decider_adhesion", gere_le_club)
rules.add_perm("clubs.demander_adhesion", est_connecte & club_actif & ~est_animateur)
rules.add_perm("clubs.voir_membres", gere_le_club | est_membre_du_club | membres_publics)
rules.add_perm("clubs.voir_contacts", gere_le_club | est_membre_du_club)
rules.add_perm("clubs.voir_annonces", gere_le_club | est_membre_du_club)
rules.add_perm("clubs.publier_annonce", est_membre_du_club)
rules.add_perm("clubs.suivre", gere_le_club | peut_lire_tableaux_de_bord)
# Object: a Rencontre (its club's animateur and staff).
rules.add_perm("clubs.gerer_rencontre", gere_le_club)
rules.add_perm("clubs.emarger", gere_le_club)
# Object: an Annonce.
rules.add_perm("clubs.contacter", gere_le_club | est_membre_du_club)
rules.add_perm("clubs.modifier_annonce", gere_le_club | est_gestionnaire_de)
# Object: a Membre (a structure in a club): its managers may leave the club.
rules.add_perm("clubs.quitter", est_gestionnaire_de)


# --- What the user may see and list (querysets beside the rules above) ---------------------


@perimetre_de("clubs.Club")
def clubs_gerables(user, qs=None):
    """Clubs the user runs: those of the régions they act on, and those they animate."""
    qs = Club.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.none()
    de_la_region = filtrer_par_region(qs, user, "region")
    return qs.filter(Q(pk__in=de_la_region.values("pk")) | Q(animateur=user))


def clubs_visibles(user, qs=None):
    """Public list: active clubs; plus every club the user runs."""
    qs = Club.objects.all() if qs is None else qs
    return qs.filter(Q(statut=StatutClub.ACTIF) | Q(pk__in=clubs_gerables(user).values("pk")))


def clubs_de_l_utilisateur(user, qs=None):
    """Clubs where the user manages a member structure."""
    qs = Club.objects.all() if qs is None else qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(
        membres__statut=StatutMembre.ACCEPTEE, membres__structure__gestions__utilisateur=user
    ).distinct()


@perimetre_de("clubs.Membre")
def membres_gerables(user, qs=None):
    qs = Membre.objects.all() if qs is None else qs
    return qs.filter(club__in=clubs_gerables(user).values("pk"))


def membres_visibles(user, club):
    """The member structures of a club this user may list (none when not allowed)."""
    qs = club.membres.filter(statut=StatutMembre.ACCEPTEE)
    return qs if user.has_perm("clubs.voir_membres", club) else qs.none()


@perimetre_de("clubs.Contact")
def contacts_gerables(user, qs=None):
    qs = Contact.objects.all() if qs is None else qs
    return qs.filter(membre__club__in=clubs_gerables(user).values("pk"))


@perimetre_de("clubs.Rencontre")
def rencontres_gerables(user, qs=None):
    qs = Rencontre.objects.all() if qs is None else qs
    return qs.filter(club__in=clubs_gerables(user).values("pk"))


@perimetre_de("clubs.InscriptionRencontre")
def inscriptions_gerables(user, qs=None):
    qs = InscriptionRencontre.objects.all() if qs is None else qs
    return qs.filter(rencontre__club__in=clubs_gerables(user).values("pk"))


@perimetre_de("clubs.Annonce")
def annonces_gerables(user, qs=None):
    qs = Annonce.objects.all() if qs is None else qs
    return qs.filter(club__in=clubs_gerables(user).values("pk"))


def annonces_visibles(user, club):
    qs = club.annonces.all()
    return qs if user.has_perm("clubs.voir_annonces", club) else qs.none()
