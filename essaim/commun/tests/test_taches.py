"""Background work: the Travail row carries status, progress and result; its page polls it."""

import pytest

from essaim.commun.models import StatutTravail, Travail
from essaim.commun.taches import lancer, tache
from essaim.comptes.tests.factories import UtilisateurFactory

pytestmark = pytest.mark.django_db


@tache
def compter_jusqua(travail, n):
    for i in range(n):
        travail.avancer(i + 1, n, forcer=True)
    return {"somme": sum(range(n))}


@tache
def echouer(travail):
    raise ValueError("fichier illisible")


def test_travail_termine_avec_progression_et_resultat(client):
    user = UtilisateurFactory()
    travail = lancer(compter_jusqua, "Compter", user=user, n=5)
    travail.refresh_from_db()
    assert travail.statut == StatutTravail.TERMINE
    assert (travail.fait, travail.total, travail.pourcentage) == (5, 5, 100)
    assert travail.resultat == {"somme": 10}
    client.force_login(user)
    page = client.get(travail.get_absolute_url()).content.decode()
    assert "Compter" in page and "Terminé" in page and "5 / 5" in page
    # htmx polling gets only the fragment.
    fragment = client.get(travail.get_absolute_url(), HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="progression"') and "<html" not in fragment


def test_echec_visible_avec_son_message():
    travail = lancer(echouer, "Échouer")
    travail.refresh_from_db()
    assert travail.statut == StatutTravail.ECHEC
    assert travail.message == "ValueError : fichier illisible"


def test_page_d_un_travail_reservee_a_son_auteur(client):
    travail = lancer(compter_jusqua, "Compter", user=UtilisateurFactory(), n=1)
    client.force_login(UtilisateurFactory())
    assert client.get(travail.get_absolute_url()).status_code == 403


def test_fonction_non_declaree_refusee():
    with pytest.raises(ValueError, match="@tache"):
        lancer(print, "x")
    assert not Travail.objects.exists()
