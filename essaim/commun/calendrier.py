"""The one iCalendar (RFC 5545) writer, on the maintained ``icalendar`` library.

It escapes text, folds long lines, writes UTC, floating-date and zoned times, and adds the
VTIMEZONE that zoned times need. Used by the calls (information webinar) and the
conference (workshop feeds)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from icalendar import Calendar, Event


@dataclass
class Evenement:
    uid: str
    debut: datetime.date | datetime.datetime
    fin: datetime.date | datetime.datetime
    titre: str
    description: str = ""
    lieu: str = ""
    url: str = ""


def calendrier(prodid: str, evenements, nom: str = "", fuseau: str = "") -> str:
    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if nom:
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", nom)
    if fuseau:
        cal.add("x-wr-timezone", fuseau)
    maintenant = timezone.now().astimezone(datetime.UTC)
    for e in evenements:
        evenement = Event()
        evenement.add("uid", e.uid)
        evenement.add("dtstamp", maintenant)
        evenement.add("dtstart", e.debut)
        evenement.add("dtend", e.fin)
        evenement.add("summary", e.titre)
        if e.description:
            evenement.add("description", e.description)
        if e.lieu:
            evenement.add("location", e.lieu)
        if e.url:
            evenement.add("url", e.url)
        cal.add_component(evenement)
    cal.add_missing_timezones()
    return cal.to_ical().decode()
