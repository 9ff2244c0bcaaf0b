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


def _choix(dim, libelles, comptes, choisis):
    return [
        {"valeur": v, "libelle": lib, "count": comptes.get(v, 0), "choisi": v in choisis}
        for v, lib in libelles
    ]


def contexte_carte(request, taille: int = TAILLE) -> dict:
    from essaim.territoires.models import EPCI, Commune, Departement, Region

    erreurs = {}
    donnees = request.GET.copy()
    commune_saisie = (donnees.get("commune") or "").strip()
    if commune_saisie and not commune_saisie.replace("A", "").replace("B", "").isdigit():
        # A name typed in the commune box: take the best match ("Lille" → 59350).
        from essaim.territoires.services import rechercher_communes

        trouvee = rechercher_communes(commune_saisie, 1).first()
        if trouvee is not None:
            donnees.setlist("commune", [trouvee.code])
    try:
        filtres = lire_filtres(donnees)
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
    regions = list(Region.objects.values_list("code", "nom"))
    deps_qs = Departement.objects.all()
    if v.get("region"):
        deps_qs = deps_qs.filter(region_id__in=v["region"])
    epcis = []
    if v.get("region") or v.get("departement"):
        communes = Commune.objects.all()
        if v.get("departement"):
            communes = communes.filter(departement_id__in=v["departement"])
        else:
            communes = communes.filter(region_id__in=v["region"])
        epcis = list(
            EPCI.objects.filter(code__in=communes.values("epci")).order_by("nom").values_list("code", "nom")
        )
    parametres = filtres.en_parametres()
    requete = urlencode(parametres)
    embed = settings.SITE_URL.rstrip("/") + reverse("carte:embed") + (f"?{requete}" if requete else "")
    commune_choisie = ""
    if v.get("commune"):
        c = Commune.objects.filter(code=v["commune"][0]).first()
        commune_choisie = c.libelle if c else v["commune"][0]
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
        "familles": _choix("famille", FamilleESS.choices, comptes["famille"], v.get("famille", [])),
        "themes": _choix("theme", themes.items(), comptes["theme"], v.get("theme", [])),
        "transitions": _choix(
            "transition",
            codes_service.libelles("transition").items(),
            comptes["transition"],
            v.get("transition", []),
        ),
        "agrements": _choix(
            "agrement", codes_service.libelles("agrement").items(), comptes["agrement"], v.get("agrement", [])
        ),
        "regions": _choix("region", regions, comptes["region"], v.get("region", [])),
        "departements": _choix(
            "departement",
            deps_qs.values_list("code", "nom"),
            comptes["departement"],
            v.get("departement", []),
        ),
        "epcis": _choix("epci", epcis, {}, v.get("epci", [])),
        "commune": commune_choisie,
        "centres": {code: [lat, lon] for code, (lat, lon, _) in CENTRES.items()},
        "config": {
            "api": reverse("api-carte"),
            "carte": reverse("carte:carte"),
            "embed": reverse("carte:embed"),
            "site": settings.SITE_URL.rstrip("/"),
        },
    }
