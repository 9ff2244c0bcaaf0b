"""The commune field used by every address form: type a name or postcode, pick from suggestions."""

import re

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext as _

from .models import Commune
from .services import commune_par_code, rechercher_communes

_CODE_ENTRE_PARENTHESES = re.compile(r"\((\w{5})\)\s*$")


class CommuneWidget(forms.TextInput):
    """A text input backed by a native <datalist> that htmx fills as the user types."""

    template_name = "territoires/widgets/commune.html"

    def __init__(self, attrs=None):
        defaut = {"autocomplete": "off", "spellcheck": "false"}
        super().__init__({**defaut, **(attrs or {})})

    def get_context(self, name, value, attrs):
        if isinstance(value, Commune):
            value = value.libelle
        elif value and re.fullmatch(r"\w{5}", str(value)):
            commune = Commune.objects.filter(code=value).first()
            value = commune.libelle if commune else value
        contexte = super().get_context(name, value, attrs)
        contexte["widget"]["url_recherche"] = reverse_lazy("territoires:communes_suggestions")
        return contexte


class CommuneField(forms.Field):
    """Accepts "Lille (59350)", an INSEE code, a postcode or an unambiguous name."""

    widget = CommuneWidget

    def to_python(self, value):
        value = (value or "").strip()
        if not value:
            return None
        correspondance = _CODE_ENTRE_PARENTHESES.search(value)
        code = correspondance.group(1) if correspondance else value
        commune = commune_par_code(code)
        if commune:
            return commune
        candidates = list(rechercher_communes(value, limite=5))
        exactes = (
            [c for c in candidates if c.nom_recherche == candidates[0].nom_recherche] if candidates else []
        )
        if len(candidates) == 1 or (len(exactes) == 1 and getattr(exactes[0], "rang", 2) == 0):
            return candidates[0]
        if candidates:
            suggestions = ", ".join(c.libelle for c in candidates)
            raise forms.ValidationError(
                _("« %(valeur)s » est ambigu ; précisez parmi : %(suggestions)s.")
                % {"valeur": value, "suggestions": suggestions},
                code="ambigu",
            )
        raise forms.ValidationError(
            _("Commune inconnue : « %(valeur)s ». Saisissez un nom, un code postal ou un code INSEE.")
            % {"valeur": value},
            code="inconnue",
        )

    def prepare_value(self, value):
        if isinstance(value, Commune):
            return value.libelle
        return value
