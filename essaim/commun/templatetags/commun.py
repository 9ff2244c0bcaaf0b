from django import template

register = template.Library()


@register.simple_tag
def widget_accessible(champ):
    """Render a field's widget described by its help text and its errors (RGAA 11.10)."""
    ids = []
    if champ.help_text:
        ids.append(f"{champ.auto_id}_helptext")
    if champ.errors:
        ids.append(f"{champ.auto_id}_erreurs")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    return champ.as_widget(attrs=attrs)


@register.inclusion_tag("components/carte_fond.html")
def carte_fond(embed=False):
    """The shared map style (js/carte-fond.js, css/carte-fond.css) and its configuration:
    tile layer from the settings (none when CARTE_TUILES_URL is empty, nor in the embed unless
    CARTE_TUILES_EMBED), URLs of the territory outlines. Put it after leaflet.js in <head>."""
    from django.conf import settings
    from django.urls import reverse
    from django.utils.translation import gettext

    tuiles = None
    if settings.CARTE_TUILES_URL and (not embed or settings.CARTE_TUILES_EMBED):
        tuiles = {
            "url": settings.CARTE_TUILES_URL,
            "attribution": settings.CARTE_TUILES_ATTRIBUTION,
            "zoomMax": settings.CARTE_TUILES_ZOOM_MAX,
        }
    return {
        "config": {
            "tuiles": tuiles,
            "contours": {
                n: reverse("territoires:contours", args=[n]) for n in ("region", "departement", "epci")
            },
            "attribution": gettext("Contours : Natural Earth, IGN / Etalab"),
        }
    }


@register.filter
def date_longue(valeur, avec_heure=False):
    """A date (or an aware datetime, in local time) in words: "1er décembre 2026"."""
    from essaim.commun.dates import date_longue as en_toutes_lettres

    return en_toutes_lettres(valeur, avec_heure)


@register.filter
def naf(code):
    """A NAF code with its label: {{ structure.naf|naf }} → "94.99Z — Autres organisations…"."""
    from essaim.commun.naf import avec_libelle

    return avec_libelle(code)


@register.simple_tag(takes_context=True)
def encarts(context, emplacement, objet):
    """What other apps registered for this slot (``commun/encarts.py``)."""
    from essaim.commun.encarts import encarts as lire

    return lire(emplacement, objet, context.get("user"))
