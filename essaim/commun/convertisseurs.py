"""Bounded URL converters: an absurd number in a URL is a 404, never a 500.

Django's ``<id:…>`` matches any run of digits: ``0`` as a year raises ``ValueError`` in a
``__year`` lookup and twenty digits overflow a 64-bit column (``OverflowError``). These
converters only match values the views can handle, so anything else never reaches them.
"""

from django.urls import register_converter


class AnneeConverter:
    """A calendar year written with four digits, 1000 to 9999."""

    regex = "[1-9][0-9]{3}"

    def to_python(self, valeur):
        return int(valeur)

    def to_url(self, valeur):
        return f"{int(valeur):04d}"


class IdConverter:
    """A database identifier: at most 18 digits, below the largest 64-bit integer."""

    regex = "[0-9]{1,18}"

    def to_python(self, valeur):
        return int(valeur)

    def to_url(self, valeur):
        return str(int(valeur))


def enregistrer():
    register_converter(AnneeConverter, "annee")
    register_converter(IdConverter, "id")
