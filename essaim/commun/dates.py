"""Dates in words, local time (Europe/Paris), French ordinal for the first of the month."""

import datetime

from django.utils import formats, timezone, translation


def date_longue(valeur, avec_heure: bool = False) -> str:
    """ "1er décembre 2026", "14 avril 2023 21:14" (English: "Dec. 1, 2026"); "" for nothing."""
    if not valeur:
        return ""
    heure = None
    if isinstance(valeur, datetime.datetime):
        if timezone.is_aware(valeur):
            valeur = timezone.localtime(valeur)
        jour, heure = valeur.date(), valeur.time()
    else:
        jour = valeur
    texte = formats.date_format(jour, "DATE_FORMAT")
    if translation.get_language() == "fr" and jour.day == 1 and texte.startswith("1 "):
        texte = "1er " + texte[2:]
    if avec_heure and heure is not None:
        texte = f"{texte} {formats.time_format(heure, 'TIME_FORMAT')}"
    return texte
