"""The information webinar of a call as an iCalendar event (RFC 5545)."""

from datetime import UTC, timedelta

from django.utils import timezone


def _echapper(texte: str) -> str:
    return str(texte).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _plier(ligne: str) -> str:
    """Fold lines longer than 75 octets, as the RFC requires."""
    morceaux, courant = [], ""
    for caractere in ligne:
        if len((courant + caractere).encode()) > 74:
            morceaux.append(courant)
            courant = " "
        courant += caractere
    morceaux.append(courant)
    return "\r\n".join(morceaux)


def ical_webinaire(appel, url: str) -> str:
    debut = appel.webinaire_date.astimezone(UTC)
    fin = debut + timedelta(minutes=appel.webinaire_duree or 60)
    format_ = "%Y%m%dT%H%M%SZ"
    description = f"Webinaire d'information : {appel.titre}\n{url}"
    if appel.webinaire_lien:
        description += f"\nConnexion : {appel.webinaire_lien}"
    lignes = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Essaim//Appels//FR",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:webinaire-appel-{appel.pk}@essaim",
        f"DTSTAMP:{timezone.now().astimezone(UTC).strftime(format_)}",
        f"DTSTART:{debut.strftime(format_)}",
        f"DTEND:{fin.strftime(format_)}",
        f"SUMMARY:{_echapper(appel.webinaire_titre or 'Webinaire : ' + appel.titre)}",
        f"DESCRIPTION:{_echapper(description)}",
        f"LOCATION:{_echapper(appel.webinaire_lien or 'En ligne')}",
        f"URL:{appel.webinaire_lien or url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_plier(ligne) for ligne in lignes) + "\r\n"
