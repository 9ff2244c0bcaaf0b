"""Accounts through HTTP: sign-up with e-mail verification, login, rate limit, my data."""

import json
import re

import pytest
from django.core import mail
from django.core.management import call_command

from essaim.comptes.models import Utilisateur
from essaim.comptes.tests.factories import MOT_DE_PASSE, UtilisateurFactory

pytestmark = pytest.mark.django_db


def test_inscription_envoie_un_lien_de_verification_qui_connecte(client):
    reponse = client.post(
        "/comptes/signup/",
        {"email": "Nouvelle@Exemple.fr", "password1": MOT_DE_PASSE, "password2": MOT_DE_PASSE},
        follow=True,
    )
    assert reponse.redirect_chain == [("/comptes/confirm-email/", 302)]
    assert "Vérifiez votre adresse e-mail" in reponse.content.decode()
    user = Utilisateur.objects.get(email="nouvelle@exemple.fr")
    assert user.role == "visiteur"
    assert len(mail.outbox) == 1
    lien = re.search(r"http://testserver(/comptes/confirm-email/[^\s]+/)", mail.outbox[0].body).group(1)
    page = client.post(lien, follow=True).content.decode()
    assert "Mon compte" in page and "nouvelle@exemple.fr" in page


def test_connexion_par_e_mail_mene_a_mon_espace_puis_page_mon_compte(client):
    user = UtilisateurFactory(email="ada@exemple.fr")
    reponse = client.post(
        "/comptes/login/", {"login": "ada@exemple.fr", "password": MOT_DE_PASSE}, follow=True
    )
    page = reponse.content.decode()
    assert reponse.redirect_chain[-1][0] == "/mon-espace/"
    assert "<h1>Mon espace</h1>" in page and 'href="/compte/"' in page
    page = client.get("/compte/").content.decode()
    assert "Mes données personnelles" in page
    assert user.email in page


def test_mauvais_mot_de_passe_donne_une_erreur_liee_au_formulaire(client):
    UtilisateurFactory(email="ada@exemple.fr")
    page = client.post("/comptes/login/", {"login": "ada@exemple.fr", "password": "faux"}).content.decode()
    assert 'class="resume-erreurs"' in page
    assert "incorrect" in page


def test_connexion_limitee_apres_des_echecs_repetes(client):
    UtilisateurFactory(email="cible@exemple.fr")
    for _ in range(5):
        client.post("/comptes/login/", {"login": "cible@exemple.fr", "password": "faux"})
    reponse = client.post("/comptes/login/", {"login": "cible@exemple.fr", "password": MOT_DE_PASSE})
    assert "_auth_user_id" not in client.session
    assert "trop" in reponse.content.decode().lower()


def test_page_mon_compte_reservee_aux_personnes_connectees(client):
    reponse = client.get("/compte/")
    assert reponse.status_code == 302 and reponse["Location"].startswith("/comptes/login/")


def test_modifier_son_profil(client):
    user = UtilisateurFactory()
    client.force_login(user)
    page = client.post(
        "/compte/", {"first_name": "Inès", "last_name": "Durand", "organisation": "Recyclerie"}, follow=True
    )
    assert "Vos informations ont été enregistrées" in page.content.decode()
    user.refresh_from_db()
    assert (user.first_name, user.organisation) == ("Inès", "Recyclerie")


def test_export_json_de_mes_donnees(client):
    user = UtilisateurFactory(email="export@exemple.fr", organisation="La Ruche")
    client.force_login(user)
    reponse = client.get("/compte/mes-donnees.json")
    assert reponse["Content-Disposition"] == 'attachment; filename="mes-donnees-essaim.json"'
    donnees = json.loads(reponse.content)
    assert donnees["compte"]["email"] == "export@exemple.fr"
    assert donnees["compte"]["organisation"] == "La Ruche"
    assert donnees["compte"]["adresses_email"][0]["verifiee"] is True


def test_suppression_du_compte_demande_une_confirmation(client):
    user = UtilisateurFactory(email="partir@exemple.fr")
    client.force_login(user)
    page = client.post("/compte/supprimer/", {"confirmation": "autre@exemple.fr"}).content.decode()
    assert "ne correspond pas" in page
    assert Utilisateur.objects.filter(pk=user.pk).exists()
    page = client.post(
        "/compte/supprimer/", {"confirmation": "partir@exemple.fr"}, follow=True
    ).content.decode()
    assert "ont été supprimés" in page
    assert not Utilisateur.objects.filter(pk=user.pk).exists()


def test_comptes_de_demonstration_crees_une_fois_avec_mot_de_passe_affiche(capsys):
    call_command("creer_comptes_demo")
    sortie = capsys.readouterr().out
    assert "charge.hdf@essaim.local" in sortie
    assert Utilisateur.objects.get(email="charge.hdf@essaim.local").region_codes == {"32"}
    call_command("creer_comptes_demo")
    assert "déjà présents" in capsys.readouterr().out
    assert Utilisateur.objects.filter(email__endswith="@essaim.local").count() == 6


def test_mot_de_passe_oublie_envoie_un_lien_qui_permet_d_en_choisir_un_nouveau(client):
    user = UtilisateurFactory(email="oubli@exemple.fr")
    client.post("/comptes/password/reset/", {"email": "oubli@exemple.fr"})
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["oubli@exemple.fr"]
    lien = re.search(r"http://testserver(/comptes/password/reset/key/[^\s]+/)", mail.outbox[0].body).group(1)
    formulaire = client.get(lien, follow=True)
    nouveau = "nouveau-secret-2026"
    client.post(
        formulaire.redirect_chain[-1][0] if formulaire.redirect_chain else lien,
        {"password1": nouveau, "password2": nouveau},
        follow=True,
    )
    user.refresh_from_db()
    assert user.check_password(nouveau)


def test_mes_donnees_lisibles_sections_libelles_et_dates(client):
    """Regression: the page printed the raw Python dict of the export."""
    import datetime

    from essaim.annuaire.enums import StatutDemande
    from essaim.annuaire.models import Revendication
    from essaim.annuaire.tests.factories import StructureFactory
    from essaim.comptes.enums import Role

    user = UtilisateurFactory(email="lisible@exemple.fr", organisation="La Ruche", role=Role.GESTIONNAIRE)
    user.date_joined = datetime.datetime(2026, 3, 31, 19, 14, 6, 954627, tzinfo=datetime.UTC)
    user.save()
    Revendication.objects.create(
        structure=StructureFactory(nom="Recyclerie du Port"),
        demandeur=user,
        fonction="Trésorière",
        statut=StatutDemande.EN_ATTENTE,
    )
    client.force_login(user)
    contenu = client.get("/compte/").content.decode()
    assert "{&#x27;" not in contenu and "isoformat" not in contenu and "2026-03-31" not in contenu
    assert '<h3 id="donnees-compte">Compte</h3>' in contenu
    assert '<h3 id="donnees-annuaire">Annuaire</h3>' in contenu
    assert "<dt>Adresse e-mail</dt>\n  <dd>lisible@exemple.fr</dd>" in contenu
    assert "<dt>Inscrit·e le</dt>\n  <dd>31 mars 2026 21:14</dd>" in contenu  # Europe/Paris
    assert "<dt>Rôle</dt>\n  <dd>Gestionnaire de structure</dd>" in contenu
    assert "<dt>Demandes de gestion</dt>" in contenu and "Recyclerie du Port" in contenu
    assert "<dt>Statut</dt>\n  <dd>En attente</dd>" in contenu and "en_attente" not in contenu
    assert "<dt>Vérifiée</dt>\n  <dd>Oui</dd>" in contenu
    assert 'href="/compte/mes-donnees.json"' in contenu
    client.cookies["django_language"] = "en"
    contenu = client.get("/compte/").content.decode()
    assert "<dt>E-mail address</dt>" in contenu and "<dt>Adresse e-mail</dt>" not in contenu
