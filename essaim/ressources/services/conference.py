"""The library grows with each conference: the resources, tools, podcasts and inspiring
projects of validated synthesis sheets and of the staff consolidation become library items.

One item per page (normalised URL) or, without URL, per title and publisher: a resource
cited by several sheets, transitions or editions is one item linked to all of them. Items
come in published (staff validated the sheet or wrote the consolidation), in the edition's
région. The conference never imports this app: ``signals.py`` listens to its saves and
``rapport`` reads the links through the extension point ``conference.extensions``.
"""

import re

from django.db import transaction

from essaim.annuaire.models import Transition

from ..enums import Echelle, StatutRessource, TypeRessource
from ..models import Ressource
from .bibliotheque import doublon_de

_URL = re.compile(r"<?(https?://[^\s<>]+|www\.[^\s<>]+)>?", re.IGNORECASE)
_PUCE = re.compile(r"^\s*(?:[-–—•*]|\d+[.)])\s*")
# "UDES : calculateur carbone": a short publisher before the colon.
_EDITEUR = re.compile(r"^(?P<editeur>[^:«»]{2,40}?)\s+:\s+(?P<titre>.+)$")
_TYPES = [
    (re.compile(r"\bpodcast|\bm[ée]dia|\bvid[ée]o|\bradio", re.I), TypeRessource.PODCAST),
    (re.compile(r"\bkit\b", re.I), TypeRessource.KIT),
    (re.compile(r"\bguide", re.I), TypeRessource.GUIDE),
    (
        re.compile(r"\bloi\b|\bd[ée]cret|\bcode\b|\bspaser|march[ée]s r[ée]serv", re.I),
        TypeRessource.TEXTE_JURIDIQUE,
    ),
    (re.compile(r"\b[ée]tude|\bbarom[èe]tre|\brecherche", re.I), TypeRessource.ETUDE),
    (re.compile(r"\bplateforme|\bportail", re.I), TypeRessource.PLATEFORME),
    (re.compile(r"\bformation", re.I), TypeRessource.FORMATION),
    (re.compile(r"\bfinancement|\bfonds\b|\bdispositif|\baccompagnement", re.I), TypeRessource.DISPOSITIF),
]


def deviner_type(texte: str, defaut: str = TypeRessource.OUTIL) -> str:
    for motif, type_ in _TYPES:
        if motif.search(texte):
            return type_
    return defaut


def lire_ligne(ligne: str) -> dict | None:
    """``- UDES : calculateur carbone https://…`` → title, publisher, URL (None for a blank
    or URL-only line without text)."""
    ligne = _PUCE.sub("", ligne.strip())
    urls = [u.rstrip(".,;)") for u in _URL.findall(ligne)]
    texte = _URL.sub("", ligne).strip(" :,-–—")
    texte = re.sub(r"\s{2,}", " ", texte).strip()
    if not texte and not urls:
        return None
    url = urls[0] if urls else ""
    if url.lower().startswith("www."):
        url = "https://" + url
    editeur, titre = "", texte or url
    correspondance = _EDITEUR.match(texte)
    if correspondance:
        editeur, titre = correspondance["editeur"].strip(), correspondance["titre"].strip()
    return {"titre": (titre[:1].upper() + titre[1:])[:300], "editeur": editeur[:250], "url": url[:500]}


def ajouter(
    titre: str,
    *,
    url: str = "",
    editeur: str = "",
    type_: str,
    conference,
    atelier=None,
    transitions=(),
    description: str = "",
    source: str = "conference",
) -> tuple[Ressource, bool]:
    """The item for this URL (or title and publisher), created if needed, linked to the
    workshop and the edition. Existing items keep their curated fields."""
    ressource = doublon_de(url, titre, editeur)
    cree = ressource is None
    if cree:
        ressource = Ressource(
            titre=titre,
            url=url,
            editeur_libre=editeur,
            type=type_,
            description=description,
            region_id=conference.region_id,
            echelle=Echelle.REGION,
            statut=StatutRessource.PUBLIEE,
            source=source,
        )
        ressource._change_reason = f"Issue de {conference.titre}"
        ressource.save()
    ressource.conferences.add(conference)
    if atelier is not None:
        ressource.ateliers.add(atelier)
    codes = [getattr(t, "value", t) for t in transitions]
    if codes:
        ressource.transitions.add(*Transition.objects.filter(code__in=codes))
    return ressource, cree


@transaction.atomic
def promouvoir_fiche(fiche) -> list[Ressource]:
    """The resources and inspiring projects of a validated synthesis sheet."""
    from essaim.conference.enums import StatutFiche

    if fiche is None or fiche.statut != StatutFiche.VALIDEE:
        return []
    atelier = fiche.atelier
    conference = atelier.conference
    faites = []
    for r in fiche.ressources.all():
        lue = lire_ligne(r.titre) or {"titre": r.titre, "editeur": ""}
        faites.append(
            ajouter(
                lue["titre"],
                url=r.lien or lue.get("url", ""),
                editeur=lue["editeur"],
                type_=deviner_type(r.titre),
                conference=conference,
                atelier=atelier,
                transitions=atelier.transitions,
            )[0]
        )
    for p in fiche.projets.all():
        faites.append(
            ajouter(
                p.nom,
                url=p.lien,
                editeur="",
                type_=TypeRessource.PROJET_INSPIRANT,
                description=p.territoire,
                conference=conference,
                atelier=atelier,
                transitions=atelier.transitions,
            )[0]
        )
    return faites


# Consolidation fields of an edition's transition, and the type their lines default to.
SECTIONS_CONSOLIDATION = {
    "outils": TypeRessource.OUTIL,
    "medias": TypeRessource.PODCAST,
    "projets": TypeRessource.PROJET_INSPIRANT,
}


@transaction.atomic
def promouvoir_consolidation(transition_conference) -> list[Ressource]:
    """The tools, media and projects lines the staff wrote for one transition of an edition."""
    faites = []
    for champ, defaut in SECTIONS_CONSOLIDATION.items():
        for ligne in getattr(transition_conference, champ).splitlines():
            lue = lire_ligne(ligne)
            if lue is None:
                continue
            type_ = defaut if defaut != TypeRessource.OUTIL else deviner_type(ligne)
            faites.append(
                ajouter(
                    lue["titre"],
                    url=lue["url"],
                    editeur=lue["editeur"],
                    type_=type_,
                    conference=transition_conference.conference,
                    transitions=[transition_conference.transition],
                )[0]
            )
    return faites


@transaction.atomic
def promouvoir_enjeu(enjeu) -> list[Ressource]:
    """The examples (one per line) of a cross-cutting issue of the report."""
    faites = []
    for ligne in enjeu.exemples.splitlines():
        lue = lire_ligne(ligne)
        if lue is None:
            continue
        faites.append(
            ajouter(
                lue["titre"],
                url=lue["url"],
                editeur=lue["editeur"],
                type_=deviner_type(ligne),
                conference=enjeu.conference,
            )[0]
        )
    return faites


def promouvoir_edition(conference) -> int:
    """Backfill: every validated sheet, transition and issue of an edition (idempotent)."""
    from essaim.conference.enums import StatutFiche
    from essaim.conference.models import FicheSynthese

    avant = Ressource.objects.count()
    for fiche in FicheSynthese.objects.filter(atelier__conference=conference, statut=StatutFiche.VALIDEE):
        promouvoir_fiche(fiche)
    for t in conference.transitions.all():
        promouvoir_consolidation(t)
    for enjeu in conference.enjeux.all():
        promouvoir_enjeu(enjeu)
    return Ressource.objects.count() - avant


def ressources_de(conference):
    """Published library items born from (or cited by) an edition, for its report."""
    return (
        Ressource.objects.publiees()
        .filter(conferences=conference)
        .prefetch_related("ateliers")
        .order_by("type", "titre")
    )
