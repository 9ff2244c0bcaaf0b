""" "Mon espace" (files assigned, late actions), the personal-data register and the purge of
notes after the declared retention period."""

import datetime

import pytest
from django.urls import reverse

from essaim.accompagnement.enums import StatutSuivi
from essaim.accompagnement.models import Action, Evenement, Suivi
from essaim.accompagnement.services.suivis import purger_notes
from essaim.comptes import rgpd
from essaim.comptes.tests.factories import charge_de_mission, partenaire

from .factories import appel_a_projets, jours, laureat

pytestmark = pytest.mark.django_db


def test_mon_espace_montre_les_suivis_confies_et_les_actions_en_retard(client):
    accompagnateur = partenaire("32")
    suivi = laureat(appel_a_projets(), nom="Atelier vélo").suivi
    suivi.accompagnateur = accompagnateur
    suivi.save()
    Action.objects.create(suivi=suivi, libelle="Recruter un encadrant", echeance=jours(-3))
    client.force_login(accompagnateur)
    texte = client.get(reverse("espace:mon_espace")).content.decode()
    assert "Suivi confié : Atelier vélo" in texte
    assert "Action en retard : Recruter un encadrant (Atelier vélo)" in texte
    client.force_login(charge_de_mission("32"))
    texte = client.get(reverse("espace:mon_espace")).content.decode()
    assert "Actions en retard dans vos régions" in texte and "Tableau de bord de la cohorte" in texte


def test_les_notes_sont_au_registre_avec_leur_duree_de_conservation_et_purgees_apres():
    auteur = charge_de_mission("32")
    suivi = laureat(appel_a_projets(), nom="Atelier vélo").suivi
    Evenement.objects.create(suivi=suivi, titre="Point d'étape", texte="RAS", auteur=auteur)
    assert rgpd.exporter(auteur)["notes_accompagnement"][0]["titre"] == "Point d'étape"
    assert str(rgpd.CONSERVATION["notes_accompagnement"]) == "3 ans après la clôture du suivi"
    Suivi.objects.filter(pk=suivi.pk).update(statut=StatutSuivi.CLOS)
    assert purger_notes() == 0  # closed today: kept
    dans_quatre_ans = datetime.date.today().replace(year=datetime.date.today().year + 4)
    assert purger_notes(dans_quatre_ans) == 1
    assert not Evenement.objects.filter(titre="Point d'étape").exists()
    assert suivi.evenements.exists()  # the opening event (not a note) stays


def test_les_retards_sont_signales_une_fois_par_courriel(mailoutbox, django_capture_on_commit_callbacks):
    from essaim.accompagnement.services.alertes import alerter_retards

    accompagnateur = partenaire("32", email="accompagnatrice@exemple.fr", first_name="Inès")
    suivi = laureat(appel_a_projets(), nom="Atelier vélo").suivi
    suivi.accompagnateur = accompagnateur
    suivi.save()
    Action.objects.create(suivi=suivi, libelle="Recruter un encadrant", echeance=datetime.date(2026, 3, 1))
    Action.objects.create(suivi=suivi, libelle="Plus tard", echeance=jours(30))
    with django_capture_on_commit_callbacks(execute=True):
        assert alerter_retards() == {"personnes": 1, "actions": 1}
    (message,) = mailoutbox
    assert message.to == ["accompagnatrice@exemple.fr"]
    assert message.subject == "Accompagnement : 1 action en retard"
    assert "Bonjour Inès," in message.body
    assert "- Recruter un encadrant (Atelier vélo) — échéance 1 mars 2026 : http" in message.body
    assert f"/accompagnement/suivis/{suivi.pk}/#actions" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        assert alerter_retards() == {"personnes": 0, "actions": 0}
    assert len(mailoutbox) == 1
