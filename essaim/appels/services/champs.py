"""Form fields of the question types that Django lacks: month-or-date, bounded file upload,
organisations from the directory."""

import datetime
import os
import re

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EXTENSIONS_PAR_DEFAUT = [
    "pdf",
    "odt",
    "doc",
    "docx",
    "ods",
    "xls",
    "xlsx",
    "csv",
    "txt",
    "png",
    "jpg",
    "jpeg",
]
TAILLE_MAX_MO_PAR_DEFAUT = 10


class MoisOuDateField(forms.CharField):
    """A full date or just a month: "2023-12-05", "05/12/2023", "2023-12" or "12/2023"."""

    default_error_messages = {
        "invalide": gettext_lazy(
            "« %(valeur)s » n'est ni une date (2023-12-05 ou 05/12/2023) ni un mois (2023-12 ou 12/2023)."
        ),
    }

    def to_python(self, value):
        value = (super().to_python(value) or "").strip()
        if not value:
            return ""
        annee = mois = jour = None
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})(?:-(\d{1,2}))?", value):
            annee, mois, jour = m.group(1), m.group(2), m.group(3)
        elif m := re.fullmatch(r"(?:(\d{1,2})/)?(\d{1,2})/(\d{4})", value):
            jour, mois, annee = m.group(1), m.group(2), m.group(3)
        try:
            if annee is None:
                raise ValueError
            if jour:
                return datetime.date(int(annee), int(mois), int(jour)).isoformat()
            datetime.date(int(annee), int(mois), 1)
            return f"{int(annee):04d}-{int(mois):02d}"
        except ValueError:
            raise ValidationError(self.error_messages["invalide"], code="invalide", params={"valeur": value})


class FichierField(forms.FileField):
    """An uploaded file limited in size and to office/image formats."""

    def __init__(self, *args, extensions=None, taille_max_mo=TAILLE_MAX_MO_PAR_DEFAUT, **kwargs):
        self.extensions = [e.lower().lstrip(".") for e in (extensions or EXTENSIONS_PAR_DEFAUT)]
        self.taille_max_mo = float(taille_max_mo)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", ",".join(f".{e}" for e in self.extensions))

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        extension = os.path.splitext(value.name)[1].lower().lstrip(".")
        if extension not in self.extensions:
            raise ValidationError(
                _("Type de fichier non accepté : « %(nom)s ». Formats acceptés : %(formats)s.")
                % {"nom": value.name, "formats": ", ".join(self.extensions)},
                code="extension",
            )
        if value.size > self.taille_max_mo * 1024 * 1024:
            raise ValidationError(
                _("Le fichier « %(nom)s » pèse %(taille)s Mo : la taille maximale est de %(max)s Mo.")
                % {
                    "nom": value.name,
                    "taille": f"{value.size / 1024 / 1024:.1f}".replace(".", ","),
                    "max": f"{self.taille_max_mo:g}".replace(".", ","),
                },
                code="taille",
            )


def _modele_structure():
    try:
        return apps.get_model("annuaire", "Structure")
    except LookupError:
        return None


def _a_le_champ(modele, nom):
    try:
        modele._meta.get_field(nom)
        return True
    except FieldDoesNotExist:
        return False


def resoudre_structures(noms: list[str]) -> list[dict]:
    """Match each typed organisation against the directory (by SIRET/SIREN or exact name)."""
    modele = _modele_structure()
    resultat = []
    for nom in noms:
        trouvee = None
        if modele is not None:
            chiffres = re.sub(r"\s", "", nom)
            try:
                if chiffres.isdigit() and len(chiffres) in (9, 14):
                    for champ in ("siret", "siren"):
                        if _a_le_champ(modele, champ):
                            trouvee = modele.objects.filter(**{champ: chiffres}).first() or trouvee
                if trouvee is None and _a_le_champ(modele, "nom"):
                    trouvees = list(modele.objects.filter(nom__iexact=nom)[:2])
                    trouvee = trouvees[0] if len(trouvees) == 1 else None
            except Exception:  # the directory's schema is not ours: never block an application
                trouvee = None
        resultat.append(
            {"nom": str(trouvee) if trouvee else nom, "structure_id": trouvee.pk if trouvee else None}
        )
    return resultat


class StructuresField(forms.CharField):
    """One organisation per line: a name from the directory, a SIRET, or free text."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        if isinstance(value, list):
            value = "\n".join(v.get("nom", "") if isinstance(v, dict) else str(v) for v in value)
        return super().to_python(value)

    def clean(self, value):
        texte = super().clean(value)
        noms = [ligne.strip() for ligne in (texte or "").splitlines() if ligne.strip()]
        return resoudre_structures(noms)

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(v.get("nom", "") if isinstance(v, dict) else str(v) for v in value)
        return value
