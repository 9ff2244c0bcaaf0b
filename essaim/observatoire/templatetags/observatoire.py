from django import template

from essaim.commun import nombres

register = template.Library()


@register.filter
def nombre(valeur):
    """French thousands separator (narrow no-break space), whatever the active locale."""
    if valeur is None or valeur == "":
        return "n.d."
    try:
        return f"{int(valeur):,}".replace(",", "\u202f")
    except (TypeError, ValueError):
        return valeur


@register.filter
def pourcentage(valeur):
    return nombres.pourcentage(valeur)
