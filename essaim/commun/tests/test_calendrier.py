"""The one iCalendar writer (commun.calendrier), tested once: escaping, folding, time zones."""

import datetime
import zoneinfo

from icalendar import Calendar

from essaim.commun.calendrier import Evenement, calendrier


def test_un_calendrier_relu_donne_les_memes_evenements():
    paris = zoneinfo.ZoneInfo("Europe/Paris")
    debut = datetime.datetime(2027, 6, 15, 9, 30, tzinfo=paris)
    texte = calendrier(
        "-//Essaim//Test//FR",
        [
            Evenement(
                "a@essaim",
                debut,
                debut + datetime.timedelta(hours=2),
                "Atelier, avec virgule; point-virgule",
                description="Ligne 1\nLigne 2 " + "é" * 80,
                url="https://essaim.example/a",
            ),
            Evenement("b@essaim", datetime.date(2027, 6, 16), datetime.date(2027, 6, 17), "Journée"),
        ],
        nom="Conférence 2027",
        fuseau="Europe/Paris",
    )
    assert texte.startswith("BEGIN:VCALENDAR\r\n") and texte.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:Atelier\\, avec virgule\\; point-virgule" in texte
    assert "DTSTART;TZID=Europe/Paris:20270615T093000" in texte and "BEGIN:VTIMEZONE" in texte
    assert "DTSTART;VALUE=DATE:20270616" in texte
    assert all(len(ligne.encode()) <= 75 for ligne in texte.split("\r\n"))  # folded (RFC 5545 §3.1)
    relu = Calendar.from_ical(texte)
    evenements = relu.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in evenements] == ["Atelier, avec virgule; point-virgule", "Journée"]
    assert evenements[0].decoded("DTSTART") == debut
    assert str(evenements[0]["DESCRIPTION"]) == "Ligne 1\nLigne 2 " + "é" * 80
    assert str(relu["X-WR-CALNAME"]) == "Conférence 2027"
