"""DLA referrals: recording one (with its follow-up file) and the figures by need, domain,
département and year."""

from collections import Counter

from django.db import transaction
from django.utils.translation import gettext as _

from essaim.commun.ess import Transition
from essaim.commun.statuts import changer_statut

from ..enums import BesoinDLA, EtapeDLA, NatureSuivi, TypeEvenement
from ..models import Evenement, Orientation, Suivi


def orienter(orientation: Orientation, *, par=None, accompagnateur=None) -> Orientation:
    """Save a new referral (already validated by its form) and open its follow-up file."""
    with transaction.atomic():
        suivi = Suivi.objects.create(
            nature=NatureSuivi.DLA,
            region_id=orientation.region_id,
            titre=_("DLA — %(s)s") % {"s": orientation.structure.nom},
            structure=orientation.structure,
            responsable=par if par is not None and par.is_authenticated else None,
            accompagnateur=accompagnateur,
            ouvert_le=orientation.date_orientation,
        )
        orientation.suivi = suivi
        orientation.full_clean()
        orientation.save()
        Evenement.objects.create(
            suivi=suivi,
            type=TypeEvenement.EVENEMENT,
            date=orientation.date_orientation,
            titre=_("Orientation vers le %(dla)s : %(b)s")
            % {"dla": dla_de(orientation), "b": orientation.get_besoin_display()},
            texte=orientation.prescripteur,
            auteur=suivi.responsable,
        )
    return orientation


def dla_de(orientation) -> str:
    if orientation.departement_id:
        return _("DLA %(d)s") % {"d": orientation.departement.nom}
    return _("DLA régional")


def passer_etape(orientation, etape, *, date=None, issue="", par=None) -> Orientation:
    etape = EtapeDLA(etape)
    champs = {}
    if etape == EtapeDLA.DIAGNOSTIC and date:
        champs["date_diagnostic"] = date
    if etape == EtapeDLA.TERMINEE:
        champs["date_fin"] = date
        champs["issue"] = issue
    with transaction.atomic():
        changer_statut(orientation, etape, par=par, **champs)
        Evenement.objects.create(
            suivi=orientation.suivi,
            type=TypeEvenement.EVENEMENT,
            date=date or orientation.date_orientation,
            titre=_("Étape DLA : %(e)s") % {"e": orientation.get_statut_display()},
            texte=orientation.get_issue_display() if issue else "",
            auteur=par if par is not None and par.is_authenticated else None,
        )
    return orientation


def chiffres(orientations) -> dict:
    """Counts by need, transition domain, département and year of the given referrals."""
    lignes = list(orientations.values_list("besoin", "domaine", "departement__nom", "date_orientation"))
    par_besoin = Counter(b for b, *_r in lignes)
    par_domaine = Counter(d for _b, d, *_r in lignes)
    par_departement = Counter(dep or _("DLA régional") for _b, _d, dep, _a in lignes)
    par_annee = Counter(a.year for *_r, a in lignes)
    return {
        "total": len(lignes),
        "besoin": [(str(b.label), par_besoin[b.value]) for b in BesoinDLA if par_besoin[b.value]],
        "domaine": [(str(t.label), par_domaine[t.value]) for t in Transition if par_domaine[t.value]]
        + ([(_("Non précisé"), par_domaine[""])] if par_domaine[""] else []),
        "departement": sorted(par_departement.items()),
        "annee": sorted(par_annee.items()),
    }
