"""What is waiting for a user, by role: one block per domain, each line a count and a link.

Every list goes through the scope functions of the apps' ``rules.py`` (and the moderation
queue service): nothing here decides who may see what."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from essaim.accompagnement.services.espace import a_suivre
from essaim.annuaire.enums import StatutDemande, StatutStructure
from essaim.annuaire.models import Revendication, Structure
from essaim.annuaire.services import doublons
from essaim.annuaire.services.moderation import file_de_moderation
from essaim.appels.enums import StatutCandidature
from essaim.appels.models import Candidature
from essaim.appels.rules import appels_evalues, appels_gerables
from essaim.commun.models import StatutTravail
from essaim.commun.rules import travaux_visibles
from essaim.conference.enums import StatutAtelier, StatutFiche, StatutInscription
from essaim.conference.models import Inscription
from essaim.conference.rules import ateliers_gerables, conferences_gerables, fiches_gerables
from essaim.pilotage.services.mesures import a_saisir as pilotage_a_saisir
from essaim.ressources.enums import StatutRessource
from essaim.ressources.models import Ressource
from essaim.ressources.services.bibliotheque import file_de_moderation as ressources_a_moderer

# Finished background work stays in "Mon espace" this long.
JOURS_TRAVAUX = 30
# Duplicate detection reads every record of the scope: its count is kept a few minutes.
CACHE_DOUBLONS_S = 300


@dataclass
class Ligne:
    libelle: str
    href: str
    nombre: int | None = None
    detail: str = ""


@dataclass
class Bloc:
    cle: str
    titre: str
    lignes: list[Ligne] = field(default_factory=list)
    vide: str = ""


def _nombre_doublons(user) -> int:
    cle = f"espace:doublons:{user.pk}"
    nombre = cache.get(cle)
    if nombre is None:
        nombre = len(doublons.candidats(user))
        cache.set(cle, nombre, CACHE_DOUBLONS_S)
    return nombre


def _moderation(user) -> Bloc | None:
    if not user.has_perm("annuaire.acceder_moderation"):
        return None
    file = file_de_moderation(user)
    url = reverse("annuaire:moderation")
    return Bloc(
        "moderation",
        _("Annuaire : modération"),
        [
            Ligne(_("Fiches à modérer"), url + "#t-fiches", file["structures"].count()),
            Ligne(_("Modifications à valider"), url + "#t-modifs", file["modifications"].count()),
            Ligne(
                _("Demandes de gestion (revendications)"),
                url + "#t-revendications",
                file["revendications"].count(),
            ),
            Ligne(_("Signalements"), url + "#t-signalements", file["signalements"].count()),
            Ligne(_("Doublons possibles"), reverse("annuaire:doublons"), _nombre_doublons(user)),
            Ligne(_("Importer des fiches"), reverse("annuaire:imports")),
            Ligne(_("Réglages de modération des régions"), reverse("annuaire:reglages")),
        ],
    )


def _appels(user) -> Bloc | None:
    appels = list(appels_evalues(user).order_by("-cloture")[:20])
    # Filed applications this user has not reviewed yet (exclude: a subquery, so that another
    # member's review does not hide the application).
    a_examiner = dict(
        Candidature.objects.filter(
            appel__in=[a.pk for a in appels],
            statut__in=[StatutCandidature.DEPOSEE, StatutCandidature.EN_EVALUATION],
        )
        .exclude(evaluations__evaluateur=user)
        .values_list("appel")
        .annotate(n=Count("pk"))
        .order_by()
    )
    lignes = [
        Ligne(
            _("Candidatures à examiner : %(titre)s") % {"titre": a.titre},
            reverse("appels:comite", args=[a.slug]),
            a_examiner.get(a.pk, 0),
        )
        for a in appels
    ]
    if user.has_perm("appels.creer_appel"):
        lignes.append(Ligne(_("Créer un appel à projets"), reverse("appels:creer")))
        for appel in appels_gerables(user).order_by("-cloture")[:10]:
            lignes.append(
                Ligne(
                    _("Gérer l'appel : %(titre)s") % {"titre": appel.titre},
                    reverse("appels:modifier_appel", args=[appel.slug]),
                )
            )
    if not lignes:
        return None
    return Bloc("appels", _("Appels à projets"), lignes)


def _conference(user) -> Bloc | None:
    ateliers = ateliers_gerables(user).filter(statut=StatutAtelier.LABELLISE)
    en_retard = (
        ateliers.filter(date__lt=timezone.localdate())
        .filter(Q(fiche__isnull=True) | Q(fiche__statut=StatutFiche.BROUILLON))
        .select_related("conference")
        .order_by("date")
    )
    lignes = [
        Ligne(
            _("Fiche de synthèse en retard : %(atelier)s") % {"atelier": a.intitule},
            reverse("conference:fiche", args=[a.conference.slug, a.pk]),
            detail=" — ".join(
                x
                for x in (
                    formats.date_format(a.date),
                    a.organisateurs_libres.split("\n")[0].strip(),
                    a.conference.titre,
                )
                if x
            ),
        )
        for a in en_retard[:20]
    ]
    a_valider = fiches_gerables(user).filter(statut=StatutFiche.DEPOSEE)
    for conference in conferences_gerables(user).order_by("-annee")[:10]:
        lignes.append(
            Ligne(
                _("Fiches de synthèse à valider : %(edition)s") % {"edition": conference.titre},
                reverse("conference:tableau_de_bord", args=[conference.slug]),
                a_valider.filter(atelier__conference=conference).count(),
            )
        )
        lignes.append(
            Ligne(
                _("Importer des ateliers : %(edition)s") % {"edition": conference.titre},
                reverse("conference:importer", args=[conference.slug]),
            )
        )
    if not lignes:
        return None
    total = Ligne(_("Fiches de synthèse en retard"), reverse("conference:liste"), en_retard.count())
    return Bloc("conference", _("Conférences"), [total, *lignes])


def _observatoire(user) -> Bloc | None:
    if not user.has_perm("observatoire.importer_chiffres"):
        return None
    return Bloc(
        "observatoire",
        _("Observatoire"),
        [
            Ligne(_("Importer des chiffres"), reverse("observatoire:importer_chiffres")),
            Ligne(_("Millésimes importés"), reverse("observatoire:millesimes")),
        ],
    )


def _pilotage(user) -> Bloc | None:
    """Measures due in the plans where the user owns objectives (or manages the région)."""
    lignes = [Ligne(**ligne) for ligne in pilotage_a_saisir(user)]
    return Bloc("pilotage", _("Orientations stratégiques"), lignes) if lignes else None


def _ressources(user) -> Bloc:
    """The library: the staff's queue; for everyone, their proposals still in progress."""
    lignes = []
    if user.has_perm("ressources.acceder_moderation"):
        lignes.append(
            Ligne(
                _("Ressources à modérer"),
                reverse("ressources:moderation"),
                ressources_a_moderer(user).count(),
            )
        )
    proposees = (
        Ressource.objects.filter(propose_par=user)
        .exclude(statut__in=[StatutRessource.PUBLIEE, StatutRessource.ARCHIVEE])
        .order_by("-modifie_le")[:20]
    )
    lignes += [Ligne(r.titre, r.get_absolute_url(), detail=r.get_statut_display()) for r in proposees]
    lignes.append(Ligne(_("Proposer une ressource"), reverse("ressources:proposer")))
    return Bloc("ressources", _("Bibliothèque de ressources"), lignes)


def _travaux(user) -> Bloc | None:
    depuis = timezone.now() - timedelta(days=JOURS_TRAVAUX)
    travaux = (
        travaux_visibles(user)
        .filter(cree_par=user, statut__in=[StatutTravail.TERMINE, StatutTravail.ECHEC])
        .filter(Q(fin__gte=depuis) | Q(fin__isnull=True, modifie_le__gte=depuis))
        .order_by("-modifie_le")[:20]
    )
    lignes = [Ligne(t.libelle, t.get_absolute_url(), detail=t.get_statut_display()) for t in travaux]
    if not lignes:
        return None
    return Bloc("travaux", _("Mes imports et travaux récents"), lignes)


def _structures(user) -> Bloc:
    mes_structures = (
        Structure.objects.filter(gestions__utilisateur=user)
        .exclude(statut=StatutStructure.ARCHIVEE)
        .distinct()
        .order_by("nom")
    )
    lignes = [Ligne(s.nom, s.get_absolute_url(), detail=s.get_statut_display()) for s in mes_structures[:50]]
    for r in Revendication.objects.filter(demandeur=user, statut=StatutDemande.EN_ATTENTE).select_related(
        "structure"
    ):
        lignes.append(
            Ligne(
                _("Demande de gestion en attente : %(nom)s") % {"nom": r.structure.nom},
                r.structure.get_absolute_url(),
            )
        )
    lignes.append(Ligne(_("Inscrire une structure"), reverse("annuaire:inscription")))
    return Bloc("structures", _("Mes structures"), lignes, vide=_("Vous ne gérez encore aucune fiche."))


def _inscriptions(user) -> Bloc:
    inscriptions = (
        Inscription.objects.filter(utilisateur=user)
        .exclude(statut=StatutInscription.ANNULEE)
        .filter(Q(atelier__date__gte=timezone.localdate()) | Q(atelier__date__isnull=True))
        .select_related("atelier__conference")
        .order_by("atelier__date")
    )
    lignes = [
        Ligne(
            i.atelier.intitule,
            i.atelier.get_absolute_url(),
            detail=" — ".join(
                x
                for x in (
                    formats.date_format(i.atelier.date) if i.atelier.date else "",
                    i.get_statut_display(),
                )
                if x
            ),
        )
        for i in inscriptions[:50]
    ]
    candidatures = Candidature.objects.filter(candidat=user).count()
    lignes.append(
        Ligne(_("Mes candidatures aux appels à projets"), reverse("appels:mes_candidatures"), candidatures)
    )
    return Bloc("inscriptions", _("Mes inscriptions et candidatures"), lignes)


def _accompagnement(user) -> Bloc | None:
    lignes = [
        Ligne(ligne["libelle"], ligne["href"], ligne.get("nombre"), ligne.get("detail", ""))
        for ligne in a_suivre(user)
    ]
    if not lignes:
        return None
    return Bloc("accompagnement", _("Accompagnement"), lignes)


def a_faire(user) -> list[Bloc]:
    from . import clubs

    blocs = [
        _moderation(user),
        _appels(user),
        _accompagnement(user),
        _conference(user),
        clubs.animation(user),
        _observatoire(user),
        _pilotage(user),
        _travaux(user),
    ]
    blocs += [_structures(user), _ressources(user), _inscriptions(user), clubs.mes_clubs(user)]
    return [b for b in blocs if b is not None]
