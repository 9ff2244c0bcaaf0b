"""NAF rév. 2 shipped with the project: every sub-class has its INSEE label."""

import pytest

from essaim.commun import naf


def test_la_nomenclature_livree_a_les_732_sous_classes():
    sous_classes = [c for c in naf.nomenclature() if len(c) == 6]
    assert len(sous_classes) == 732
    assert naf.libelle("88.99B") == "Action sociale sans hébergement n.c.a."


@pytest.mark.parametrize(
    ("code", "attendu"),
    [
        ("94.99Z", "94.99Z — Autres organisations fonctionnant par adhésion volontaire"),
        ("9499z", "94.99Z — Autres organisations fonctionnant par adhésion volontaire"),
        # A sub-class INSEE adds later is shown with its division's label.
        ("94.99X", "94.99X — Activités des organisations associatives"),
        ("ABC", "ABC"),
        ("", ""),
        (None, ""),
    ],
)
def test_code_avec_libelle(code, attendu):
    assert naf.avec_libelle(code) == attendu
