"""schema.org JSON-LD of a library item: the type follows the item's (CreativeWork by
default; PodcastEpisode, HowTo, Legislation, Course, Dataset-like studies as Report...)."""

import json

from django.utils.html import _json_script_escapes, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .enums import Echelle, TypeRessource

TYPES_SCHEMA = {
    TypeRessource.OUTIL: "CreativeWork",
    TypeRessource.GUIDE: "HowTo",
    TypeRessource.ETUDE: "Report",
    TypeRessource.FORMATION: "Course",
    TypeRessource.PLATEFORME: "WebSite",
    TypeRessource.TEXTE_JURIDIQUE: "Legislation",
    TypeRessource.DISPOSITIF: "GovernmentService",
    TypeRessource.PODCAST: "PodcastEpisode",
    TypeRessource.PROJET_INSPIRANT: "Project",
    TypeRessource.KIT: "CreativeWork",
}


def resume(ressource, longueur=200) -> str:
    return Truncator(strip_tags(ressource.description or "")).chars(longueur) or (
        f"{ressource.get_type_display()} — {ressource.titre}"
        + (f", {ressource.editeur}" if ressource.editeur else "")
    )


def json_ld(ressource, request) -> str:
    page = request.build_absolute_uri(ressource.get_absolute_url())
    type_schema = TYPES_SCHEMA.get(ressource.type, "CreativeWork")
    donnees = {
        "@context": "https://schema.org",
        "@type": type_schema,
        "@id": page,
        "name": ressource.titre,
        "url": ressource.url or page,
        "mainEntityOfPage": page,
        "description": resume(ressource, 500),
        "inLanguage": ressource.langue or "fr",
        "keywords": [t.libelle for t in ressource.transitions.all()]
        + [t.libelle for t in ressource.themes.all()],
    }
    if ressource.editeur:
        cle = "provider" if type_schema in ("GovernmentService", "Course") else "publisher"
        editeur = {"@type": "Organization", "name": ressource.editeur}
        if ressource.editeur_structure_id:
            editeur["url"] = request.build_absolute_uri(ressource.editeur_structure.get_absolute_url())
        donnees[cle] = editeur
    if ressource.date:
        cle = "legislationDate" if type_schema == "Legislation" else "datePublished"
        donnees[cle] = ressource.date.isoformat()
    if ressource.licence:
        donnees["license"] = ressource.licence
    if ressource.echelle == Echelle.FRANCE:
        donnees["spatialCoverage"] = {"@type": "Country", "name": "France"}
    else:
        donnees["spatialCoverage"] = {"@type": "AdministrativeArea", "name": ressource.libelle_territoire}
    if type_schema == "Legislation":
        donnees["legislationJurisdiction"] = "FR"
    if type_schema == "PodcastEpisode":
        donnees["partOfSeries"] = {"@type": "PodcastSeries", "name": serie_podcast(ressource)}
    if type_schema == "HowTo":
        # A guide is a HowTo whose steps live on the publisher's page.
        donnees["step"] = [
            {"@type": "HowToStep", "text": resume(ressource, 300), "url": ressource.url or page}
        ]
    donnees = {k: v for k, v in donnees.items() if v not in ("", [], None)}
    texte = json.dumps(donnees, ensure_ascii=False, indent=2).translate(_json_script_escapes)
    return mark_safe(texte)  # escaped like json_script: safe inside <script>


def serie_podcast(ressource) -> str:
    """The series of an episode: the publisher, or the title's part before « — »."""
    if "—" in ressource.titre:
        return ressource.titre.split("—", 1)[0].strip()
    return ressource.editeur or ressource.titre
