from django import template

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
    if valeur is None:
        return ""
    return f"{valeur * 100:.1f}\u00a0%".replace(".", ",")
