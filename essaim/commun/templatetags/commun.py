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
    """A date (or an aware datetime, shown in local time) in words, French ordinal for the
    first of the month: "1er décembre 2026", "14 avril 2023 à 9:30" (English: "Dec. 1, 2026")."""
    import datetime

    from django.utils import formats, timezone, translation

    if not valeur:
        return ""
    if isinstance(valeur, datetime.datetime):
        if timezone.is_aware(valeur):
            valeur = timezone.localtime(valeur)
        jour, heure = valeur.date(), valeur.time()
    else:
        jour, heure = valeur, None
    texte = formats.date_format(jour, "DATE_FORMAT")
    if translation.get_language() == "fr" and jour.day == 1 and texte.startswith("1 "):
        texte = "1er " + texte[2:]
    if avec_heure and heure is not None:
        texte = f"{texte} {formats.time_format(heure, 'TIME_FORMAT')}"
    return texte
