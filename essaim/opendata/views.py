"""Open-data pages and downloads: the catalogue (with DCAT JSON-LD), the files, the schemas."""

from functools import lru_cache

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from essaim.carte.lecture import FiltresInvalides
from essaim.commun.exports import reponse_export, table_schema

from . import registre


def _dcat(request, jeux) -> dict:
    base = settings.SITE_URL.rstrip("/")
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@type": "dcat:Catalog",
        "dct:title": f"Données ouvertes — {settings.ESSAIM_NOM}",
        "dcat:dataset": [
            {
                "@type": "dcat:Dataset",
                "@id": f"{base}{reverse('opendata:index')}#{j.slug}",
                "dct:identifier": j.slug,
                "dct:title": j.titre,
                "dct:description": j.description,
                "dct:license": j.licence["url"],
                "dct:publisher": {"@type": "foaf:Organization", "foaf:name": j.producteur},
                "dct:modified": m.isoformat() if (m := j.mise_a_jour()) else None,
                "dcat:keyword": list(j.mots_cles),
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dcat:downloadURL": f"{base}{reverse('opendata:fichier', args=[j.slug, f])}",
                        "dct:format": f.upper(),
                        "dct:license": j.licence["url"],
                    }
                    for f in j.formats
                ],
                "dct:conformsTo": f"{base}{reverse('opendata:schema', args=[j.slug])}",
            }
            for j in jeux
        ],
    }


def index(request):
    jeux = registre.jeux()
    fiches = [{"jeu": j, "mise_a_jour": j.mise_a_jour()} for j in jeux]
    # JSON-LD for harvesters (a data block: CSP does not apply, it is never executed).
    dcat = mark_safe(
        json_script(_dcat(request, jeux), "dcat-jsonld").replace(
            'type="application/json"', 'type="application/ld+json"'
        )
    )
    return render(request, "opendata/index.html", {"fiches": fiches, "dcat": dcat})


def fichier(request, slug, format):
    jeu = registre.jeu(slug)
    if jeu is None or format not in jeu.formats:
        raise Http404("Jeu de données ou format inconnu.")
    try:
        if jeu.valider:
            jeu.valider(request.GET)
    except FiltresInvalides as e:
        return JsonResponse({"detail": "Paramètres invalides.", "erreurs": e.erreurs}, status=400)
    separateur = ";" if request.GET.get("sep") in (";", "point-virgule") else ","
    return reponse_export(
        format,
        slug,
        jeu.champs,
        jeu.lignes(request.GET),
        separateur=separateur,
        coordonnees=jeu.coordonnees,
        meta={"titre": jeu.titre, "licence": jeu.licence["nom"], "licence_url": jeu.licence["url"]},
    )


def schema(request, slug):
    jeu = registre.jeu(slug)
    if jeu is None:
        raise Http404("Jeu de données inconnu.")
    return JsonResponse(
        table_schema(
            jeu.champs,
            name=slug,
            title=jeu.titre,
            description=jeu.description,
            licenses=[{"name": jeu.licence["spdx"], "title": jeu.licence["nom"], "path": jeu.licence["url"]}],
        ),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


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
