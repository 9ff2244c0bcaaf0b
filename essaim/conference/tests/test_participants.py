"""Registration with capacity and waiting list, cancellation, check-in, RGPD, iCal."""

import datetime
from html import unescape

import pytest
from django.urls import reverse

from essaim.comptes.rgpd import exporter
from essaim.conference.enums import StatutInscription
from essaim.conference.models import Inscription
from essaim.conference.services.participants import (
    InscriptionImpossible,
    annuler,
    inscrire,
    pointer,
    purger_inscriptions_expirees,
)

from .factories import AtelierFactory, utilisateur


def inscription_http(client, atelier, prenom, email, consentement=True):
    donnees = {"prenom": prenom, "nom": "Martin", "email": email, "organisation": "Asso"}
    if consentement:
        donnees["consentement"] = "on"
    return client.post(
        reverse("conference:inscription", args=[atelier.conference.slug, atelier.pk]), donnees, follow=True
    )


def test_les_places_se_remplissent_puis_la_liste_d_attente(client, conference):
    atelier = AtelierFactory(conference=conference, capacite=2)
    inscription_http(client, atelier, "Une", "une@exemple.fr")
    inscription_http(client, atelier, "Deux", "deux@exemple.fr")
    page = unescape(client.get(atelier.get_absolute_url()).content.decode())
    assert "L'atelier est complet" in page
    reponse = inscription_http(client, atelier, "Trois", "trois@exemple.fr")
    assert "liste d'attente" in unescape(reponse.content.decode())
    statuts = dict(atelier.inscriptions.values_list("email", "statut"))
    assert statuts == {
        "une@exemple.fr": "confirmee",
        "deux@exemple.fr": "confirmee",
        "trois@exemple.fr": "attente",
    }


def test_une_annulation_libere_la_place_pour_la_premiere_personne_en_attente(client, conference):
    atelier = AtelierFactory(conference=conference, capacite=1)
    premiere = inscrire(atelier, "Une", "A", "une@exemple.fr")
    inscrire(atelier, "Deux", "B", "deux@exemple.fr")
    reponse = client.post(reverse("conference:inscription_confirmee", args=[premiere.jeton]), follow=True)
    assert "Votre inscription est annulée." in unescape(reponse.content.decode())
    assert atelier.inscriptions.get(email="deux@exemple.fr").statut == StatutInscription.CONFIRMEE


def test_le_consentement_est_obligatoire_et_la_duree_de_conservation_affichee(client, atelier):
    page = unescape(client.get(atelier.get_absolute_url()).content.decode())
    assert "Données conservées 12 mois après l'atelier" in page
    reponse = inscription_http(client, atelier, "Sans", "sans@exemple.fr", consentement=False)
    assert reponse.status_code == 400 and "Ce champ est obligatoire" in unescape(reponse.content.decode())
    assert not Inscription.objects.exists()


def test_une_adresse_ne_s_inscrit_qu_une_fois(atelier):
    inscrire(atelier, "Ada", "L", "ada@exemple.fr")
    with pytest.raises(InscriptionImpossible, match="déjà inscrite"):
        inscrire(atelier, "Ada", "L", "ADA@exemple.fr")


def test_la_page_de_confirmation_rappelle_la_conservation(client, atelier):
    inscrit = inscrire(atelier, "Ada", "Lovelace", "ada@exemple.fr")
    page = unescape(
        client.get(reverse("conference:inscription_confirmee", args=[inscrit.jeton])).content.decode()
    )
    assert "confirmée" in page and "ada@exemple.fr" in page and "conservées jusqu'au" in page
    assert inscrit.conserver_jusqu_au == datetime.date(atelier.date.year + 1, atelier.date.month, 15)


def test_le_pointage_alimente_le_nombre_de_participants(atelier):
    assert atelier.nombre_participants() is None
    inscrit = inscrire(atelier, "Ada", "L", "ada@exemple.fr")
    pointer(inscrit)
    assert atelier.nombre_participants() == 1
    atelier.participants_declares = 25
    atelier.save()
    assert atelier.nombre_participants() == 25


def test_les_inscriptions_expirees_sont_purgees_sans_perdre_le_compte(atelier):
    inscrit = inscrire(atelier, "Ada", "L", "ada@exemple.fr")
    pointer(inscrit)
    supprimees = purger_inscriptions_expirees(
        aujourd_hui=inscrit.conserver_jusqu_au + datetime.timedelta(days=1)
    )
    assert supprimees == 1 and not Inscription.objects.exists()
    atelier.refresh_from_db()
    assert atelier.nombre_participants() == 1


def test_l_export_rgpd_contient_les_inscriptions_de_la_personne(atelier):
    compte = utilisateur(email="ada@exemple.fr")
    inscrire(atelier, "Ada", "Lovelace", "ada@exemple.fr")
    donnees = exporter(compte)["conference"]
    assert donnees["inscriptions_ateliers"][0]["atelier"] == atelier.intitule
    assert donnees["inscriptions_ateliers"][0]["nom"] == "Lovelace"


def test_supprimer_le_compte_supprime_ses_inscriptions(atelier):
    compte = utilisateur(email="ada@exemple.fr")
    inscrire(atelier, "Ada", "Lovelace", "ada@exemple.fr", utilisateur=compte)
    compte.delete()
    assert not Inscription.objects.exists()


def test_annuler_une_personne_en_attente_ne_promeut_personne(conference):
    atelier = AtelierFactory(conference=conference, capacite=1)
    inscrire(atelier, "Une", "A", "une@exemple.fr")
    attente = inscrire(atelier, "Deux", "B", "deux@exemple.fr")
    assert annuler(attente) is None


def test_le_flux_ical_de_l_edition_liste_les_ateliers_dates(client, conference):
    AtelierFactory(conference=conference, intitule="Atelier daté, avec virgule")
    AtelierFactory(conference=conference, intitule="Atelier au mois", precision_date="mois")
    reponse = client.get(reverse("conference:ical", args=[conference.slug]))
    texte = reponse.content.decode()
    assert reponse["Content-Type"] == "text/calendar; charset=utf-8"
    assert texte.startswith("BEGIN:VCALENDAR\r\n") and texte.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Atelier daté\\, avec virgule" in texte
    assert f"DTSTART;VALUE=DATE:{conference.annee}0615" in texte
    assert all(len(ligne.encode()) <= 75 for ligne in texte.split("\r\n"))


def test_le_flux_ical_d_un_atelier_avec_horaires(client, atelier):
    atelier.heure_debut, atelier.heure_fin = datetime.time(9, 30), datetime.time(12, 0)
    atelier.save()
    texte = client.get(
        reverse("conference:ical_atelier", args=[atelier.conference.slug, atelier.pk])
    ).content.decode()
    assert f"DTSTART;TZID=Europe/Paris:{atelier.date:%Y%m%d}T093000" in texte
    assert "LOCATION:Lille (59)" in texte


def test_l_inscription_envoie_une_confirmation_avec_le_lien_d_annulation(client, atelier, mailoutbox):
    inscription_http(client, atelier, "Ada", "ada@exemple.fr")
    message = mailoutbox[0]
    inscrit = Inscription.objects.get()
    assert (
        message.to == ["ada@exemple.fr"] and message.subject == f"Inscription confirmée : {atelier.intitule}"
    )
    assert f"/conferences/inscription/{inscrit.jeton}/" in message.body
    assert "conservées jusqu'au" in message.body


def test_la_personne_promue_de_la_liste_d_attente_est_prevenue(client, conference, mailoutbox):
    atelier = AtelierFactory(conference=conference, capacite=1)
    premiere = inscrire(atelier, "Une", "A", "une@exemple.fr")
    inscrire(atelier, "Deux", "B", "deux@exemple.fr")
    client.post(reverse("conference:inscription_confirmee", args=[premiere.jeton]))
    assert [m.to for m in mailoutbox] == [["deux@exemple.fr"]]
    assert "Une place s'est libérée" in mailoutbox[0].subject


def test_la_commande_de_purge_a_une_simulation(atelier):
    import io

    from django.core.management import call_command

    inscrit = inscrire(atelier, "Ada", "L", "ada@exemple.fr")
    Inscription.objects.filter(pk=inscrit.pk).update(conserver_jusqu_au=datetime.date(2000, 1, 1))
    sortie = io.StringIO()
    call_command("conference_purger_inscriptions", "--dry-run", stdout=sortie)
    assert "Simulation : 1 inscription(s) expirée(s) supprimée(s) ; 1 conservée(s)." in sortie.getvalue()
    call_command("conference_purger_inscriptions", stdout=sortie)
    assert not Inscription.objects.exists()


def test_une_personne_connectee_trouve_ses_coordonnees_pre_remplies(client, atelier):
    compte = utilisateur(email="ada@exemple.fr")
    compte.first_name, compte.last_name = "Ada", "Lovelace"
    compte.save()
    client.force_login(compte)
    html = client.get(atelier.get_absolute_url()).content.decode()
    assert 'value="ada@exemple.fr"' in html and 'value="Lovelace"' in html
