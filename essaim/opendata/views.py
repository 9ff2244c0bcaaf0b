"""Open-data pages and downloads: the page (with its DCAT JSON-LD), the DCAT-AP catalogue, the
files (with ETag and Last-Modified), the schemas."""

import datetime
import hashlib
import json
from functools import lru_cache
from urllib.parse import urlencode

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.safestring import mark_safe

from essaim.carte.lecture import FiltresInvalides
from essaim.commun.exports import reponse_export, table_schema

from . import catalogue, registre


def _jsonld_embarque(texte: str):
    # JSON-LD for harvesters (a data block: CSP does not apply, it is never executed). The
    # text is escaped like json_script does, so "</script>" in a title cannot close the tag.
    from django.utils.html import _json_script_escapes

    return mark_safe(
        '<script id="dcat-jsonld" type="application/ld+json">'
        + texte.translate(_json_script_escapes)
        + "</script>"
    )


def index(request):
    jeux = registre.jeux()
    fiches = [
        {
            "jeu": j,
            "mise_a_jour": j.mise_a_jour(),
            "declinaisons": [
                {"titre": d.titre, "requete": urlencode(d.parametres)}
                for d in (j.declinaisons() if j.declinaisons else ())
            ],
        }
        for j in jeux
    ]
    return render(
        request, "opendata/index.html", {"fiches": fiches, "dcat": _jsonld_embarque(catalogue.jsonld())}
    )


TYPES_CATALOGUE = {"jsonld": "application/ld+json; charset=utf-8", "ttl": "text/turtle; charset=utf-8"}


def catalogue_dcat(request, format):
    """The DCAT-AP catalogue for harvesters, with a content ETag (304 when unchanged)."""
    g = catalogue.graphe()
    # Weak ETag of the triples, sorted: the same catalogue whatever the serializer's order.
    triplets = "\n".join(sorted(g.serialize(format="nt").splitlines()))
    etag = f'W/"{format}-{hashlib.sha256(triplets.encode()).hexdigest()[:32]}"'
    if (reponse := get_conditional_response(request, etag=etag)) is not None:
        return reponse
    contenu = (catalogue.jsonld(g) if format == "jsonld" else catalogue.turtle(g)).encode()
    reponse = HttpResponse(contenu, content_type=TYPES_CATALOGUE[format])
    reponse["ETag"] = etag
    reponse["Access-Control-Allow-Origin"] = "*"
    return reponse


def validateurs(jeu, format: str, parametres) -> tuple[str, datetime.datetime | None]:
    """(ETag, last modification) of one file: they change with the data (``mise_a_jour``), the
    query parameters and the fields."""
    modifie = jeu.mise_a_jour()
    if isinstance(modifie, datetime.date) and not isinstance(modifie, datetime.datetime):
        modifie = datetime.datetime.combine(modifie, datetime.time(), tzinfo=datetime.UTC)
    empreinte = json.dumps(
        [
            jeu.slug,
            format,
            sorted(parametres.lists()),
            [(c.cle, c.type) for c in jeu.champs],
            modifie.isoformat() if modifie else None,
            jeu.version() if jeu.version else None,
        ]
    )
    return f'"{hashlib.sha256(empreinte.encode()).hexdigest()[:32]}"', modifie


def fichier(request, slug, format):
    jeu = registre.jeu(slug)
    if jeu is None or format not in jeu.formats:
        raise Http404("Jeu de données ou format inconnu.")
    try:
        if jeu.valider:
            jeu.valider(request.GET)
    except (FiltresInvalides, registre.ParametresInvalides) as e:
        return JsonResponse({"detail": "Paramètres invalides.", "erreurs": e.erreurs}, status=400)
    etag, modifie = validateurs(jeu, format, request.GET)
    horodatage = int(modifie.timestamp()) if modifie else None
    if (reponse := get_conditional_response(request, etag=etag, last_modified=horodatage)) is not None:
        return reponse
    separateur = ";" if request.GET.get("sep") in (";", "point-virgule") else ","
    reponse = reponse_export(
        format,
        slug,
        jeu.champs,
        jeu.lignes(request.GET),
        separateur=separateur,
        coordonnees=jeu.coordonnees,
        meta={"titre": jeu.titre, "licence": jeu.licence["nom"], "licence_url": jeu.licence["url"]},
    )
    reponse["ETag"] = etag
    if horodatage is not None:
        reponse["Last-Modified"] = http_date(horodatage)
    return reponse


def schema(request, slug):
    jeu = registre.jeu(slug)
    if jeu is None:
        raise Http404("Jeu de données inconnu.")
    contenu = json.dumps(
        table_schema(
            jeu.champs,
            name=slug,
            title=jeu.titre,
            description=jeu.description,
            licenses=[{"name": jeu.licence["spdx"], "title": jeu.licence["nom"], "path": jeu.licence["url"]}],
        ),
        ensure_ascii=False,
        indent=2,
    ).encode()
    etag = f'"{hashlib.sha256(contenu).hexdigest()[:32]}"'
    if (reponse := get_conditional_response(request, etag=etag)) is not None:
        return reponse
    reponse = HttpResponse(contenu, content_type="application/json")
    reponse["ETag"] = etag
    return reponse


@lru_cache(maxsize=1)
def _schema_openapi() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def _proprietes(schema: dict, composant: dict) -> list[dict]:
    if "$ref" in composant:
        composant = schema["components"]["schemas"][composant["$ref"].rsplit("/", 1)[-1]]
    return [
        {
            "nom": nom,
            "type": p.get("type") or ("objet" if "$ref" in p or "allOf" in p else ""),
            "description": p.get("description", ""),
        }
        for nom, p in composant.get("properties", {}).items()
    ]


def api(request):
    """Human documentation of the public API, rendered from the OpenAPI schema (no JavaScript)."""
    schema = _schema_openapi()
    operations = []
    for chemin, methodes in schema["paths"].items():
        for methode, op in methodes.items():
            if methode != "get":
                continue
            reponse = op.get("responses", {}).get("200", {}).get("content", {})
            contenu = next(iter(reponse.values()), {}).get("schema", {})
            operations.append(
                {
                    "chemin": chemin,
                    "resume": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parametres": op.get("parameters", []),
                    "champs": _proprietes(schema, contenu) if contenu else [],
                }
            )
    return render(request, "opendata/api.html", {"operations": operations, "info": schema["info"]})
