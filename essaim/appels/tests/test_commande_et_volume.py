"""The mailing command, the directory matching of organisations, and query counts at volume."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from essaim.appels.enums import Decision, StatutCandidature
from essaim.appels.services.formulaire import resoudre_structures
from essaim.comptes.tests.factories import charge_de_mission

from .factories import AppelFactory, CandidatureFactory, EvaluationFactory

pytestmark = pytest.mark.django_db


def test_commande_d_envoi_des_decisions(capsys, mailoutbox, django_capture_on_commit_callbacks):
    appel = AppelFactory(slug="aap")
    c = CandidatureFactory(appel=appel, statut=StatutCandidature.DECIDEE, decision=Decision.RETENUE)
    call_command("appels_notifier", "aap", "--dry-run")
    sortie = capsys.readouterr().out
    assert (
        f"{c.candidat.email} : Labellisé" in sortie
        and "1 e-mail(s) de décision à envoyer (simulation)." in sortie
    )
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):  # a command commits as it goes
        call_command("appels_notifier", "aap", "--base-url", "https://essaim.example")
    assert "https://essaim.example/appels/candidatures/" in mailoutbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("appels_notifier", "aap")
    assert len(mailoutbox) == 1
    with pytest.raises(CommandError, match="Appel inconnu : « nulle-part »."):
        call_command("appels_notifier", "nulle-part")


def test_sans_origine_les_liens_des_e_mails_partent_de_site_url(
    mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://essaim.cress.example/"
    CandidatureFactory(
        appel=AppelFactory(slug="aap"), statut=StatutCandidature.DECIDEE, decision=Decision.RETENUE
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("appels_notifier", "aap")
    assert "https://essaim.cress.example/appels/candidatures/" in mailoutbox[0].body


def test_les_structures_saisies_sont_reconnues_dans_l_annuaire():
    from essaim.annuaire.models import Structure

    coop = Structure.objects.create(nom="Hauts les Coop", siret="12345678900011", region_id="32")
    resultat = resoudre_structures(["hauts les coop", "12345678900011", "Association inconnue"])
    assert resultat == [
        {"nom": "Hauts les Coop", "structure_id": coop.pk},
        {"nom": "Hauts les Coop", "structure_id": coop.pk},
        {"nom": "Association inconnue", "structure_id": None},
    ]


def test_l_espace_comite_reste_sobre_en_requetes(client, django_assert_max_num_queries):
    appel = AppelFactory()
    for _ in range(60):
        c = CandidatureFactory(appel=appel)
        EvaluationFactory(candidature=c)
    client.force_login(charge_de_mission("32"))
    with django_assert_max_num_queries(20):
        page = client.get(reverse("appels:comite", args=[appel.slug])).content.decode()
    assert "60 candidatures déposées." in page and "Page 1 sur 2" in page
    with django_assert_max_num_queries(20):
        reponse = client.get(reverse("appels:export", args=[appel.slug, "csv"]))
        contenu = b"".join(reponse.streaming_content)
    assert contenu.count(b"\n") == 61
