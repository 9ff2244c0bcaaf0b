"""What the directory's list (/annuaire/) and the map pages (/carte/, /carte/embed/) show.

Both read their query string with ``carte.lecture.rechercher`` (same filters, same page
limit, same French error messages, HTTP 400 on a bad value) and share the filter choices
with their facet counts (server-rendered, so the pages work without JavaScript). Each page
then adds its own rows: the list a page of records with summaries and export links, the map
its counts, embed code and client configuration.
"""

import html
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Max, Min
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator

from essaim.commun.ess import FamilleESS
from essaim.territoires.models import Commune, Contour

from ..lecture import PAGE_MAX, Recherche, libelles, lignes, rechercher
from .liste import CHAMPS_LISTE

PAR_PAGE = 20  # list rows per page, on the directory list and under the map
# Share of the records the first view must hold (the few far-away ones, overseas or abroad,
# do not zoom the map out to the whole world).
PART_ETENDUE = 0.9
FORMATS_EXPORT = (("csv", "CSV"), ("xlsx", "Excel"), ("json", "JSON"), ("geojson", "GeoJSON"))
CHAMPS_ANNUAIRE = [*CHAMPS_LISTE, "description", "est_demo"]


def choix(libelles, comptes: dict, choisis) -> list[dict]:
    """The options of one filter, each with its facet count and whether it is chosen."""
    return [
        {"valeur": v, "libelle": lib, "count": comptes.get(v, 0), "choisi": v in choisis}
        for v, lib in libelles
    ]


def libelle_commune(valeurs: dict) -> str:
    """The label of the chosen commune, for the commune box."""
    from essaim.territoires.models import Commune

    if not valeurs.get("commune"):
        return ""
    c = Commune.objects.filter(code=valeurs["commune"][0]).first()
    return c.libelle if c else valeurs["commune"][0]


def choix_territoires(v: dict, comptes: dict) -> dict:
    """Options of the territory filters (map and directory): départements of the chosen
    régions, EPCI of the chosen départements or régions, and a chosen EPCI always kept."""
    from essaim.territoires.models import EPCI, Commune, Departement, Region

    departements = Departement.objects.order_by("code")
    if v.get("region"):
        departements = departements.filter(region_id__in=v["region"])
    epcis = []
    if v.get("region") or v.get("departement") or v.get("epci"):
        communes = Commune.objects.all()
        if v.get("departement"):
            communes = communes.filter(departement_id__in=v["departement"])
        elif v.get("region"):
            communes = communes.filter(region_id__in=v["region"])
        epcis = EPCI.objects.filter(code__in=communes.values("epci")) | EPCI.objects.filter(
            code__in=v.get("epci", [])
        )
        epcis = list(epcis.order_by("nom").values_list("code", "nom"))
    return {
        "regions": choix(
            Region.objects.order_by("nom").values_list("code", "nom"), comptes["region"], v.get("region", [])
        ),
        "departements": choix(
            [(code, f"{code} — {nom}") for code, nom in departements.values_list("code", "nom")],
            comptes["departement"],
            v.get("departement", []),
        ),
        "epcis": choix(epcis, {}, v.get("epci", [])),
        "commune": libelle_commune(v),
    }


def _choix_filtres(recherche: Recherche) -> dict:
    """Options of every filter, with facet counts and what the person chose."""
    v, comptes = recherche.choisis, recherche.comptes
    themes = libelles("theme")
    return {
        "familles": choix(FamilleESS.choices, comptes["famille"], v.get("famille", [])),
        "themes": choix(themes.items(), comptes["theme"], v.get("theme", [])),
        "transitions": choix(libelles("transition").items(), comptes["transition"], v.get("transition", [])),
        "agrements": choix(libelles("agrement").items(), comptes["agrement"], v.get("agrement", [])),
        **choix_territoires(v, comptes),
    }


def _resume(ligne: dict, themes: dict, familles: dict) -> dict:
    codes = [t for t in (ligne["themes"] or "").split(",") if t]
    texte = html.unescape(strip_tags(ligne.get("description") or "")).strip()
    return {
        **ligne,
        "famille_libelle": familles.get(ligne["famille"], ""),
        "themes_libelles": [themes.get(c, c) for c in codes],
        "agrements_liste": [a for a in (ligne["agrements"] or "").split(",") if a],
        "resume": Truncator(" ".join(texte.split())).words(30),
    }


class _Resultats:
    """What Django's Paginator needs (the shared pagination component reads a Page): the
    count, already known; the rows are read once, by ``contexte_liste``."""

    def __init__(self, recherche: Recherche):
        self.recherche = recherche

    def count(self) -> int:
        return self.recherche.total

    def __len__(self) -> int:
        return self.recherche.total

    def __getitem__(self, tranche: slice) -> list:
        return []


def contexte_liste(parametres) -> dict:
    """The directory's list page. On invalid filters it shows the errors and no results."""
    recherche = rechercher(parametres, PAR_PAGE)
    valide = not recherche.erreurs
    requete = urlencode(recherche.filtres.en_parametres()) if valide else ""
    suffixe = f"?{requete}" if requete else ""
    resultats = []
    if valide:
        themes, familles = libelles("theme"), dict(FamilleESS.choices)
        resultats = [_resume(r, themes, familles) for r in lignes(recherche.ids(), CHAMPS_ANNUAIRE)]
    return {
        "filtres": recherche.filtres,
        "q": recherche.filtres.q if valide else (parametres.get("q") or "")[:200],
        "erreurs": recherche.erreurs_libellees,
        "total": recherche.total if valide else None,
        "resultats": resultats,
        "page_obj": Paginator(_Resultats(recherche), PAR_PAGE).page(recherche.page) if valide else None,
        **_choix_filtres(recherche),
        "themes_ouvert": bool(recherche.choisis.get("theme")),
        "agrements_ouvert": bool(recherche.choisis.get("agrement")),
        "requete": requete,
        "lien_carte": reverse("carte:carte") + suffixe,
        "lien_api": reverse("api-structures") + suffixe,
        "exports": [
            (libelle, reverse("opendata:fichier", args=["structures", f]) + suffixe)
            for f, libelle in FORMATS_EXPORT
        ],
    }


def _emprise_contours(niveau: str, codes) -> list | None:
    bornes = Contour.objects.filter(niveau=niveau, code__in=codes).aggregate(
        ouest=Min("ouest"), sud=Min("sud"), est=Max("est"), nord=Max("nord")
    )
    if bornes["ouest"] is None:
        return None
    return [[bornes["sud"], bornes["ouest"]], [bornes["nord"], bornes["est"]]]


def _emprise_communes(**filtre) -> list | None:
    bornes = Commune.objects.filter(latitude__isnull=False, **filtre).aggregate(
        ouest=Min("longitude"), sud=Min("latitude"), est=Max("longitude"), nord=Max("latitude")
    )
    if bornes["ouest"] is None:
        return None
    return [[bornes["sud"], bornes["ouest"]], [bornes["nord"], bornes["est"]]]


def etendue(recherche: Recherche) -> list | None:
    """First view of the map, [[south, west], [north, east]]: the chosen territory, else the
    départements that hold PART_ETENDUE of the records shown (from the facet counts, no scan).
    None when nothing is shown: the page then frames metropolitan France."""
    valeurs = recherche.filtres.valeurs
    if valeurs.get("commune"):
        return _emprise_communes(code__in=valeurs["commune"])
    if valeurs.get("epci"):
        return _emprise_contours("epci", valeurs["epci"]) or _emprise_communes(epci__in=valeurs["epci"])
    for niveau in ("departement", "region"):
        if valeurs.get(niveau):
            return _emprise_contours(niveau, valeurs[niveau])
    comptes = sorted(
        ((n, code) for code, n in recherche.comptes.get("departement", {}).items() if n), reverse=True
    )
    total = sum(n for n, _ in comptes)
    retenus, cumul = [], 0
    for n, code in comptes:
        if cumul >= PART_ETENDUE * total:
            break
        retenus.append(code)
        cumul += n
    return _emprise_contours("departement", retenus) if retenus else None


TERRITOIRES = ("commune", "epci", "departement", "region")


def contexte_carte(parametres, taille: int = PAR_PAGE, regions_suivies=()) -> dict:
    """The map pages. On invalid filters they show the errors above the whole directory.
    ``regions_suivies``: the régions of the staff member or partner looking, framed by the first
    view when no territory is chosen (the records stay those of every région)."""
    recherche = rechercher(parametres, taille)
    page, total = recherche.page, recherche.total
    derniere = min(recherche.pages, PAGE_MAX)
    resultats = lignes(recherche.ids())
    noms_themes = libelles("theme")
    for r in resultats:
        # Labels, not codes ("Agriculture et alimentation", not "agriculture-alimentation").
        r["themes_liste"] = [noms_themes.get(t, t) for t in r["themes"].split(",") if t]
    parametres_filtres = recherche.filtres.en_parametres()
    requete = urlencode(parametres_filtres)
    embed = settings.SITE_URL.rstrip("/") + reverse("carte:embed") + (f"?{requete}" if requete else "")
    etendue_ = etendue(recherche)
    if regions_suivies and not any(recherche.filtres.valeurs.get(n) for n in TERRITOIRES):
        etendue_ = _emprise_contours("region", sorted(regions_suivies)) or etendue_
    return {
        "filtres": recherche.filtres,
        "filtres_json": requete,
        "facettes_json": {
            f"{dim}:{val}": n for dim, vals in recherche.comptes.items() for val, n in vals.items()
        },
        "debut": recherche.debut + 1,
        "erreurs": recherche.erreurs_libellees,
        "total": total,
        "resultats": resultats,
        "page": page,
        "pages": recherche.pages,
        "lien_precedent": urlencode([*parametres_filtres, ("page", page - 1)]) if page > 1 else None,
        "lien_suivant": (urlencode([*parametres_filtres, ("page", page + 1)]) if page < derniere else None),
        "requete": requete,
        "code_iframe": (
            f'<iframe src="{embed}" width="100%" height="520" loading="lazy" '
            f'title="Carte des structures de l\'ESS en transition"></iframe>'
        ),
        **_choix_filtres(recherche),
        "etendue": etendue_,
        "config": {
            "api": reverse("api-carte"),
            "carte": reverse("carte:carte"),
            "embed": reverse("carte:embed"),
            "site": settings.SITE_URL.rstrip("/"),
            "etendue": etendue_,
        },
    }
