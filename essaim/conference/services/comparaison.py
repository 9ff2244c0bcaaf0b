"""A région's editions side by side: key figures of each (those of the report), participants
declared / registered / signed in, organisers new to each edition, and what recurs in the
syntheses from one edition to the next (inspiring projects, resources, organisers).

One edition only: ``comparer`` says so (``une_seule_edition``) instead of comparing nothing.
"""

from collections import defaultdict

from django.db.models import Prefetch

from ..enums import StatutFiche, StatutInscription
from ..models import Conference
from .chiffres import ateliers_de, chiffres_cles, cle_organisateur


def editions(region: str, publiees: bool = True) -> list[Conference]:
    qs = Conference.objects.filter(region_id=region).select_related("region").order_by("annee", "id")
    if publiees:
        qs = qs.filter(publiee=True)
    return list(qs)


def _fiche(atelier):
    fiche = getattr(atelier, "fiche", None)
    return fiche if fiche is not None and fiche.statut != StatutFiche.BROUILLON else None


def _participants(ateliers) -> dict:
    declares = 0
    inscrits = emarges = 0
    for atelier in ateliers:
        fiche = _fiche(atelier)
        if fiche is not None and fiche.participants is not None:
            declares += fiche.participants
        elif atelier.participants_declares is not None:
            declares += atelier.participants_declares
        for inscription in atelier.inscriptions.all():
            inscrits += inscription.statut == StatutInscription.CONFIRMEE
            emarges += inscription.present
    return {"participants_declares": declares, "inscrits": inscrits, "emarges": emarges}


def _organisateurs(ateliers) -> dict[str, str]:
    """Folded key -> first spelling met."""
    noms = {}
    for atelier in ateliers:
        for nom in atelier.liste_organisateurs():
            if cle := cle_organisateur(nom):
                noms.setdefault(cle, nom)
    return noms


def _ateliers(conference):
    return ateliers_de(conference).prefetch_related(Prefetch("fiche__projets"), Prefetch("fiche__ressources"))


def chiffres_des_editions(region: str, publiees: bool = True) -> list[dict]:
    """One dict per edition, oldest first: the keys of ``chiffres_cles`` (the report's, exact),
    plus ``edition``, ``annee``, ``titre``, ``participants_detail``, ``organisateurs_nouveaux``
    and ``part_organisateurs_nouveaux`` (None for the first edition: nothing to compare with)."""
    return _series(editions(region, publiees))


def _series(conferences) -> list[dict]:
    resultat, deja_vus = [], set()
    for rang, conference in enumerate(conferences):
        ateliers = list(_ateliers(conference))
        organisateurs = _organisateurs(ateliers)
        nouveaux = set(organisateurs) - deja_vus
        chiffres = chiffres_cles(conference, ateliers)
        resultat.append(
            {
                "conference": conference,
                "edition": conference.slug,
                "annee": conference.annee,
                "titre": conference.titre,
                **chiffres,
                "participants_detail": _participants(ateliers),
                "organisateurs_nouveaux": len(nouveaux) if rang else None,
                "part_organisateurs_nouveaux": (
                    round(len(nouveaux) / len(organisateurs), 3) if rang and organisateurs else None
                ),
                "_ateliers": ateliers,
                "_organisateurs": organisateurs,
            }
        )
        deja_vus |= set(organisateurs)
    return resultat


def _recurrents(par_edition: list[tuple[int, dict[str, str]]]) -> list[dict]:
    """Names met in at least two editions: [{"nom", "annees"}], most frequent first."""
    annees, noms = defaultdict(list), {}
    for annee, valeurs in par_edition:
        for cle, nom in valeurs.items():
            noms.setdefault(cle, nom)
            if annee not in annees[cle]:
                annees[cle].append(annee)
    return sorted(
        ({"nom": noms[c], "annees": a} for c, a in annees.items() if len(a) > 1),
        key=lambda r: (-len(r["annees"]), r["nom"].casefold()),
    )


def _cites(ateliers, attribut: str, champ: str) -> dict[str, str]:
    cites = {}
    for atelier in ateliers:
        fiche = _fiche(atelier)
        if fiche is None:
            continue
        for objet in getattr(fiche, attribut).all():
            nom = getattr(objet, champ).strip()
            if cle := cle_organisateur(nom):
                cites.setdefault(cle, nom)
    return cites


def comparer(region: str, publiees: bool = True) -> dict:
    series = chiffres_des_editions(region, publiees)
    recurrences = {
        "organisateurs": _recurrents([(e["annee"], e["_organisateurs"]) for e in series]),
        "projets": _recurrents([(e["annee"], _cites(e["_ateliers"], "projets", "nom")) for e in series]),
        "ressources": _recurrents(
            [(e["annee"], _cites(e["_ateliers"], "ressources", "titre")) for e in series]
        ),
    }
    mois = sorted({m[5:] for e in series for m in e["par_mois"]})
    departements = sorted({d for e in series for d in e["par_departement"]})
    return {
        "editions": series,
        "une_seule_edition": len(series) == 1,
        "recurrences": recurrences,
        # Month of year (MM) across editions, so that editions of different years line up.
        "mois": mois,
        "departements": departements,
    }


def en_api(edition: dict, url: str = "") -> dict:
    """The public form of one edition (no private keys)."""
    return {k: v for k, v in edition.items() if not k.startswith("_") and k != "conference"} | (
        {"url": url} if url else {}
    )


def section_rapport(conference: Conference) -> dict | None:
    """The report's "over the editions" section: this edition and the earlier ones of its région
    (published, or this one). None when it is the région's first edition."""
    conferences = [
        c
        for c in editions(conference.region_id, publiees=False)
        if (c.publiee or c.pk == conference.pk) and c.annee <= conference.annee
    ]
    if len(conferences) < 2:
        return None
    toutes = _series(conferences)
    if len(toutes) < 2:
        return None
    return {"editions": toutes, "precedente": toutes[-2], "courante": toutes[-1]}
