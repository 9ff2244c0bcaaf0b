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
def test_matrice_voir_ecrire_declarer_lister(client, monde, acteur):
    """One world per actor, every action checked: the file and its internal notes, its
    internal attachment, writing a note, declaring results, the list page and the API list."""
    from django.core.files.base import ContentFile

    voit, internes, ecrit, declare, api = ATTENDU[acteur]
    suivi = monde["suivi"]
    note = Evenement(suivi=suivi, titre="Bilan financier", interne=True, nom_fichier="bilan.txt")
    note.fichier.save("bilan.txt", ContentFile(b"chiffres"), save=True)
    client = _client(client, monde, acteur)

    # Reading the file, with or without the internal notes.
    reponse = client.get(suivi.get_absolute_url())
    if voit:
        texte = reponse.content.decode()
        assert "Recyclerie des Flandres" in texte and "Note publique" in texte
        assert ("Note confidentielle" in texte) is internes
        assert ("Fragilité financière." in texte) is internes
    else:
        assert reponse.status_code == (302 if acteur == "anonyme" else 403)
    piece = client.get(reverse("accompagnement:piece", args=[suivi.pk, note.pk]))
    assert (piece.status_code == 200) is internes

    # Writing a note.
    reponse = client.post(
        suivi.get_absolute_url(),
        {
            "formulaire": "evenement",
            "evenement-type": "note",
            "evenement-date": "2026-11-30",
            "evenement-titre": "Essai",
        },
    )
    assert Evenement.objects.filter(titre="Essai").exists() is ecrit
    if not ecrit:
        assert reponse.status_code == (302 if acteur == "anonyme" else 403)

    # Declaring results.
    client.post(
        suivi.get_absolute_url(),
        {"formulaire": "resultat", "resultat-periode": "12", "resultat-q_emplois": "1"},
    )
    assert suivi.resultats.exists() is declare

    # The list page: only what the actor may see.
    reponse = client.get(reverse("accompagnement:liste"))
    if acteur == "anonyme":
        assert reponse.status_code == 302
    else:
        texte = reponse.content.decode()
        assert ("Recyclerie des Flandres" in texte) is voit
        assert ("Projet normand" in texte) is (acteur in ("admin", "staff_autre_region"))

    # The API list: staff only, and only their régions.
    reponse = client.get("/api/v1/accompagnement/suivis/?nature=laureat")
    if not api:
        assert reponse.status_code in (401, 403)
        return
    donnees = reponse.json()
    titres = {r["titre"] for r in donnees["results"]}
    assert donnees["count"] == len(titres)
    assert ("Recyclerie des Flandres" in titres) is (acteur in ("admin", "staff_region"))
    assert ("Projet normand" in titres) is (acteur in ("admin", "staff_autre_region"))


def test_l_api_filtre_par_nature_et_refuse_une_nature_inconnue(client, monde):
    client.force_login(monde["acteurs"]["staff_region"])
    assert client.get("/api/v1/accompagnement/suivis/?nature=dla").json()["count"] == 0
    reponse = client.get("/api/v1/accompagnement/suivis/?nature=inconnue")
    assert reponse.status_code == 400 and "Nature inconnue" in reponse.content.decode()
