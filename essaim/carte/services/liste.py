"""Listing, counting and facet counts over the index, for the API, the map and exports."""

from django.db import connection

from essaim.commun.ess import FamilleESS

from ..models import CompteFacette
from . import codes as codes_service
from . import texte
from .filtres import Filtres

CHAMPS_LISTE = [
    "structure_id",
    "nom",
    "sigle",
    "slug",
    "url",
    "famille",
    "themes",
    "transitions",
    "agrements",
    "commune",
    "commune_nom",
    "code_postal",
    "epci",
    "departement",
    "region",
    "latitude",
    "longitude",
    "site_web",
    "modifie_le",
]
CHAMPS_COMPLETS = CHAMPS_LISTE + [
    "description",
    "siren",
    "siret",
    "rna",
    "categorie_juridique",
    "naf",
    "est_demo",
]


def compter(filtres: Filtres) -> int:
    if filtres.mots:
        return texte.compter(filtres)
    cle = filtres.cle_agregee()
    if cle is not None:
        ligne = (
            CompteFacette.objects.filter(cle_filtre=cle, cle_facette="")
            .values_list("nombre", flat=True)
            .first()
        )
        return ligne or 0
    where, params = filtres.sql("p")
    with connection.cursor() as c:
        c.execute(f"SELECT COUNT(*) FROM carte_pointcarte p WHERE {where}", params)
        return c.fetchone()[0]


def ids_page(filtres: Filtres, debut: int, taille: int) -> list[int]:
    if filtres.mots:
        return texte.ids_page(filtres, debut, taille)
    where, params = filtres.sql("p")
    sql = f"SELECT p.structure_id FROM carte_pointcarte p WHERE {where} ORDER BY p.nom, p.structure_id"
    with connection.cursor() as c:
        c.execute(f"{sql} LIMIT %s OFFSET %s", [*params, taille, debut])
        return [r[0] for r in c.fetchall()]


def lignes(ids: list[int], champs=CHAMPS_LISTE) -> list[dict]:
    if not ids:
        return []
    with connection.cursor() as c:
        c.execute(
            (
                f"SELECT {', '.join(champs)} FROM carte_pointcarte WHERE structure_id IN "
                f"({', '.join(['%s'] * len(ids))})"
            ),
            ids,
        )
        par_id = {r[0]: dict(zip(champs, r, strict=True)) for r in c.fetchall()}
    return [par_id[i] for i in ids if i in par_id]


def iterer(filtres: Filtres, champs=CHAMPS_COMPLETS, lot: int = 2000):
    """Every matching row, in id order, fetched by keyset chunks (constant memory)."""
    where, params = filtres.sql("p")
    dernier = -1
    with connection.cursor() as c:
        while True:
            c.execute(
                f"SELECT {', '.join('p.' + ch for ch in champs)} FROM carte_pointcarte p "
                f"WHERE p.structure_id > %s AND {where} ORDER BY p.structure_id LIMIT %s",
                [dernier, *params, lot],
            )
            rangs = c.fetchall()
            if not rangs:
                return
            for r in rangs:
                yield dict(zip(champs, r, strict=True))
            dernier = rangs[-1][0]
            if len(rangs) < lot:
                return


# --- Facets ---------------------------------------------------------------------------------

DIMENSIONS_FACETTES = ("famille", "theme", "transition", "agrement", "region", "departement")


def _comptes_agreges(cle: str) -> dict[str, int]:
    return dict(CompteFacette.objects.filter(cle_filtre=cle).values_list("cle_facette", "nombre"))


def _comptes_directs(filtres: Filtres) -> dict[str, int]:
    where, params = filtres.sql("p")
    bits = {dim: codes_service.bits(dim) for dim in ("theme", "transition", "agrement")}
    sommes, cles, params_sommes = [], [], []
    for dim, table in bits.items():
        for code, b in table.items():
            if b >= codes_service.DEBORDEMENT:  # shared bit: the exact code
                exact, exact_params = codes_service.sql_portant(dim, [code])
                sommes.append(f"SUM(CASE WHEN {exact} THEN 1 ELSE 0 END)")
                params_sommes += exact_params
            else:
                sommes.append(f"SUM(CASE WHEN (p.{dim}s_bits & {1 << b}) <> 0 THEN 1 ELSE 0 END)")
            cles.append(f"{dim}:{code}")
    colonnes = ", ".join(["COUNT(*)", *sommes])
    comptes: dict[str, int] = {}
    with connection.cursor() as c:
        c.execute(
            f"SELECT p.famille, p.region, p.departement, {colonnes} FROM carte_pointcarte p "
            f"WHERE {where} GROUP BY p.famille, p.region, p.departement",
            [*params_sommes, *params],
        )
        for famille, region, dep, total, *valeurs in c.fetchall():
            comptes[""] = comptes.get("", 0) + total
            for cle in (
                f"famille:{famille}" if famille else None,
                f"region:{region}" if region else None,
                f"departement:{dep}" if dep else None,
            ):
                if cle:
                    comptes[cle] = comptes.get(cle, 0) + total
            for cle, v in zip(cles, valeurs, strict=True):
                if v:
                    comptes[cle] = comptes.get(cle, 0) + int(v)
    return comptes


def _libelles() -> dict[str, dict[str, str]]:
    from essaim.territoires.models import Departement, Region

    return {
        "famille": {c: str(label) for c, label in FamilleESS.choices},
        "theme": codes_service.libelles("theme"),
        "transition": codes_service.libelles("transition"),
        "agrement": codes_service.libelles("agrement"),
        "region": dict(Region.objects.values_list("code", "nom")),
        "departement": dict(Departement.objects.values_list("code", "nom")),
    }


def facettes(filtres: Filtres) -> dict:
    cle = filtres.cle_agregee()
    if filtres.mots:
        comptes = texte.comptes_facettes(filtres)
    elif cle is not None:
        comptes = _comptes_agreges(cle)
    else:
        comptes = _comptes_directs(filtres)
    libelles = _libelles()
    resultat = {dim: [] for dim in DIMENSIONS_FACETTES}
    for cle_facette, n in comptes.items():
        if not cle_facette or n <= 0:
            continue
        dim, _, valeur = cle_facette.partition(":")
        if dim in resultat:
            resultat[dim].append({"valeur": valeur, "libelle": libelles[dim].get(valeur, valeur), "count": n})
    for dim in resultat:
        resultat[dim].sort(key=lambda f: (-f["count"], f["libelle"]))
    return {"count": comptes.get("", 0), "facettes": resultat}
