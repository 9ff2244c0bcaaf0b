"""Claims of existing records and magic edit links sent by e-mail (django.core.signing).

A claim auto-approves only when the claimant's verified e-mail domain *is* the registrable
domain of the record's website (``asso-exemple.fr`` for ``https://www.asso-exemple.fr`` or
``https://boutique.asso-exemple.fr``), computed with the Public Suffix List (the
``publicsuffixlist`` package, its bundled snapshot, never fetched from the network; private
suffixes included, so ``x.github.io`` is its own registrable domain and ``@github.io`` owns
nothing). Never automatically:
- a domain of ``data/domaines_partages.txt`` (free webmail, providers' mailboxes, website
  builders and platforms): ``@free.fr`` does not own ``monasso.free.fr``, nor ``@wordpress.com``
  ``asso.wordpress.com``;
- a website whose top-level domain is not in the list (``x.essaim.local``, ``.test``,
  ``.internal``, an IP address): no registrable domain, so no proof — the demo site on
  ``*.essaim.local`` is therefore never claimed by an ``@essaim.local`` address;
- an address the claimant has not verified.
Everything else goes to the CRESS team's moderation queue.
"""

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from essaim.commun.courriels import envoyer as envoyer_courriel

from .. import courriels
from ..enums import StatutDemande
from ..models import Gestion, Revendication, Structure
from .fiches import ajouter_gestionnaire

SEL_LIEN = "essaim.annuaire.lien-magique"


DOMAINES_PARTAGES = Path(__file__).resolve().parents[1] / "data" / "domaines_partages.txt"


@cache
def _liste_des_suffixes():
    from publicsuffixlist import PublicSuffixList

    # accept_unknown=False: a name under a TLD the list does not know has no registrable domain.
    return PublicSuffixList(accept_unknown=False)


@cache
def domaines_partages() -> frozenset[str]:
    lignes = DOMAINES_PARTAGES.read_text(encoding="utf-8").splitlines()
    return frozenset(ligne.split("#", 1)[0].strip().lower() for ligne in lignes) - {""}


def _hote(valeur: str) -> str:
    return valeur.strip().rstrip(".").lower().encode("idna").decode("ascii") if valeur.strip() else ""


def domaine_site(url: str) -> str:
    try:
        return _hote(urlsplit(url if "://" in (url or "") else f"https://{url}").hostname or "")
    except (ValueError, UnicodeError):
        return ""


def domaine_email(email: str) -> str:
    try:
        return _hote((email or "").rsplit("@", 1)[-1]) if "@" in (email or "") else ""
    except UnicodeError:
        return ""


def domaine_enregistrable(hote: str) -> str | None:
    """``asso-exemple.fr`` for ``www.asso-exemple.fr``; None for a public suffix, an unknown
    TLD or an IP address."""
    return _liste_des_suffixes().privatesuffix(hote) if hote else None


def est_partage(hote: str) -> bool:
    """On a free-mail, provider or hosting domain (the domain itself or one of its subdomains)."""
    partages = domaines_partages()
    parties = hote.split(".")
    return any(".".join(parties[i:]) in partages for i in range(len(parties)))


def domaine_correspond(email: str, site_web: str) -> bool:
    """The e-mail's domain is the website's registrable domain (see the module docstring)."""
    site, courriel = domaine_site(site_web), domaine_email(email)
    enregistrable = domaine_enregistrable(site)
    if not enregistrable or not courriel or est_partage(site) or est_partage(courriel):
        return False
    return courriel == enregistrable


def adresse_verifiee(utilisateur) -> bool:
    return EmailAddress.objects.filter(
        user=utilisateur, email__iexact=utilisateur.email, verified=True
    ).exists()


@transaction.atomic
def revendiquer(structure: Structure, demandeur, fonction: str = "", message: str = "") -> Revendication:
    existante = Revendication.objects.filter(
        structure=structure, demandeur=demandeur, statut=StatutDemande.EN_ATTENTE
    ).first()
    if existante:
        return existante
    auto = domaine_correspond(demandeur.email, structure.site_web) and adresse_verifiee(demandeur)
    revendication = Revendication.objects.create(
        structure=structure,
        demandeur=demandeur,
        fonction=fonction,
        message=message,
        auto_approuvee=auto,
        statut=StatutDemande.APPROUVEE if auto else StatutDemande.EN_ATTENTE,
        reponse="Approuvée automatiquement : votre adresse e-mail est sur le domaine du site web."
        if auto
        else "",
    )
    if not auto:
        courriels.prevenir_staff(structure, f"une demande de gestion de {demandeur.email}")
    if auto:
        ajouter_gestionnaire(structure, demandeur)
        envoyer_courriel(
            "annuaire/courriels/revendication_acceptee",
            [demandeur.email],
            {"structure": structure, "message": ""},
        )
    return revendication


# --- Magic edit links ----------------------------------------------------------------------
# A signed token (no table): record, manager, the record's version, and a fingerprint of the
# manager's last login and password. Using the link logs the manager in, which changes the
# last login: the link is single-use (as Django's password-reset tokens). It expires after
# ESSAIM_LIEN_MAGIQUE_HEURES and dies as soon as the record changes (another version).


class LienInvalide(Exception):
    """The French message says why (shown to the visitor)."""


def duree_lien() -> int:
    return settings.ESSAIM_LIEN_MAGIQUE_HEURES * 3600


def _empreinte(utilisateur) -> str:
    connexion = utilisateur.last_login.isoformat() if utilisateur.last_login else ""
    valeur = f"{utilisateur.pk}:{utilisateur.password}:{connexion}"
    return salted_hmac(SEL_LIEN, valeur, algorithm="sha256").hexdigest()[:32]


def jeton_lien_magique(structure: Structure, utilisateur) -> str:
    return signing.dumps(
        {"s": structure.pk, "u": utilisateur.pk, "v": structure.version, "e": _empreinte(utilisateur)},
        salt=SEL_LIEN,
    )


def lire_jeton(jeton: str) -> dict:
    """Raises signing.BadSignature / SignatureExpired (a subclass) when invalid or too old."""
    return signing.loads(jeton, salt=SEL_LIEN, max_age=duree_lien())


def utilisateur_du_lien(structure: Structure, jeton: str):
    """The manager a magic link logs in, or LienInvalide with the reason in French."""
    try:
        donnees = lire_jeton(jeton)
    except signing.SignatureExpired:
        raise LienInvalide(_("Ce lien de modification a expiré : demandez-en un nouveau.")) from None
    except signing.BadSignature:
        raise LienInvalide(_("Ce lien de modification n'est pas valide.")) from None
    gestion = (
        Gestion.objects.filter(structure_id=structure.pk, utilisateur_id=donnees.get("u"))
        .select_related("utilisateur")
        .first()
    )
    if donnees.get("s") != structure.pk or gestion is None or not gestion.utilisateur.is_active:
        raise LienInvalide(_("Ce lien de modification n'est plus valide."))
    if donnees.get("v") != structure.version:
        raise LienInvalide(_("La fiche a été modifiée depuis l'envoi de ce lien : demandez-en un nouveau."))
    if donnees.get("e") != _empreinte(gestion.utilisateur):
        raise LienInvalide(_("Ce lien de modification a déjà servi : demandez-en un nouveau."))
    return gestion.utilisateur


def validite_lien() -> str:
    heures = settings.ESSAIM_LIEN_MAGIQUE_HEURES
    if heures % 24 == 0:
        return ngettext("%(n)s jour", "%(n)s jours", heures // 24) % {"n": heures // 24}
    return ngettext("%(n)s heure", "%(n)s heures", heures) % {"n": heures}


def envoyer_lien_magique(structure: Structure, email: str, base_url: str) -> bool:
    """Send a single-use edit link to a manager of the record. Returns whether one was sent
    (the view answers the same either way, so nobody can probe who manages what)."""
    gestion = (
        Gestion.objects.filter(
            structure=structure, utilisateur__email__iexact=email.strip(), utilisateur__is_active=True
        )
        .select_related("utilisateur")
        .first()
    )
    if gestion is None:
        return False
    jeton = jeton_lien_magique(structure, gestion.utilisateur)
    lien = base_url.rstrip("/") + reverse("annuaire:lien_magique", args=[structure.slug, jeton])
    envoyer_courriel(
        "annuaire/courriels/lien_magique",
        [gestion.utilisateur.email],
        {"structure": structure, "lien": lien, "validite": validite_lien()},
    )
    return True
