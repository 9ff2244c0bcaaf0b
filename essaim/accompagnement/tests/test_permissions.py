"""Who sees and does what on a follow-up file: the matrix, through HTTP, lists included."""

import pytest
from django.urls import reverse

from essaim.accompagnement.models import Evenement
from essaim.annuaire.tests.factories import StructureFactory
from essaim.comptes.tests.factories import UtilisateurFactory, administrateur, charge_de_mission, partenaire

from .factories import appel_a_projets, laureat

pytestmark = pytest.mark.django_db

ACTEURS = [
    "admin",
    "staff_region",
    "staff_autre_region",
    "accompagnateur",
    "partenaire_non_affecte",
    "laureat",
    "gestionnaire_structure",
    "autre_utilisateur",
    "anonyme",
]
# acteur -> (voit le suivi, voit les notes internes, écrit dans le suivi, déclare des résultats, liste API)
ATTENDU = {
    "admin": (True, True, True, True, True),
    "staff_region": (True, True, True, True, True),
    "staff_autre_region": (False, False, False, False, True),
    "accompagnateur": (True, True, True, True, False),
    "partenaire_non_affecte": (False, False, False, False, False),
    "laureat": (True, False, False, True, False),
    "gestionnaire_structure": (True, False, False, True, False),
    "autre_utilisateur": (False, False, False, False, False),
    "anonyme": (False, False, False, False, False),
}


@pytest.fixture
def monde():
    accompagnateur = partenaire("32")
    gestionnaire = UtilisateurFactory()
    structure = StructureFactory(gestionnaires=[gestionnaire])
    candidature = laureat(appel_a_projets(), nom="Recyclerie des Flandres", structure=structure)
    suivi = candidature.suivi
    suivi.accompagnateur = accompagnateur
    suivi.save()
    Evenement.objects.create(suivi=suivi, titre="Note publique", texte="Bilan partagé avec la structure.")
    Evenement.objects.create(
        suivi=suivi, titre="Note confidentielle", texte="Fragilité financière.", interne=True
    )
    # A file of another région, seen by nobody here but the administrator and its own staff.
    autre = laureat(appel_a_projets(region_id="28"), nom="Projet normand").suivi
    return {
        "suivi": suivi,
        "autre": autre,
        "acteurs": {
            "admin": administrateur(),
            "staff_region": charge_de_mission("32"),
            "staff_autre_region": charge_de_mission("28"),
            "accompagnateur": accompagnateur,
            "partenaire_non_affecte": partenaire("32"),
            "laureat": candidature.candidat,
            "gestionnaire_structure": gestionnaire,
            "autre_utilisateur": UtilisateurFactory(),
            "anonyme": None,
        },
    }


def _client(client, monde, acteur):
    if monde["acteurs"][acteur] is not None:
        client.force_login(monde["acteurs"][acteur])
    return client


@pytest.mark.parametrize("acteur", ACTEURS)
def test_voir_le_suivi_et_ses_notes_internes(client, monde, acteur):
    voit, internes, *_ = ATTENDU[acteur]
    reponse = _client(client, monde, acteur).get(monde["suivi"].get_absolute_url())
    if not voit:
        assert reponse.status_code == (302 if acteur == "anonyme" else 403)
        return
    texte = reponse.content.decode()
    assert "Recyclerie des Flandres" in texte and "Note publique" in texte
    assert ("Note confidentielle" in texte) is internes
    assert ("Fragilité financière." in texte) is internes


@pytest.mark.parametrize("acteur", ACTEURS)
def test_ecrire_une_note(client, monde, acteur):
    voit, _internes, ecrit, *_ = ATTENDU[acteur]
    reponse = _client(client, monde, acteur).post(
        monde["suivi"].get_absolute_url(),
        {
            "formulaire": "evenement",
            "evenement-type": "note",
            "evenement-date": "2026-11-30",
            "evenement-titre": "Essai",
        },
    )
    assert Evenement.objects.filter(titre="Essai").exists() is ecrit
    if not ecrit:
        assert reponse.status_code in (302, 403) if not voit else reponse.status_code == 403


@pytest.mark.parametrize("acteur", ACTEURS)
def test_declarer_des_resultats(client, monde, acteur):
    *_r, declare, _api = ATTENDU[acteur]
    _client(client, monde, acteur).post(
        monde["suivi"].get_absolute_url(),
        {"formulaire": "resultat", "resultat-periode": "12", "resultat-q_emplois": "1"},
    )
    assert monde["suivi"].resultats.exists() is declare


@pytest.mark.parametrize("acteur", ACTEURS)
def test_la_liste_des_suivis_ne_montre_que_le_perimetre(client, monde, acteur):
    voit, *_ = ATTENDU[acteur]
    reponse = _client(client, monde, acteur).get(reverse("accompagnement:liste"))
    if acteur == "anonyme":
        assert reponse.status_code == 302
        return
    texte = reponse.content.decode()
    assert ("Recyclerie des Flandres" in texte) is voit
    assert ("Projet normand" in texte) is (acteur in ("admin", "staff_autre_region"))


@pytest.mark.parametrize("acteur", ACTEURS)
def test_api_des_suivis_reservee_au_personnel_et_a_ses_regions(client, monde, acteur):
    *_r, api = ATTENDU[acteur]
    reponse = _client(client, monde, acteur).get("/api/v1/accompagnement/suivis/?nature=laureat")
    if not api:
        assert reponse.status_code in (401, 403)
        return
    donnees = reponse.json()
    titres = {r["titre"] for r in donnees["results"]}
    assert donnees["count"] == len(titres)
    assert ("Recyclerie des Flandres" in titres) is (acteur in ("admin", "staff_region"))
    assert ("Projet normand" in titres) is (acteur in ("admin", "staff_autre_region"))


@pytest.mark.parametrize("acteur", ACTEURS)
def test_la_piece_jointe_d_une_note_interne_reste_interne(client, monde, acteur):
    from django.core.files.base import ContentFile

    voit, internes, *_ = ATTENDU[acteur]
    note = Evenement(suivi=monde["suivi"], titre="Bilan financier", interne=True, nom_fichier="bilan.txt")
    note.fichier.save("bilan.txt", ContentFile(b"chiffres"), save=True)
    reponse = _client(client, monde, acteur).get(
        reverse("accompagnement:piece", args=[monde["suivi"].pk, note.pk])
    )
    assert (reponse.status_code == 200) is internes


def test_l_api_filtre_par_nature_et_refuse_une_nature_inconnue(client, monde):
    client.force_login(monde["acteurs"]["staff_region"])
    assert client.get("/api/v1/accompagnement/suivis/?nature=dla").json()["count"] == 0
    reponse = client.get("/api/v1/accompagnement/suivis/?nature=inconnue")
    assert reponse.status_code == 400 and "Nature inconnue" in reponse.content.decode()
