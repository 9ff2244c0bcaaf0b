"""Plausible bounds for the counts people type or import (issue 13 §2.10).

A database column accepts 9,223,372,036,854,775,807 participants (SQLite does not even check
PostgreSQL's 32-bit range): every count that comes from a form, an import or an application
carries these validators (model fields, so forms, the admin and ``full_clean`` all apply them)
and the import engine checks the same maxima. The error is French and names the bound.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

# People at one workshop, seats offered: the largest French congress halls hold ~10,000.
PARTICIPANTS_MAX = 100_000
CAPACITE_MAX = 100_000
# Figures of a territory (France: ~2.6 million ESS jobs, ~220,000 employer establishments).
EMPLOIS_MAX = 10_000_000
ETABLISSEMENTS_MAX = 10_000_000
ANNEE_MIN, ANNEE_MAX = 1990, 2100
# Position of an item in a list edited in the admin (PostgreSQL's smallint holds 32,767).
ORDRE_MAX = 10_000
# Anything else typed as a whole number: PostgreSQL's integer column.
ENTIER_MAX = 2_147_483_647


def nombre_fr(n: int) -> str:
    """12 345 (narrow no-break spaces) as French typography writes it; 2100 stays 2100."""
    return f"{n:,}".replace(",", "\u202f") if abs(n) >= 10_000 else str(n)


def entre(minimum: int, maximum: int) -> list:
    """Validators keeping a count within ``[minimum, maximum]`` with a French message."""
    return [
        MinValueValidator(
            minimum, message=format_lazy(_("Valeur trop petite : au moins {n}."), n=nombre_fr(minimum))
        ),
        MaxValueValidator(
            maximum,
            message=format_lazy(_("Valeur invraisemblable : au plus {n}."), n=nombre_fr(maximum)),
        ),
    ]
