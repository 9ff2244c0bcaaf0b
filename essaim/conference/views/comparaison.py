"""The editions of a région side by side (public: published editions only)."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from essaim.commun import graphiques
from essaim.territoires.models import Departement, Region

from ..enums import Transition
from ..services import comparaison as service
from ..services.rapport import MOIS

__all__ = ["comparaison"]


def _tableau(editions, cle_de, lignes):
    """[(label, [value per edition])] for a breakdown (month, département, transition)."""
    return [(libelle, [cle_de(e).get(cle, 0) for e in editions]) for cle, libelle in lignes]


def contexte(region: Region, publiees: bool = True) -> dict:
    resultat = service.comparer(region.code, publiees)
    editions = resultat["editions"]
    noms_dep = {c: f"{n} ({c})" for c, n in Departement.objects.values_list("code", "nom")}
    noms_dep |= {"visio": _("En visio"), "inconnu": _("Lieu inconnu")}
    par_mois = _tableau(
        editions,
        lambda e: {m[5:]: n for m, n in e["par_mois"].items()},
        [(m, MOIS[int(m) - 1].capitalize()) for m in resultat["mois"]],
    )
    par_departement = _tableau(
        editions,
        lambda e: e["par_departement"],
        [(d, noms_dep.get(d, d)) for d in resultat["departements"]],
    )
    transitions = [(t.value, t.label) for t in Transition]
    par_transition = _tableau(editions, lambda e: e["par_transition"], transitions)
    graphes = []
    for cle, titre in (
        ("ateliers", _("Ateliers par édition")),
        ("participants", _("Participants par édition")),
    ):
        donnees = [(str(e["annee"]), e[cle]) for e in editions]
        graphes.append(
            {
                "titre": titre,
                "entete": _("Édition"),
                "colonne": _("Ateliers") if cle == "ateliers" else _("Participants"),
                "donnees": donnees,
                "svg": graphiques.barres(f"g-comparaison-{cle}", titre, "", donnees, marge_gauche=80),
            }
        )
    return {
        "region": region,
        **resultat,
        "par_mois": par_mois,
        "par_departement": par_departement,
        "par_transition": par_transition,
        "graphes": graphes,
    }


def comparaison(request, region):
    region = Region.objects.filter(code=region).first()
    if region is None:
        raise Http404(_("Région inconnue."))
    ctx = contexte(region)
    if not ctx["editions"]:
        raise Http404(_("Aucune édition publiée dans cette région."))
    return render(request, "conference/comparaison.html", ctx)
