import pytest

from essaim.commun.lots import differer, lot


def test_hors_lot_le_travail_est_immediat():
    faits = []
    differer(faits.append, 1)
    assert faits == [1]


def test_dans_un_lot_chaque_cle_est_traitee_une_fois_a_la_fin():
    faits = []
    with lot():
        for cle in (1, 2, 1, 1, 3):
            differer(faits.append, cle)
        with lot():  # nested batches flush with the outermost one
            differer(faits.append, 2)
        assert faits == []
    assert faits == [1, 2, 3]


def test_une_erreur_abandonne_le_lot():
    faits = []
    with pytest.raises(ValueError), lot():
        differer(faits.append, 1)
        raise ValueError
    assert faits == []
    differer(faits.append, 2)
    assert faits == [2]


def test_le_travail_ajoute_pendant_la_vidange_est_fait_aussi():
    faits = []

    def en_cascade(cle):
        faits.append(cle)
        if cle < 3:
            differer(en_cascade, cle + 1)

    with lot():
        differer(en_cascade, 1)
    assert faits == [1, 2, 3]
