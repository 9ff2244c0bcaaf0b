"""The one export engine: CSV (UTF-8 with BOM, `;` option), XLSX, JSON and GeoJSON, streamed.

    champs = [Champ("nom", "Nom"), Champ("siret", "SIRET"), Champ("commune", "Commune")]
    return reponse_export("csv", "structures", champs, lignes)       # lignes: iterable of dicts

Rows are consumed lazily (pass ``queryset.values(...).iterator(chunk_size=2000)``), so a
million rows never sit in memory. XLSX is written with openpyxl's write-only mode into a
temporary file, then streamed.

Formula injection (OWASP "CSV injection"): exported values come from the public (record names,
applications, workshop titles), and a spreadsheet would run ``=cmd|' /C calc'!A0`` as a
formula. A text value that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is written to CSV behind a single quote, and every XLSX text cell is written as a string, never
a formula. Numbers (negative ones included) stay numbers: only text is touched. Every export of
the site, import error reports included, goes through this module.
"""

import csv
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
    "geojson": "application/geo+json; charset=utf-8",
}


@dataclass(frozen=True)
class Champ:
    cle: str
    libelle: str
    description: str = ""
    type: str = "string"  # Table Schema type: string, integer, number, boolean, date, datetime


class FormatInconnu(ValueError):
    pass


# First characters a spreadsheet reads as the start of a formula (OWASP).
DEBUTS_DE_FORMULE = ("=", "+", "-", "@", "\t", "\r")
# Control characters XML 1.0 (hence XLSX) cannot hold; openpyxl refuses them.
_CARACTERES_INTERDITS_XLSX = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


def neutraliser(v):
    """A text value a spreadsheet would read as a formula gets a leading single quote."""
    if isinstance(v, str) and v.startswith(DEBUTS_DE_FORMULE):
        return "'" + v
    return v


def _valeur(v):
    if isinstance(v, datetime | date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, list | tuple | set):
        return " | ".join(str(x) for x in v)
    return v


class _Tampon:
    """A file-like object whose write() returns what was written, for csv.writer streaming."""

    def write(self, valeur):
        return valeur


def flux_csv(champs: list[Champ], lignes: Iterable[dict], separateur: str = ",") -> Iterator[str]:
    ecrivain = csv.writer(_Tampon(), delimiter=separateur)
    yield "\ufeff" + ecrivain.writerow([c.cle for c in champs])
    for ligne in lignes:
        yield ecrivain.writerow(
            ["" if (v := _valeur(ligne.get(c.cle))) is None else neutraliser(v) for c in champs]
        )


def flux_json(champs: list[Champ], lignes: Iterable[dict], meta: dict | None = None) -> Iterator[str]:
    yield '{"meta": ' + json.dumps(meta or {}, ensure_ascii=False, default=str) + ', "data": ['
    premier = True
    for ligne in lignes:
        objet = {c.cle: _valeur(ligne.get(c.cle)) for c in champs}
        yield ("" if premier else ",\n") + json.dumps(objet, ensure_ascii=False, default=str)
        premier = False
    yield "]}\n"


def flux_geojson(
    champs: list[Champ],
    lignes: Iterable[dict],
    coordonnees: Callable[[dict], tuple[float, float] | None],
    meta: dict | None = None,
) -> Iterator[str]:
    """A FeatureCollection; ``coordonnees(ligne)`` gives (longitude, latitude) or None."""
    entete = {"type": "FeatureCollection", **({"metadata": meta} if meta else {})}
    yield json.dumps(entete, ensure_ascii=False)[:-1] + ', "features": ['
    premier = True
    for ligne in lignes:
        point = coordonnees(ligne)
        objet = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [point[0], point[1]]} if point else None,
            "properties": {c.cle: _valeur(ligne.get(c.cle)) for c in champs},
        }
        yield ("" if premier else ",\n") + json.dumps(objet, ensure_ascii=False, default=str)
        premier = False
    yield "]}\n"


def fichier_xlsx(champs: list[Champ], lignes: Iterable[dict], titre: str = "Données"):
    """Write rows to a temporary XLSX file (constant memory) and return it, rewound."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    classeur = Workbook(write_only=True)
    feuille = classeur.create_sheet(title=titre[:31])
    entetes = []
    for c in champs:
        cellule = WriteOnlyCell(feuille, value=c.libelle)
        cellule.font = Font(bold=True)
        entetes.append(cellule)
    feuille.append(entetes)

    def cellule_xlsx(v):
        if not isinstance(v, str):
            return v
        v = _CARACTERES_INTERDITS_XLSX.sub("", v)
        if not v.startswith(DEBUTS_DE_FORMULE):
            return v  # openpyxl stores it as a plain string
        cellule = WriteOnlyCell(feuille, value=v)
        cellule.data_type = "s"  # openpyxl would make "=…" a formula
        return cellule

    for ligne in lignes:
        feuille.append([cellule_xlsx(_valeur(ligne.get(c.cle))) for c in champs])
    sortie = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by FileResponse)
    classeur.save(sortie)
    sortie.seek(0)
    return sortie


def reponse_export(
    format: str,
    nom_fichier: str,
    champs: list[Champ],
    lignes: Iterable[dict],
    *,
    separateur: str = ",",
    coordonnees: Callable[[dict], tuple[float, float] | None] | None = None,
    meta: dict | None = None,
):
    """An HTTP response streaming ``lignes`` in ``format`` (csv, xlsx, json, geojson)."""
    if format not in FORMATS:
        raise FormatInconnu(f"Format inconnu : « {format} » (attendu : {', '.join(FORMATS)}).")
    nom = f"{nom_fichier}.{format}"
    if format == "xlsx":
        return FileResponse(fichier_xlsx(champs, lignes), as_attachment=True, filename=nom)
    if format == "csv":
        flux = flux_csv(champs, lignes, separateur=separateur)
    elif format == "json":
        flux = flux_json(champs, lignes, meta=meta)
    else:
        if coordonnees is None:
            raise FormatInconnu("Le format GeoJSON demande des coordonnées.")
        flux = flux_geojson(champs, lignes, coordonnees, meta=meta)
    reponse = StreamingHttpResponse(
        (morceau.encode("utf-8") for morceau in flux), content_type=FORMATS[format]
    )
    reponse["Content-Disposition"] = f'attachment; filename="{nom}"'
    return reponse


def table_schema(champs: list[Champ], **meta) -> dict:
    """A Frictionless Table Schema describing the exported fields."""
    return {
        **meta,
        "fields": [
            {
                "name": c.cle,
                "title": c.libelle,
                "type": c.type,
                **({"description": c.description} if c.description else {}),
            }
            for c in champs
        ],
    }


def contenu_csv(champs: list[Champ], lignes: Iterable[dict], separateur: str = ",") -> bytes:
    """Small exports kept in memory (tests, e-mail attachments)."""
    return "".join(flux_csv(champs, lignes, separateur)).encode("utf-8")


__all__ = [
    "Champ",
    "FormatInconnu",
    "contenu_csv",
    "fichier_xlsx",
    "neutraliser",
    "reponse_export",
    "table_schema",
]
