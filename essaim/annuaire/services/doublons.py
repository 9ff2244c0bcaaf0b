"""Duplicate candidates (same SIRET, same normalised name in the same commune, places closer
than 200 m with similar names) and merging two records, keeping history, places and owners."""

import math
from collections import defaultdict

from django.db import transaction
from rapidfuzz import fuzz

from essaim.commun.normalisation import normaliser_nom
from essaim.commun.statuts import changer_statut

from ..enums import StatutStructure
from ..models import (
    Gestion,
    Lieu,
    ModificationEnAttente,
    PaireNonDoublon,
    Revendication,
    Signalement,
    Structure,
)
from . import fiches
from .fiches import CHAMPS_M2M
from .historisation import une_seule_entree
from .moderation import ActionInterdite, perimetre

DISTANCE_MAX_M = 200
SIMILARITE_NOMS = 0.6
CHAMPS_A_COMPLETER = [*fiches.CHAMPS_SIMPLES, "famille", "logo"]


def distance_m(lat1, lon1, lat2, lon2) -> float:
    rayon = 6_371_000
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * rayon * math.asin(math.sqrt(a))


def _similaires(a: str, b: str) -> bool:
    # rapidfuzz's ratio is the exact normalised LCS similarity that difflib.SequenceMatcher
    # approximates: 2.6 µs a pair instead of 157 µs (100,000 pairs of folded names), the same
    # verdict on 99 % of them, slightly more lenient on the rest.
    return fuzz.ratio(a, b) >= SIMILARITE_NOMS * 100 or a in b or b in a


def candidats(user, limite: int = 200) -> list[dict]:
    """[{a, b, raisons}] ordered by strength; pairs declared distinct are left out."""
    actives = perimetre(user, Structure.objects.exclude(statut=StatutStructure.ARCHIVEE))
    lignes = list(actives.values("pk", "nom", "siret", "commune_id", "latitude", "longitude"))
    ecartees = set(PaireNonDoublon.objects.values_list("structure_a_id", "structure_b_id"))
    paires: dict[tuple, list[str]] = defaultdict(list)

    def ajouter(x, y, raison):
        cle = (min(x["pk"], y["pk"]), max(x["pk"], y["pk"]))
        if cle not in ecartees and raison not in paires[cle]:
            paires[cle].append(raison)

    par_siret, par_nom, grille = defaultdict(list), defaultdict(list), defaultdict(list)
    for ligne in lignes:
        ligne["norm"] = normaliser_nom(ligne["nom"])
        if ligne["siret"]:
            par_siret[ligne["siret"]].append(ligne)
        if ligne["commune_id"]:
            par_nom[(ligne["norm"], ligne["commune_id"])].append(ligne)
        if ligne["latitude"] is not None and ligne["longitude"] is not None:
            grille[(round(ligne["latitude"] * 200), round(ligne["longitude"] * 200))].append(ligne)
    for groupe in par_siret.values():
        for i, x in enumerate(groupe):
            for y in groupe[i + 1 :]:
                ajouter(x, y, f"même SIRET {x['siret']}")
    for groupe in par_nom.values():
        for i, x in enumerate(groupe):
            for y in groupe[i + 1 :]:
                ajouter(x, y, "même nom dans la même commune")
    for (gy, gx), groupe in grille.items():
        voisins = [v for dy in (-1, 0, 1) for dx in (-1, 0, 1) for v in grille.get((gy + dy, gx + dx), [])]
        for x in groupe:
            for y in voisins:
                if y["pk"] <= x["pk"] or not _similaires(x["norm"], y["norm"]):
                    continue
                d = distance_m(x["latitude"], x["longitude"], y["latitude"], y["longitude"])
                if d < DISTANCE_MAX_M:
                    ajouter(x, y, f"à {round(d)} m, noms proches")
    ordre = sorted(paires.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:limite]
    objets = Structure.objects.in_bulk({pk for cle, _ in ordre for pk in cle})
    return [{"a": objets[a], "b": objets[b], "raisons": raisons} for (a, b), raisons in ordre]


def ecarter(a: Structure, b: Structure, par):
    premier, second = sorted([a, b], key=lambda s: s.pk)
    PaireNonDoublon.objects.get_or_create(structure_a=premier, structure_b=second, defaults={"par": par})


@transaction.atomic
def fusionner(garder: Structure, absorber: Structure, par) -> Structure:
    """Merge ``absorber`` into ``garder``: empty fields are completed, themes/agréments/
    territories united, places, managers and pending requests moved; ``absorber`` is archived
    with a pointer to ``garder`` (its history stays readable)."""
    if garder.pk == absorber.pk:
        raise ActionInterdite("Impossible de fusionner une fiche avec elle-même.")
    for structure in (garder, absorber):
        if not par.has_perm("annuaire.fusionner_structures", structure):
            raise ActionInterdite(f"Vous ne pouvez pas fusionner « {structure} » (hors de vos régions).")
    with une_seule_entree(garder, par, f"Fusion de « {absorber.nom} » (#{absorber.pk})"):
        for champ in CHAMPS_A_COMPLETER:
            if not getattr(garder, champ) and getattr(absorber, champ):
                setattr(garder, champ, getattr(absorber, champ))
                if champ in absorber.provenance:
                    garder.provenance[champ] = absorber.provenance[champ]
        for champ in CHAMPS_M2M:
            getattr(garder, champ).add(*getattr(absorber, champ).all())
        Lieu.objects.filter(structure=absorber).update(structure=garder, principal=False)
        for gestion in Gestion.objects.filter(structure=absorber):
            Gestion.objects.get_or_create(
                structure=garder, utilisateur=gestion.utilisateur, defaults={"role": gestion.role}
            )
        for modele in (Revendication, Signalement, ModificationEnAttente):
            modele.objects.filter(structure=absorber).update(structure=garder)
        garder.version += 1
    changer_statut(
        absorber,
        StatutStructure.ARCHIVEE,
        par=par,
        raison=f"Fusionnée dans « {garder.nom} » (#{garder.pk})",
        fusionnee_dans=garder,
        version=absorber.version + 1,
    )
    return garder
