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
