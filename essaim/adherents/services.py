"""Rules of the CRESS membership: who is a member this year, the public badge, counts, export."""

from collections import Counter

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.commun.encarts import Encart
from essaim.commun.ess import FamilleESS
from essaim.commun.exports import Champ

from .enums import ModeAdhesion, StatutAdhesion
from .models import Adhesion


def annee_courante() -> int:
    return timezone.localdate().year


def adhesions_valides(annee: int | None = None, region: str | None = None):
    """Memberships that count: up to date for the year (direct or through a network)."""
    qs = Adhesion.objects.filter(annee=annee or annee_courante(), statut=StatutAdhesion.A_JOUR)
    return qs.filter(region_id=region) if region else qs


def est_adherente(structure, annee: int | None = None) -> bool:
    return adhesions_valides(annee).filter(structure=structure).exists()


def structures_adherentes_gerees(user, annee: int | None = None):
    """Pks of the member structures this user manages (sessions reserved to members)."""
    if not user.is_authenticated:
        return []
    return list(
        adhesions_valides(annee)
        .filter(structure__gestions__utilisateur=user)
        .values_list("structure_id", flat=True)
    )


def badges_fiche(structure, user=None) -> list[Encart]:
    """The "adhérent de la CRESS" badge on the public record, when the structure agreed."""
    adhesion = (
        adhesions_valides().filter(structure=structure, badge_public=True).select_related("reseau").first()
    )
    if adhesion is None:
        return []
    titre = _("Adhérente de la CRESS pour %(annee)s") % {"annee": adhesion.annee}
    if adhesion.mode == ModeAdhesion.RESEAU and adhesion.reseau_id:
        titre += " — " + _("via le réseau %(reseau)s") % {"reseau": adhesion.reseau}
    return [Encart(libelle=_("Adhérent de la CRESS"), titre=titre, classe="badge--adherent")]


def comptes(qs) -> dict:
    """Counts of member structures by family, network and département (one row per structure)."""
    lignes = list(
        qs.values(
            "structure_id",
            "structure__famille",
            "mode",
            "reseau__structure__nom",
            "structure__commune__departement_id",
            "structure__commune__departement__nom",
        ).distinct()
    )
    libelles = dict(FamilleESS.choices)
    familles = Counter(
        str(libelles.get(ligne["structure__famille"], _("Non renseignée"))) for ligne in lignes
    )
    reseaux = Counter(
        ligne["reseau__structure__nom"] if ligne["mode"] == ModeAdhesion.RESEAU else _("Adhésion directe")
        for ligne in lignes
    )
    territoires = Counter(
        (
            f"{ligne['structure__commune__departement__nom']} ({ligne['structure__commune__departement_id']})"
            if ligne["structure__commune__departement_id"]
            else _("Non localisée")
        )
        for ligne in lignes
    )
    return {
        "total": len({ligne["structure_id"] for ligne in lignes}),
        "familles": sorted(familles.items()),
        "reseaux": sorted(reseaux.items()),
        "territoires": sorted(territoires.items()),
    }


CHAMPS_EXPORT = [
    Champ("structure", "Structure"),
    Champ("siren", "SIREN"),
    Champ("famille", "Famille de l'ESS"),
    Champ("commune", "Commune"),
    Champ("departement", "Département"),
    Champ("region", "Région"),
    Champ("annee", "Année", type="integer"),
    Champ("mode", "Mode d'adhésion"),
    Champ("reseau", "Réseau"),
    Champ("statut", "Statut"),
    Champ("debut", "Début", type="date"),
    Champ("fin", "Fin", type="date"),
    Champ("badge_public", "Badge public", type="boolean"),
    Champ("fiche", "Fiche de l'annuaire"),
]


def lignes_export(qs, base_url: str = ""):
    qs = qs.select_related("structure__commune", "reseau__structure", "region").order_by(
        "-annee", "structure__nom"
    )
    for a in qs.iterator(chunk_size=500):
        yield {
            "structure": a.structure.nom,
            "siren": a.structure.siren,
            "famille": a.structure.get_famille_display(),
            "commune": a.structure.commune.nom if a.structure.commune_id else "",
            "departement": a.structure.commune.departement_id if a.structure.commune_id else "",
            "region": a.region.nom,
            "annee": a.annee,
            "mode": a.get_mode_display(),
            "reseau": str(a.reseau) if a.reseau_id else "",
            "statut": a.get_statut_display(),
            "debut": a.debut,
            "fin": a.fin,
            "badge_public": a.badge_public,
            "fiche": base_url.rstrip("/") + reverse("annuaire:fiche", args=[a.structure.slug]),
        }


def filtrer(qs, annee=None, reseau=None, q=""):
    if annee:
        qs = qs.filter(annee=annee)
    if reseau:
        qs = qs.filter(reseau_id=reseau)
    if q:
        qs = qs.filter(Q(structure__nom__icontains=q) | Q(structure__siren=q))
    return qs
