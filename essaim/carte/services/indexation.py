"""Projection of published directory records into the map/search index.

``indexer(id)`` is called by signal receivers after every save / M2M change / deletion of
a ``Structure``: it recomputes the structure's row, then applies the difference between
the old and new rows to the pre-aggregated cluster cells and facet counts (a few hundred
upserts at most), so counts stay exact without rebuilding anything.
``reconstruire()`` (``manage.py reindexer_carte``) rebuilds everything in bulk.
"""

from collections import defaultdict
from datetime import UTC
from functools import lru_cache

from django.db import connection, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from essaim.annuaire.enums import StatutStructure

from .. import geo
from ..models import PointCarte
from ..recherche import moteur
from ..recherche.texte import DESCRIPTION_MAX, plier
from . import codes as codes_service
from . import memoire

# Cluster levels served from CelluleCarte (zoom 1..10). Finer levels would be 90 % of the
# rows; above them, the map groups the points it shows from the in-memory positions.
NIVEAUX_AGREGES = range(3, 13)

COLONNES = [
    "structure_id",
    "nom",
    "sigle",
    "slug",
    "url",
    "description",
    "famille",
    "siren",
    "siret",
    "rna",
    "categorie_juridique",
    "naf",
    "site_web",
    "themes",
    "transitions",
    "agrements",
    "themes_bits",
    "transitions_bits",
    "agrements_bits",
    "commune",
    "commune_nom",
    "code_postal",
    "epci",
    "departement",
    "region",
    "latitude",
    "longitude",
    "cle",
    "est_demo",
    "modifie_le",
    "texte_nom",
    "texte_themes",
    "texte_lieu",
    "texte_description",
]


class Vocabulaires:
    """Labels and hierarchy of the directory's vocabularies, loaded once per batch."""

    def __init__(self):
        from essaim.annuaire.models import Agrement, Theme, Transition
        from essaim.territoires.models import Departement

        self.themes = {t["id"]: t for t in Theme.objects.values("id", "code", "libelle", "parent_id")}
        self.transitions = {t["id"]: t for t in Transition.objects.values("id", "code", "libelle")}
        self.agrements = {t["id"]: t for t in Agrement.objects.values("id", "code", "libelle")}
        self.departements = dict(Departement.objects.values_list("code", "nom"))
        self.combinaisons: dict[tuple, dict] = {}
        self.lieux: dict[tuple, str] = {}

    def themes_avec_parents(self, ids) -> list[dict]:
        vus, resultat = set(), []
        for i in ids:
            while i is not None and i in self.themes and i not in vus:
                vus.add(i)
                resultat.append(self.themes[i])
                i = self.themes[i]["parent_id"]
        return sorted(resultat, key=lambda t: t["code"])


def tables_sources():
    from essaim.annuaire.models import Structure

    return {
        "structure": Structure._meta.db_table,
        "themes": Structure.themes.through._meta.db_table,
        "transitions": Structure.transitions.through._meta.db_table,
        "agrements": Structure.agrements.through._meta.db_table,
    }


SQL_SOURCES = """
SELECT s.id, s.nom, s.sigle, s.slug, s.description, s.famille, s.siren, s.siret, s.rna,
       s.categorie_juridique, s.naf, s.site_web, s.latitude, s.longitude, s.est_demo, s.modifie_le,
       s.commune_id, c.nom, c.codes_postaux, COALESCE(c.epci_id, par.epci_id), c.departement_id,
       COALESCE(s.region_id, c.region_id)
FROM {structure} s
LEFT JOIN territoires_commune c ON c.code = s.commune_id
LEFT JOIN territoires_commune par ON par.code = c.parent_id
WHERE s.statut = %s AND s.fusionnee_dans_id IS NULL AND {condition}
ORDER BY s.id
"""


def _liens(curseur, table: str, colonne: str, condition: str, params) -> dict[int, list[int]]:
    curseur.execute(
        f"SELECT structure_id, {colonne} FROM {table} WHERE {condition.replace('s.id', 'structure_id')}",
        params,
    )
    liens = defaultdict(list)
    for sid, autre in curseur.fetchall():
        liens[sid].append(autre)
    return liens


def sources(curseur, condition: str, params: list, voc: Vocabulaires):
    """Rows of the index for published structures matching ``condition`` (SQL over ``s``)."""
    t = tables_sources()
    curseur.execute(
        SQL_SOURCES.format(structure=t["structure"], condition=condition),
        [StatutStructure.PUBLIEE, *params],
    )
    brutes = curseur.fetchall()
    if not brutes:
        return []
    themes = _liens(curseur, t["themes"], "theme_id", condition, params)
    transitions = _liens(curseur, t["transitions"], "transition_id", condition, params)
    agrements = _liens(curseur, t["agrements"], "agrement_id", condition, params)
    return [ligne(b, themes[b[0]], transitions[b[0]], agrements[b[0]], voc) for b in brutes]


def _vocabulaire_de(voc: Vocabulaires, theme_ids, transition_ids, agrement_ids) -> dict:
    """Codes, masks and searchable labels of a combination of vocabulary ids (memoised per
    batch: in a large directory the same few thousand combinations repeat)."""
    cle = (tuple(sorted(theme_ids)), tuple(sorted(transition_ids)), tuple(sorted(agrement_ids)))
    deja = voc.combinaisons.get(cle)
    if deja is not None:
        return deja
    themes = voc.themes_avec_parents(cle[0])
    transitions = sorted(
        (voc.transitions[i] for i in cle[1] if i in voc.transitions), key=lambda t: t["code"]
    )
    agrements = sorted((voc.agrements[i] for i in cle[2] if i in voc.agrements), key=lambda t: t["code"])
    resultat = voc.combinaisons[cle] = {
        "themes": ",".join(t["code"] for t in themes),
        "transitions": ",".join(t["code"] for t in transitions),
        "agrements": ",".join(t["code"] for t in agrements),
        "themes_bits": codes_service.masque_assigne("theme", [t["code"] for t in themes]),
        "transitions_bits": codes_service.masque_assigne("transition", [t["code"] for t in transitions]),
        "agrements_bits": codes_service.masque_assigne("agrement", [t["code"] for t in agrements]),
        "texte_themes": plier(
            " ".join(t["libelle"] for t in themes)
            + " "
            + " ".join(t["libelle"] for t in transitions)
            + " "
            + " ".join(f"{t['code']} {t['libelle']}" for t in agrements)
        ),
    }
    return resultat


def ligne(b, theme_ids, transition_ids, agrement_ids, voc: Vocabulaires) -> dict:
    (
        sid,
        nom,
        sigle,
        slug,
        description,
        famille,
        siren,
        siret,
        rna,
        cj,
        naf,
        site,
        lat,
        lon,
        demo,
        modifie,
        commune,
        commune_nom,
        cps,
        epci,
        dep,
        region,
    ) = b
    a_coord = lat is not None and lon is not None
    lieu = (commune_nom, dep)
    if lieu not in voc.lieux:
        voc.lieux[lieu] = plier(f"{commune_nom or ''} {voc.departements.get(dep, '')}")
    return {
        "structure_id": sid,
        "nom": nom,
        "sigle": sigle or "",
        "slug": slug or "",
        "url": _url(slug),
        "description": description or "",
        "famille": famille or "",
        "siren": siren or "",
        "siret": siret or "",
        "rna": rna or "",
        "categorie_juridique": cj or "",
        "naf": naf or "",
        "site_web": site or "",
        **_vocabulaire_de(voc, theme_ids, transition_ids, agrement_ids),
        "commune": commune or "",
        "commune_nom": commune_nom or "",
        "code_postal": (cps or "").split(" ")[0][:5],
        "epci": epci or "",
        "departement": dep or "",
        "region": region or "",
        "latitude": lat if a_coord else None,
        "longitude": lon if a_coord else None,
        "cle": geo.cle_point(lat, lon) if a_coord else None,
        "est_demo": bool(demo),
        "modifie_le": _aware(modifie),
        "texte_nom": plier(f"{nom} {sigle or ''} {siren or ''} {siret or ''} {rna or ''}"),
        "texte_lieu": voc.lieux[lieu],
        "texte_description": plier(description)[:DESCRIPTION_MAX],
    }


@lru_cache(maxsize=1)
def _modele_url() -> str:
    try:
        return reverse("annuaire:fiche", args=["SLUG-A-REMPLACER"])
    except NoReverseMatch:
        return "/annuaire/SLUG-A-REMPLACER/"


def _url(slug: str | None) -> str:
    return _modele_url().replace("SLUG-A-REMPLACER", slug) if slug else ""


def _aware(valeur):
    if isinstance(valeur, str):
        valeur = parse_datetime(valeur)
    if valeur is not None and timezone.is_naive(valeur):
        valeur = timezone.make_aware(valeur, UTC)
    return valeur


def cles_facettes(r: dict) -> list[str]:
    """The pre-aggregated filter keys a row belongs to ('' = everything)."""
    cles = [""]
    if r["famille"]:
        cles.append(f"famille:{r['famille']}")
    for dim in ("themes", "transitions", "agrements"):
        cles += [f"{dim[:-1]}:{c}" for c in r[dim].split(",") if c]
    if r["region"]:
        cles.append(f"region:{r['region']}")
    if r["departement"]:
        cles.append(f"departement:{r['departement']}")
    return cles


def mots_de(r: dict) -> set[str]:
    """The indexed words of a row (its texte_* columns are already folded to [a-z0-9 ])."""
    return set(f"{r['texte_nom']} {r['texte_themes']} {r['texte_lieu']} {r['texte_description']}".split())


# --- Incremental maintenance ---------------------------------------------------------------


def _contributions(r: dict | None, signe: int, cellules: dict, paires: dict):
    if r is None:
        return
    cles = cles_facettes(r)
    for a in cles:
        for b in cles:
            paires[(a, b)] += signe
    if r["cle"] is None:
        return
    for niveau in NIVEAUX_AGREGES:
        cellule = geo.cellule(r["cle"], niveau)
        for cle in cles:
            acc = cellules[(cle, niveau, cellule)]
            acc[0] += signe
            acc[1] += signe * r["latitude"]
            acc[2] += signe * r["longitude"]
            acc[3] += signe * r["structure_id"]


def _appliquer(curseur, ancien: dict | None, nouveau: dict | None):
    cellules = defaultdict(lambda: [0, 0.0, 0.0, 0])
    paires = defaultdict(int)
    _contributions(ancien, -1, cellules, paires)
    _contributions(nouveau, +1, cellules, paires)
    lignes = [
        (c, n, cel, *acc)
        for (c, n, cel), acc in cellules.items()
        if acc[0] or acc[3] or abs(acc[1]) > 1e-9 or abs(acc[2]) > 1e-9
    ]
    if lignes:
        curseur.executemany(
            "INSERT INTO carte_cellulecarte (cle_filtre, niveau, cellule, nombre, somme_lat, "
            "somme_lon, somme_id) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (cle_filtre, niveau, cellule) DO UPDATE SET "
            "nombre = carte_cellulecarte.nombre + excluded.nombre, "
            "somme_lat = carte_cellulecarte.somme_lat + excluded.somme_lat, "
            "somme_lon = carte_cellulecarte.somme_lon + excluded.somme_lon, "
            "somme_id = carte_cellulecarte.somme_id + excluded.somme_id",
            lignes,
        )
        curseur.executemany(
            (
                "DELETE FROM carte_cellulecarte WHERE cle_filtre = %s AND niveau = %s AND cellule = %s "
                "AND nombre <= 0"
            ),
            [(c, n, cel) for c, n, cel, *_ in lignes],
        )
    deltas = [(a, b, n) for (a, b), n in paires.items() if n]
    if deltas:
        curseur.executemany(
            "INSERT INTO carte_comptefacette (cle_filtre, cle_facette, nombre) VALUES (%s, %s, %s) "
            "ON CONFLICT (cle_filtre, cle_facette) DO UPDATE SET "
            "nombre = carte_comptefacette.nombre + excluded.nombre",
            deltas,
        )
        curseur.executemany(
            "DELETE FROM carte_comptefacette WHERE cle_filtre = %s AND cle_facette = %s AND nombre <= 0",
            [(a, b) for a, b, _ in deltas],
        )


def _ancienne(structure_id: int) -> dict | None:
    return PointCarte.objects.filter(pk=structure_id).values(*COLONNES).first()


@transaction.atomic
def indexer(structure_id: int) -> bool:
    """Bring one structure's index row (and the aggregates) up to date. True if published."""
    ancien = _ancienne(structure_id)
    with connection.cursor() as curseur:
        nouveaux = sources(curseur, "s.id = %s", [structure_id], Vocabulaires())
        nouveau = nouveaux[0] if nouveaux else None
        if nouveau is None:
            if ancien is not None:
                PointCarte.objects.filter(pk=structure_id).delete()
                _appliquer(curseur, ancien, None)
                memoire.journaliser(curseur, [structure_id])
            return False
        if ancien is not None and all(ancien[c] == nouveau[c] for c in COLONNES if c != "modifie_le"):
            if ancien["modifie_le"] != nouveau["modifie_le"]:
                PointCarte.objects.filter(pk=structure_id).update(modifie_le=nouveau["modifie_le"])
            return True
        PointCarte(**nouveau).save()
        _appliquer(curseur, ancien, nouveau)
        memoire.journaliser(curseur, [structure_id])
        moteur().ajouter_vocabulaire(curseur, mots_de(nouveau))
    return True


@transaction.atomic
def desindexer(structure_id: int):
    ancien = _ancienne(structure_id)
    if ancien is None:
        return
    PointCarte.objects.filter(pk=structure_id).delete()
    with connection.cursor() as curseur:
        _appliquer(curseur, ancien, None)
        memoire.journaliser(curseur, [structure_id])
