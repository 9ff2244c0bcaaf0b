"""The code does not fight its tools: no formatter or line-length escape hatches."""

from pathlib import Path

RACINE = Path(__file__).resolve().parents[3]
INTERDITS = ("# fmt: skip", "# fmt: off", "# noqa: E501", "# ruff: noqa")


def test_aucune_exception_au_formateur():
    fautifs = [
        f"{chemin.relative_to(RACINE)}:{numero}"
        for dossier in ("essaim", "scripts")
        for chemin in (RACINE / dossier).rglob("*.py")
        if "migrations" not in chemin.parts and chemin != Path(__file__)
        for numero, ligne in enumerate(chemin.read_text(encoding="utf-8").splitlines(), start=1)
        if any(marque in ligne for marque in INTERDITS)
    ]
    assert fautifs == [], "Split the long string or let ruff format the line."


def test_un_pourcentage_s_ecrit_dans_la_langue_du_lecteur():
    from django.utils import translation

    from essaim.commun.nombres import pourcentage

    with translation.override("fr"):
        assert (pourcentage(2 / 3), pourcentage(0.05, signe=True), pourcentage(None)) == (
            "66,7\u00a0%",
            "+5,0\u00a0%",
            "",
        )
    with translation.override("en"):
        assert (pourcentage(2 / 3), pourcentage(-0.125, signe=True)) == ("66.7%", "-12.5%")
