"""What the public list /annuaire/ shows, computed by the carte search service.

The list, the map and the API read the same parameters with ``lire_filtres`` and query the
same index (``carte_pointcarte``: published, non-merged records only), so a given query
string gives the same results, ranking and counts everywhere. Bad values are reported in
French on the page (HTTP 400), never dropped silently.
"""

import html
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator

from essaim.carte.api import PAGE_MAX
from essaim.carte.services import codes as codes_service
from essaim.carte.services import liste as service_liste
from essaim.carte.services.filtres import (
    PARAMETRES,
    Filtres,
    FiltresInvalides,
    lire_filtres,
    valeurs_parametre,
)
from essaim.carte.services.presentation import avec_commune_resolue, choix, choix_territoires
from essaim.commun.ess import FamilleESS

PAR_PAGE = 20
FORMATS_EXPORT = (("csv", "CSV"), ("xlsx", "Excel"), ("json", "JSON"), ("geojson", "GeoJSON"))
CHAMPS = [*service_liste.CHAMPS_LISTE, "description", "est_demo"]
LIBELLES_PARAMETRES = {
    "q": "Recherche",
    "theme": "Thème",
    "transition": "Transition",
    "famille": "Famille de l'ESS",
    "agrement": "Statut ou agrément",
    "region": "Région",
    "departement": "Département",
    "epci": "Intercommunalité (EPCI)",
    "commune": "Commune",
    "page": "Page",
}


class Resultats:
    """A lazy sequence over the index for Django's Paginator: count and one page of rows."""

    def __init__(self, filtres: Filtres):
        self.filtres = filtres
        self._total = None

    def count(self) -> int:
        if self._total is None:
            self._total = service_liste.compter(self.filtres)
        return self._total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, tranche: slice) -> list[dict]:
        debut, fin = tranche.start or 0, tranche.stop
        if fin <= debut:
            return []
        ids = service_liste.ids_page(self.filtres, debut, fin - debut)
        return service_liste.lignes(ids, CHAMPS)


def _page(paginator: Paginator, brut: str | None, erreurs: dict):
    try:
        numero = int(brut) if brut not in (None, "") else 1
        if not 1 <= numero <= PAGE_MAX:
            raise EmptyPage
        return paginator.page(numero)
    except (ValueError, PageNotAnInteger):
        erreurs["page"] = [f"Nombre entier attendu, reçu « {brut[:40]} »."]
    except EmptyPage:
        erreurs["page"] = [f"La page « {brut[:40]} » n'existe pas : il y a {paginator.num_pages} page(s)."]
    return None


def _presenter(ligne: dict, themes: dict, familles: dict) -> dict:
    codes = [t for t in (ligne["themes"] or "").split(",") if t]
    texte = html.unescape(strip_tags(ligne.get("description") or "")).strip()
    return {
        **ligne,
        "famille_libelle": familles.get(ligne["famille"], ""),
        "themes_libelles": [themes.get(c, c) for c in codes],
        "agrements_liste": [a for a in (ligne["agrements"] or "").split(",") if a],
        "resume": Truncator(" ".join(texte.split())).words(30),
    }


def contexte_liste(request) -> dict:
    erreurs: dict[str, list[str]] = {}
    donnees = avec_commune_resolue(request.GET)
    try:
        filtres = lire_filtres(donnees)
        choisis = filtres.valeurs
    except FiltresInvalides as e:
        erreurs = dict(e.erreurs)
        filtres = Filtres()
        # Keep what the person chose, so the form can be corrected rather than retyped.
        choisis = {d: valeurs_parametre(donnees, d) for d in PARAMETRES[1:]}

    page = None
    if not erreurs:
        paginator = Paginator(Resultats(filtres), PAR_PAGE)
        page = _page(paginator, request.GET.get("page"), erreurs)

    facettes = service_liste.facettes(filtres)["facettes"]
    comptes = {dim: {f["valeur"]: f["count"] for f in vals} for dim, vals in facettes.items()}
    familles = dict(FamilleESS.choices)
    themes = codes_service.libelles("theme")
    requete = urlencode(filtres.en_parametres()) if not erreurs else ""
    suffixe = f"?{requete}" if requete else ""
    return {
        "filtres": filtres,
        "q": filtres.q if not erreurs else (request.GET.get("q") or "")[:200],
        "erreurs": [
            (LIBELLES_PARAMETRES.get(cle, cle), message)
            for cle, messages in erreurs.items()
            for message in messages
        ],
        "page_obj": page,
        "total": page.paginator.count if page is not None else None,
        "resultats": [_presenter(r, themes, familles) for r in page.object_list] if page is not None else [],
        "familles": choix(FamilleESS.choices, comptes["famille"], choisis.get("famille", [])),
        "transitions": choix(
            codes_service.libelles("transition").items(), comptes["transition"], choisis.get("transition", [])
        ),
        "themes": choix(themes.items(), comptes["theme"], choisis.get("theme", [])),
        "agrements": choix(
            codes_service.libelles("agrement").items(), comptes["agrement"], choisis.get("agrement", [])
        ),
        "themes_ouvert": bool(choisis.get("theme")),
        "agrements_ouvert": bool(choisis.get("agrement")),
        **choix_territoires(choisis, comptes),
        "requete": requete,
        "lien_carte": reverse("carte:carte") + suffixe,
        "lien_api": reverse("api-structures") + suffixe,
        "exports": [
            (libelle, reverse("opendata:fichier", args=["structures", f]) + suffixe)
            for f, libelle in FORMATS_EXPORT
        ],
    }
