"""One transition table per status enum, one function to move along it (commun.statuts)."""

import pytest

from essaim.annuaire.enums import StatutDemande, StatutStructure
from essaim.annuaire.tests.factories import StructureFactory
from essaim.appels.enums import StatutCandidature
from essaim.appels.tests.factories import CandidatureFactory
from essaim.commun.inscriptions import StatutInscription
from essaim.commun.models import StatutTravail
from essaim.commun.statuts import TransitionInterdite, changer_statut, depuis, transition_permise
from essaim.commun.taches import executer_travail, lancer, tache
from essaim.comptes.tests.factories import UtilisateurFactory
from essaim.conference.enums import StatutAtelier, StatutFiche
from essaim.conference.services.appel import retirer_label
from essaim.conference.tests.factories import AtelierFactory
from essaim.pilotage.enums import StatutAction, StatutObjectif

ENUMS = [
    StatutStructure,
    StatutDemande,
    StatutFiche,
    StatutCandidature,
    StatutAtelier,
    StatutTravail,
    StatutObjectif,
    StatutAction,
]


@pytest.mark.parametrize("enum", ENUMS)
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


def test_les_travaux_de_fond_ne_reviennent_pas_en_arriere():
    assert depuis(StatutTravail, StatutTravail.EN_COURS) == {StatutTravail.EN_ATTENTE}
    assert depuis(StatutTravail, StatutTravail.TERMINE) == {StatutTravail.EN_COURS}
    assert not transition_permise(StatutTravail, StatutTravail.TERMINE, StatutTravail.EN_COURS)
    assert not transition_permise(StatutTravail, StatutTravail.ECHEC, StatutTravail.TERMINE)


EXECUTIONS = []


@tache
def compter(progression):
    EXECUTIONS.append(progression.travail.pk)
    return {"n": len(EXECUTIONS)}


@pytest.mark.django_db
def test_un_travail_livre_deux_fois_ne_s_execute_qu_une_fois():
    EXECUTIONS.clear()
    travail = lancer(compter, "Compter")  # the test settings run it at once
    executer_travail.call(travail.pk, f"{compter.__module__}.{compter.__qualname__}", {})
    travail.refresh_from_db()
    assert (travail.statut, travail.resultat, EXECUTIONS) == (StatutTravail.TERMINE, {"n": 1}, [travail.pk])


@pytest.mark.django_db
def test_un_atelier_annule_retrouve_son_label_avec_l_historique():
    atelier = AtelierFactory(candidature=CandidatureFactory())
    retirer_label(atelier.candidature)
    atelier.refresh_from_db()
    assert atelier.statut == StatutAtelier.ANNULE
    assert not transition_permise(StatutAtelier, StatutAtelier.ANNULE, StatutAtelier.ANNULE)
    changer_statut(atelier, StatutAtelier.LABELLISE, raison="Label accordé de nouveau")
    assert atelier.history.latest().history_change_reason == "Label accordé de nouveau"


def test_une_inscription_annulee_peut_reprendre_mais_pas_se_confirmer_sans_adresse():
    assert transition_permise(StatutInscription, StatutInscription.ANNULEE, StatutInscription.A_CONFIRMER)
    assert not transition_permise(StatutInscription, StatutInscription.ANNULEE, StatutInscription.CONFIRMEE)
    assert not transition_permise(StatutInscription, StatutInscription.CONFIRMEE, StatutInscription.ATTENTE)
    assert depuis(StatutInscription, StatutInscription.CONFIRMEE) == {
        StatutInscription.A_CONFIRMER,
        StatutInscription.ATTENTE,
    }
