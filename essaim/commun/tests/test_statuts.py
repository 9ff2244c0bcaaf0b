"""One transition table per status enum, one function to move along it (commun.statuts)."""

import pytest

from essaim.annuaire.enums import StatutDemande, StatutStructure
from essaim.annuaire.tests.factories import StructureFactory
from essaim.appels.enums import StatutCandidature
from essaim.commun.statuts import TransitionInterdite, changer_statut, transition_permise
from essaim.comptes.tests.factories import UtilisateurFactory
from essaim.conference.enums import StatutFiche


@pytest.mark.parametrize("enum", [StatutStructure, StatutDemande, StatutFiche, StatutCandidature])
def test_chaque_statut_de_la_table_est_un_membre_de_l_enum(enum):
    assert set(enum.transitions) <= set(enum)
    assert all(cibles <= set(enum) for cibles in enum.transitions.values())


def test_une_fiche_de_synthese_validee_ne_redevient_pas_brouillon():
    assert transition_permise(StatutFiche, "brouillon", StatutFiche.DEPOSEE)
    assert transition_permise(StatutFiche, StatutFiche.DEPOSEE, StatutFiche.VALIDEE)
    assert not transition_permise(StatutFiche, StatutFiche.VALIDEE, StatutFiche.BROUILLON)
    assert not transition_permise(StatutFiche, StatutFiche.DEPOSEE, StatutFiche.BROUILLON)


@pytest.mark.django_db
def test_changer_statut_enregistre_auteur_raison_et_champs():
    moderateur = UtilisateurFactory()
    structure = StructureFactory(statut=StatutStructure.EN_ATTENTE, a_controler=True)
    changer_statut(structure, StatutStructure.PUBLIEE, par=moderateur, raison="Vérifiée", a_controler=False)
    structure.refresh_from_db()
    assert (structure.statut, structure.a_controler) == (StatutStructure.PUBLIEE, False)
    entree = structure.history.latest()
    assert (entree.history_user, entree.history_change_reason) == (moderateur, "Vérifiée")


@pytest.mark.django_db
def test_changer_statut_refuse_un_passage_absent_de_la_table():
    structure = StructureFactory(statut=StatutStructure.BROUILLON)
    with pytest.raises(TransitionInterdite):
        changer_statut(structure, StatutStructure.BROUILLON)
    structure.refresh_from_db()
    assert structure.statut == StatutStructure.BROUILLON
