"""Who publishes a document, per région: the CRESS's name and logo and its partners, shown on
the cover of the PDF documents (conference report, territory portrait).

Set by ``ESSAIM_IDENTITE_REGIONS`` (settings, JSON from the environment); a région left out gets
the site's publisher (``ESSAIM_EDITEUR``) and the site's logo. The logo is embedded as a data
URI: the worker renders documents from a string, with no static files server to ask.
"""

import base64
import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

LOGO_PAR_DEFAUT = "img/essaim.svg"


def _data_uri(chemin: str) -> str:
    fichier = Path(chemin) if Path(chemin).is_absolute() else None
    if fichier is None:
        trouve = finders.find(chemin)
        fichier = Path(trouve) if trouve else None
    if fichier is None or not fichier.is_file():
        return ""
    type_mime = mimetypes.guess_type(fichier.name)[0] or "application/octet-stream"
    return f"data:{type_mime};base64,{base64.b64encode(fichier.read_bytes()).decode()}"


def identite_region(code_region: str | None) -> dict:
    """{"nom", "logo" (data URI or ""), "partenaires" [str]} for the cover of a document."""
    reglage = settings.ESSAIM_IDENTITE_REGIONS.get(code_region or "", {})
    return {
        "nom": reglage.get("nom") or settings.ESSAIM_EDITEUR,
        "logo": _data_uri(reglage.get("logo") or LOGO_PAR_DEFAUT),
        "partenaires": [str(p) for p in reglage.get("partenaires", [])],
    }
