import pytest

from essaim.commun.lots import differer, est_retenu, lot


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


class _Objet:
    def __init__(self, pk=None):
        self.pk = pk


def test_un_objet_retenu_est_silencieux_jusqu_a_la_fin_du_bloc():
    objet, autre = _Objet(), _Objet(7)
    with lot(objet):
        assert objet.skip_history_when_saving is True
        assert not est_retenu(_Objet, None)
        objet.pk = 5  # saved inside the block: held under its new primary key
        assert est_retenu(_Objet, 5)
        assert not est_retenu(_Objet, autre.pk)
        with lot(objet):  # held twice: stays silent until the outer block ends
            pass
        assert objet.skip_history_when_saving is True
    assert not hasattr(objet, "skip_history_when_saving")
    assert not est_retenu(_Objet, 5)


def test_un_objet_retenu_est_relache_meme_en_cas_d_erreur():
    objet = _Objet(1)
    with pytest.raises(ValueError), lot(objet):
        raise ValueError
    assert not hasattr(objet, "skip_history_when_saving")
    assert not est_retenu(_Objet, 1)


def test_chaque_fil_a_son_propre_lot():
    import threading

    faits = []
    with lot():
        fil = threading.Thread(target=differer, args=(faits.append, "fil"))
        fil.start()
        fil.join()
        assert faits == ["fil"]  # no batch open in the other thread: done at once
        differer(faits.append, "ici")
        assert faits == ["fil"]
    assert faits == ["fil", "ici"]
