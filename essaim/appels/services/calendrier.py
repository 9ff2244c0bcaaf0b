"""The information webinar of a call as an iCalendar event (RFC 5545)."""

from datetime import UTC, timedelta

from essaim.commun.calendrier import Evenement, calendrier


def ical_webinaire(appel, url: str) -> str:
    debut = appel.webinaire_date.astimezone(UTC)
    description = f"Webinaire d'information : {appel.titre}\n{url}"
    if appel.webinaire_lien:
        description += f"\nConnexion : {appel.webinaire_lien}"
    evenement = Evenement(
        uid=f"webinaire-appel-{appel.pk}@essaim",
        debut=debut,
        fin=debut + timedelta(minutes=appel.webinaire_duree or 60),
        titre=appel.webinaire_titre or "Webinaire : " + appel.titre,
        description=description,
        lieu=appel.webinaire_lien or "En ligne",
        url=appel.webinaire_lien or url,
    )
    return calendrier("-//Essaim//Appels//FR", [evenement])
