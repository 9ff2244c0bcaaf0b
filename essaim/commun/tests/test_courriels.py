"""The one e-mail helper: templates, translation, one message per recipient, after commit,
background work above a threshold."""

import pytest
from django.core import mail
from django.db import transaction

from essaim.commun import courriels
from essaim.commun.models import StatutTravail, Travail

pytestmark = pytest.mark.django_db


GABARIT = "conference/courriels/promotion"


class Panne(Exception):
    pass


def contexte():
    return {
        "inscription": {"prenom": "Ada"},
        "atelier": {"intitule": "Réemploi et quartiers"},
        "lien": "https://essaim.example/conferences/inscription/x/",
    }


def test_chaque_destinataire_recoit_son_propre_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        envoyes = courriels.envoyer(GABARIT, ["b@exemple.fr", "a@exemple.fr", "", "a@exemple.fr"], contexte())
    assert envoyes == 2
    assert [m.to for m in mail.outbox] == [["a@exemple.fr"], ["b@exemple.fr"]]
    assert mail.outbox[0].subject == "Une place s'est libérée : Réemploi et quartiers"
    assert mail.outbox[0].body == (
        "Bonjour Ada,\n\n"
        "Une place s'est libérée : votre inscription à l'atelier « Réemploi et quartiers » est "
        "maintenant confirmée.\n\n"
        "Pour consulter ou annuler votre inscription : https://essaim.example/conferences/inscription/x/\n"
    )


def test_la_langue_demandee_est_celle_du_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        courriels.envoyer(GABARIT, ["a@exemple.fr"], contexte(), langue="en")
    (courriel,) = mail.outbox
    assert courriel.subject == "A seat is free: Réemploi et quartiers"
    assert courriel.body.startswith("Hello Ada,\n\nA seat became free: your registration")


def test_rien_ne_part_si_la_transaction_est_annulee(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as rappels,
        pytest.raises(Panne),
        transaction.atomic(),
    ):
        courriels.envoyer(GABARIT, ["a@exemple.fr"], contexte())
        raise Panne
    assert rappels == [] and mail.outbox == []


def test_au_dela_du_seuil_l_envoi_passe_par_une_tache_de_fond(django_capture_on_commit_callbacks):
    adresses = [f"p{n:02d}@exemple.fr" for n in range(courriels.SEUIL_ARRIERE_PLAN + 5)]
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        courriels.envoyer(GABARIT, adresses, contexte())
        assert not Travail.objects.exists() and mail.outbox == []
    travail = Travail.objects.get()
    assert travail.nature == "essaim.commun.courriels.envoyer_lot"
    assert travail.libelle == "Envoi de 25 e-mails"
    assert travail.statut == StatutTravail.TERMINE and travail.resultat == {"envoyes": 25, "echecs": []}
    assert sorted(m.to[0] for m in mail.outbox) == adresses
