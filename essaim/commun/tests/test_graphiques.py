"""The site's one chart module: bars, progress toward a target, lines, sparklines, PNG."""

import re

from essaim.commun import graphiques


def test_barres_accessibles_avec_titre_par_barre_et_echappement():
    svg = graphiques.barres("g-x", "Titre <b>", "Description", [("A & B", 3), ("C", 1200)])
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="g-x-titre">Titre &lt;b&gt;</title>' in svg and '<desc id="g-x-desc">' in svg
    assert "<title>A &amp; B : 3</title>" in svg and "1\u202f200" in svg
    assert 'style="' not in svg  # the CSP forbids inline style


def test_progression_vers_la_cible_depuis_la_reference():
    svg = graphiques.progression(
        "g-p", "Progression", "", [{"libelle": "Fiches", "valeur": 150, "cible": 200, "reference": 100}]
    )
    assert "Fiches : 150 sur une cible de 200 (50 %)" in svg
    assert graphiques.part_de_la_cible(250, 200, 100) == 1.0  # capped
    assert graphiques.part_de_la_cible(None, 200) is None
    # Down is good: from 40 toward 20, at 30 half of the way is done.
    assert graphiques.part_de_la_cible(30, 20, 40, sens_hausse=False) == 0.5


def test_courbe_et_sparkline():
    svg = graphiques.courbe("g-c", "Série", "", [("2022", 1), ("2023", None), ("2024", 5)], cible=8)
    assert len(re.findall(r"<circle", svg)) == 2 and "<title>2024 : 5</title>" in svg
    assert "Cible : 8" in svg
    mini = graphiques.sparkline("s-1", "Fiches", [1, 2, 4])
    assert "Fiches : de 1 à 4" in mini and "<polyline" in mini
    assert "n.d." in graphiques.sparkline("s-2", "Vide", [])


def test_nombres_a_la_francaise_et_png():
    assert graphiques.nombre(12.5) == "12,5" and graphiques.nombre(1234) == "1\u202f234"
    assert graphiques.barres_png("Titre", [("A", 2), ("B", 0)])[:4] == b"\x89PNG"
