"""What the map pages show: validated filters, result count, a page of the list, facet
counts for the filter labels, and the choices of each filter (server-rendered, so the
page and its list work without JavaScript)."""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from essaim.commun.ess import FamilleESS

from ..data.departements import CENTRES
from . import codes as codes_service
from . import liste
from .filtres import Filtres, FiltresInvalides, lire_filtres

TAILLE = 20


def _page(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 500))
    except ValueError:
        return 1


def choix(libelles, comptes: dict, choisis) -> list[dict]:
    """The options of one filter, each with its facet count and whether it is chosen."""
    return [
        {"valeur": v, "libelle": lib, "count": comptes.get(v, 0), "choisi": v in choisis}
        for v, lib in libelles
    ]


def avec_commune_resolue(get):
    """A copy of the query string where a commune typed by name ("Lille") is replaced by the
    INSEE code of its best match (59350); codes (including Corsica's 2A/2B) pass unchanged."""
    donnees = get.copy()
    saisie = (donnees.get("commune") or "").strip()
    if saisie and not saisie.upper().replace("A", "").replace("B", "").isdigit():
        from essaim.territoires.services import rechercher_communes

        trouvee = rechercher_communes(saisie, 1).first()
        if trouvee is not None:
            donnees.setlist("commune", [trouvee.code])
    return donnees


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


def contexte_carte(request, taille: int = TAILLE) -> dict:
    erreurs = {}
    try:
        filtres = lire_filtres(avec_commune_resolue(request.GET))
    except FiltresInvalides as e:
        erreurs, filtres = e.erreurs, Filtres()
    page = _page(request)
    total = liste.compter(filtres)
    ids = liste.ids_page(filtres, (page - 1) * taille, taille)
    resultats = liste.lignes(ids)
    for r in resultats:
        r["themes_liste"] = [t for t in r["themes"].split(",") if t]
    facettes = liste.facettes(filtres)["facettes"]
    comptes = {dim: {f["valeur"]: f["count"] for f in valeurs} for dim, valeurs in facettes.items()}
    v = filtres.valeurs
    themes = codes_service.libelles("theme")
    parametres = filtres.en_parametres()
    requete = urlencode(parametres)
    embed = settings.SITE_URL.rstrip("/") + reverse("carte:embed") + (f"?{requete}" if requete else "")
    return {
        "filtres": filtres,
        "filtres_json": requete,
        "facettes_json": {f"{dim}:{val}": n for dim, vals in comptes.items() for val, n in vals.items()},
        "debut": (page - 1) * taille + 1,
        "erreurs": erreurs,
        "total": total,
        "resultats": resultats,
        "page": page,
        "pages": max(1, -(-total // taille)),
        "lien_precedent": urlencode([*parametres, ("page", page - 1)]) if page > 1 else None,
        "lien_suivant": urlencode([*parametres, ("page", page + 1)]) if page * taille < total else None,
        "requete": requete,
        "code_iframe": (
            f'<iframe src="{embed}" width="100%" height="520" loading="lazy" '
            f'title="Carte des structures de l\'ESS en transition"></iframe>'
        ),
        "familles": choix(FamilleESS.choices, comptes["famille"], v.get("famille", [])),
        "themes": choix(themes.items(), comptes["theme"], v.get("theme", [])),
        "transitions": choix(
            codes_service.libelles("transition").items(),
            comptes["transition"],
            v.get("transition", []),
        ),
        "agrements": choix(
            codes_service.libelles("agrement").items(), comptes["agrement"], v.get("agrement", [])
        ),
        **choix_territoires(v, comptes),
        "centres": {code: [lat, lon] for code, (lat, lon, _) in CENTRES.items()},
        "config": {
            "api": reverse("api-carte"),
            "carte": reverse("carte:carte"),
            "embed": reverse("carte:embed"),
            "site": settings.SITE_URL.rstrip("/"),
        },
    }
