"""The library's rules: propose, deduplicate, edit (optimistic lock), moderate.

Moderation is the directory's: same statuses and transition table (``StatutRessource`` is
``annuaire.enums.StatutStructure``), the same per-région mode (``annuaire.ReglageRegion``:
pre-moderation, or publication first and a check afterwards), ``changer_statut`` for every
move, the same three decisions (approve, reject back to draft, archive).
"""

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse

from essaim.annuaire.courriels import emails_staff_de_la_region
from essaim.annuaire.enums import ModeModeration
from essaim.annuaire.services.fiches import mode_moderation
from essaim.commun.courriels import envoyer as envoyer_courriel
from essaim.commun.permissions import filtrer_par_region, peut
from essaim.commun.statuts import TransitionInterdite, changer_statut

from ..adresses import cle_sans_url, normaliser_url
from ..enums import StatutRessource
from ..models import Ressource

CHAMPS_M2M = ("transitions", "themes", "structures")


class ActionInterdite(Exception):
    pass


class DejaDansLaBibliotheque(Exception):
    """The URL (or, without URL, the title and publisher) is already an item of the library."""

    def __init__(self, ressource: Ressource):
        self.ressource = ressource
        super().__init__(
            f"Cette ressource est déjà dans la bibliothèque : « {ressource.titre} » "
            f"({ressource.get_absolute_url()})."
        )


class ConflitEdition(Exception):
    def __init__(self, ressource: Ressource):
        self.ressource = ressource
        super().__init__(
            "Cette ressource a été modifiée par quelqu'un d'autre pendant que vous la modifiiez "
            f"(version {ressource.version}). Vos saisies sont conservées ci-dessous : vérifiez "
            "les informations actuelles, puis enregistrez à nouveau."
        )


def doublon_de(url: str = "", titre: str = "", editeur: str = "", exclure=None) -> Ressource | None:
    """The item already holding this URL (whatever its spelling), or, without URL, the same
    folded title and publisher."""
    qs = Ressource.objects.exclude(pk=getattr(exclure, "pk", None))
    cle = normaliser_url(url)
    if cle:
        return (
            qs.filter(url_normalisee=cle).first()
            or qs.filter(anciennes_cles__contains=f"|u:{cle}|").order_by("pk").first()
        )
    if titre:
        cle = cle_sans_url(titre, editeur)
        return (
            qs.filter(url_normalisee="", cle_sans_url=cle).first()
            or qs.filter(anciennes_cles__contains=f"|t:{cle}|").order_by("pk").first()
        )
    return None


def _appliquer(ressource: Ressource, donnees: dict, par) -> Ressource:
    m2m = {cle: donnees.pop(cle) for cle in CHAMPS_M2M if cle in donnees}
    for nom, valeur in donnees.items():
        setattr(ressource, nom, valeur)
    if par is not None and getattr(par, "is_authenticated", False):
        ressource._history_user = par
    try:
        with transaction.atomic():
            ressource.save()
    except IntegrityError:
        # Two people proposing the same URL at once: the unique key decides, the second one
        # is told which item won.
        existante = doublon_de(ressource.url, exclure=ressource)
        if existante is None:
            raise
        raise DejaDansLaBibliotheque(existante) from None
    for cle, valeurs in m2m.items():
        getattr(ressource, cle).set(valeurs)
    return ressource


@transaction.atomic
def proposer(donnees: dict, auteur, *, source: str = "proposition") -> Ressource:
    """A logged-in person proposes an item; it waits for the staff of its région, or, in a
    post-moderated région, is published at once and flagged for a check."""
    donnees = dict(donnees)
    existante = doublon_de(donnees.get("url", ""), donnees.get("titre", ""), _editeur(donnees))
    if existante is not None:
        raise DejaDansLaBibliotheque(existante)
    region = donnees["region"]
    post = mode_moderation(getattr(region, "code", region)) == ModeModeration.A_POSTERIORI
    direct = peut(auteur, "ressources.moderer_ressource", getattr(region, "code", region))
    ressource = Ressource(
        statut=StatutRessource.PUBLIEE if (post or direct) else StatutRessource.EN_ATTENTE,
        a_controler=post and not direct,
        propose_par=auteur if getattr(auteur, "is_authenticated", False) else None,
        source=source,
    )
    _appliquer(ressource, donnees, auteur)
    if not direct:
        envoyer_courriel(
            "ressources/courriels/a_moderer",
            emails_staff_de_la_region(ressource.region_id),
            {
                "ressource": ressource,
                "quoi": "une ressource publiée à contrôler" if post else "une nouvelle ressource à modérer",
                "lien": reverse("ressources:moderation"),
            },
        )
    from .liens import verifier_apres_validation

    verifier_apres_validation([ressource.pk])
    return ressource


def _editeur(donnees: dict) -> str:
    structure = donnees.get("editeur_structure")
    return structure.nom if structure is not None else donnees.get("editeur_libre", "")


def modifier(ressource: Ressource, donnees: dict, par, version: int) -> Ressource:
    """Save an edit unless someone else saved since the form was shown (never overwrite
    silently): the conditional UPDATE on ``version`` is the lock."""
    if not peut(par, "ressources.modifier_ressource", ressource):
        raise ActionInterdite("Vous ne pouvez pas modifier cette ressource.")
    donnees = dict(donnees)
    existante = doublon_de(donnees.get("url", ""), donnees.get("titre", ""), _editeur(donnees), ressource)
    if existante is not None:
        raise DejaDansLaBibliotheque(existante)
    ancienne_url = ressource.url_normalisee
    with transaction.atomic():
        if not Ressource.objects.filter(pk=ressource.pk, version=version).update(version=F("version") + 1):
            raise ConflitEdition(Ressource.objects.get(pk=ressource.pk))
        ressource.version = version + 1
        if ressource.est_publiee and not peut(par, "ressources.moderer_ressource", ressource):
            ressource.a_controler = True
        _appliquer(ressource, donnees, par)
    if ressource.url_normalisee != ancienne_url:
        from .liens import verifier_apres_validation

        verifier_apres_validation([ressource.pk])
    return ressource


def file_de_moderation(user):
    """Items waiting for the staff of the user's régions: proposals, and items published in
    a post-moderated région that still need a check."""
    return filtrer_par_region(
        Ressource.objects.filter(
            Q(statut=StatutRessource.EN_ATTENTE) | Q(statut=StatutRessource.PUBLIEE, a_controler=True)
        ).select_related("region", "propose_par"),
        user,
        "region",
    ).order_by("modifie_le")


# Same decisions as the directory's (annuaire.services.moderation.DECISIONS).
DECISIONS = {
    "approuver": (StatutRessource.PUBLIEE, "ressource_publiee"),
    "rejeter": (StatutRessource.BROUILLON, "ressource_refusee"),
    "archiver": (StatutRessource.ARCHIVEE, "ressource_archivee"),
}


@transaction.atomic
def decider(ressource: Ressource, action: str, par, message: str = "") -> Ressource:
    """Approve (published), reject (back to draft: who proposed it may correct and resubmit)
    or archive (off the library, history kept); who proposed it gets the staff's message."""
    if action not in DECISIONS:
        raise ActionInterdite(f"Décision inconnue : « {action} ».")
    if not peut(par, "ressources.moderer_ressource", ressource):
        raise ActionInterdite(f"Vous ne pouvez pas modérer « {ressource} » (hors de vos régions).")
    cible, gabarit = DECISIONS[action]
    raison = (message[:100] if message else "Archivée par l'équipe") if action == "archiver" else None
    changer_statut(ressource, cible, par=par, raison=raison, a_controler=False)
    if ressource.propose_par_id and ressource.propose_par_id != getattr(par, "pk", None):
        envoyer_courriel(
            f"ressources/courriels/{gabarit}",
            [ressource.propose_par.email],
            {"ressource": ressource, "message": message},
        )
    return ressource


def soumettre(ressource: Ressource, auteur) -> Ressource:
    """A rejected item, corrected by who proposed it, goes back to the queue."""
    if ressource.statut == StatutRessource.BROUILLON:
        changer_statut(ressource, StatutRessource.EN_ATTENTE, par=auteur)
    return ressource


__all__ = [
    "ActionInterdite",
    "ConflitEdition",
    "DejaDansLaBibliotheque",
    "TransitionInterdite",
    "decider",
    "doublon_de",
    "file_de_moderation",
    "modifier",
    "proposer",
    "soumettre",
]
