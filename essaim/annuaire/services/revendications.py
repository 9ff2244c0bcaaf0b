"""Claims of existing records and magic edit links sent by e-mail (django.core.signing)."""

from urllib.parse import urlsplit

from django.core import signing
from django.db import transaction
from django.urls import reverse

from essaim.commun.courriels import envoyer as envoyer_courriel

from .. import courriels
from ..enums import StatutDemande
from ..models import Gestion, Revendication, Structure
from .fiches import ajouter_gestionnaire

SEL_LIEN = "essaim.annuaire.lien-magique"
DUREE_LIEN = 7 * 24 * 3600


def domaine_site(url: str) -> str:
    hote = (urlsplit(url if "://" in (url or "") else f"https://{url}").hostname or "").lower()
    return hote[4:] if hote.startswith("www.") else hote


def domaine_email(email: str) -> str:
    return (email or "").rsplit("@", 1)[-1].lower()


def domaine_correspond(email: str, site_web: str) -> bool:
    """The e-mail's domain is the website's domain or one of its parents (asso.fr ≠ fr)."""
    site, courriel = domaine_site(site_web), domaine_email(email)
    if not site or not courriel or "." not in site:
        return False
    return courriel == site or courriel.endswith("." + site) or site.endswith("." + courriel)


@transaction.atomic
def revendiquer(structure: Structure, demandeur, fonction: str = "", message: str = "") -> Revendication:
    existante = Revendication.objects.filter(
        structure=structure, demandeur=demandeur, statut=StatutDemande.EN_ATTENTE
    ).first()
    if existante:
        return existante
    auto = domaine_correspond(demandeur.email, structure.site_web)
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


def jeton_lien_magique(structure: Structure, utilisateur) -> str:
    return signing.dumps({"s": structure.pk, "u": utilisateur.pk, "v": structure.version}, salt=SEL_LIEN)


def lire_jeton(jeton: str) -> dict:
    """Raises signing.BadSignature / SignatureExpired (a subclass) when invalid or too old."""
    return signing.loads(jeton, salt=SEL_LIEN, max_age=DUREE_LIEN)


def envoyer_lien_magique(structure: Structure, email: str, base_url: str) -> bool:
    """Send a one-week edit link to a manager of the record. Returns whether one was sent
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
        "annuaire/courriels/lien_magique", [gestion.utilisateur.email], {"structure": structure, "lien": lien}
    )
    return True
