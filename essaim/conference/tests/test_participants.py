"""Registration with capacity and waiting list, cancellation, check-in, RGPD, iCal."""

import datetime
import re
import time
from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from essaim.comptes.rgpd import exporter
from essaim.conference.enums import StatutInscription
from essaim.conference.models import Inscription
from essaim.conference.services.participants import (
    InscriptionImpossible,
    annuler,
    pointer,
    purger_inscriptions_expirees,
)

from .factories import AtelierFactory, utilisateur
from .factories import inscrire_confirmee as inscrire


def lien_du_courriel(courriel) -> str:
    (lien,) = re.findall(r"https?://\S+", courriel.body)
    return lien.removeprefix("http://testserver")


def texte(reponse) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", reponse.content.decode())).split())


def inscription_http(client, atelier, prenom, email, consentement=True):
    """Register through the form, then open the link e-mailed to the address and confirm."""
    donnees = {"prenom": prenom, "nom": "Martin", "email": email, "organisation": "Asso"}
    if consentement:
        donnees["consentement"] = "on"
    envoyes = len(mail.outbox)
    reponse = client.post(
        reverse("conference:inscription", args=[atelier.conference.slug, atelier.pk]), donnees, follow=True
    )
    if len(mail.outbox) == envoyes:  # refused: nothing to confirm
        return reponse
    return client.post(lien_du_courriel(mail.outbox[-1]), follow=True)


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
    verification, message = mailoutbox
    inscrit = Inscription.objects.get()
    assert verification.to == ["ada@exemple.fr"]
    assert verification.subject == f"Confirmez votre inscription : {atelier.intitule}"
    assert verification.body == (
        "Bonjour Ada,\n\n"
        f"Pour confirmer votre inscription à l'atelier « {atelier.intitule} », ouvrez ce lien dans les "
        "30 minutes :\n"
        f"http://testserver/conferences/inscription/confirmer/{lien_du_courriel(verification).split('/')[-2]}/\n\n"
        "Votre place n'est réservée qu'une fois l'adresse confirmée. Si vous n'avez rien demandé, "
        "ignorez ce message : l'inscription sera effacée.\n\n"
        f"{atelier.conference.titre}\n"
    )
    assert message.to == ["ada@exemple.fr"]
    assert message.subject == f"Inscription confirmée : {atelier.intitule}"
    assert message.body == (
        "Bonjour Ada,\n\n"
        f"Votre inscription à l'atelier « {atelier.intitule} » est confirmée.\n\n"
        f"{atelier.conference.titre}\n"
        f"Organisé par : {' / '.join(atelier.liste_organisateurs())}\n\n"
        "Pour consulter ou annuler votre inscription : "
        f"http://testserver/conferences/inscription/{inscrit.jeton}/\n\n"
        "Vos données (nom, prénom, adresse e-mail, structure) servent uniquement à gérer cette "
        "inscription et la feuille d'émargement ; elles sont conservées jusqu'au "
        f"{inscrit.conserver_jusqu_au:%d/%m/%Y} puis supprimées.\n"
    )


def test_les_courriels_de_l_inscription_suivent_la_langue_de_la_page(client, atelier, mailoutbox):
    client.cookies["django_language"] = "en"
    client.post(
        reverse("conference:inscription", args=[atelier.conference.slug, atelier.pk]),
        {"prenom": "Ada", "nom": "L", "email": "ada@exemple.fr", "consentement": "on"},
    )
    assert mailoutbox[0].subject == f"Confirm your registration: {atelier.intitule}"


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


# --- Anonymous registration cannot be abused (issue 13 §2.6) --------------------------------


def _poster(client, atelier, email, ip="203.0.113.7", prenom="Bot"):
    return client.post(
        reverse("conference:inscription", args=[atelier.conference.slug, atelier.pk]),
        {"prenom": prenom, "nom": "Robot", "email": email, "consentement": "on"},
        REMOTE_ADDR=ip,
    )


def test_cent_inscriptions_non_confirmees_ne_remplissent_pas_l_atelier(client, conference, mailoutbox):
    atelier = AtelierFactory(conference=conference, capacite=10)
    for n in range(100):  # a hundred robots, each from its own address: no rate limit applies
        _poster(client, atelier, f"victime{n}@exemple.fr", ip=f"198.51.100.{n}")
    assert atelier.inscriptions.filter(statut=StatutInscription.A_CONFIRMER).count() == 100
    assert atelier.places_restantes() == 10
    page = unescape(client.get(atelier.get_absolute_url()).content.decode())
    assert "10 (10 restantes)" in page and "L'atelier est complet" not in page
    # A real person still gets a seat by confirming their address.
    reponse = inscription_http(client, atelier, "Ada", "ada@exemple.fr")
    assert "Votre inscription est confirmée." in texte(reponse)
    assert atelier.inscriptions.get(email="ada@exemple.fr").statut == StatutInscription.CONFIRMEE
    assert atelier.places_restantes() == 9


def test_sans_confirmation_aucune_place_puis_la_confirmation_en_donne_une(client, conference, mailoutbox):
    atelier = AtelierFactory(conference=conference, capacite=1)
    reponse = _poster(client, atelier, "ada@exemple.fr", prenom="Ada")
    page = texte(client.get(reponse["Location"]))
    assert "Il reste une étape : ouvrez le lien envoyé à ada@exemple.fr dans les 30 minutes" in page
    assert atelier.places_restantes() == 1
    lien = lien_du_courriel(mailoutbox[0])
    # Opening the link shows a button: a mail scanner following links confirms nothing.
    assert "Confirmer mon inscription" in client.get(lien).content.decode()
    assert atelier.places_restantes() == 1
    client.post(lien)
    assert atelier.places_restantes() == 0
    client.post(lien)  # a second click changes nothing, sends nothing
    assert [m.subject for m in mailoutbox] == [
        f"Confirmez votre inscription : {atelier.intitule}",
        f"Inscription confirmée : {atelier.intitule}",
    ]


def test_le_lien_de_confirmation_expire_et_ne_se_forge_pas(client, atelier, mailoutbox, monkeypatch):
    _poster(client, atelier, "ada@exemple.fr", prenom="Ada")
    inscrit = Inscription.objects.get()
    lien = lien_du_courriel(mailoutbox[0])
    faux = reverse("conference:confirmer_inscription", args=[f"{inscrit.jeton}:1:signature"])
    assert "Ce lien de confirmation n'est pas valide." in unescape(client.post(faux).content.decode())
    # 31 minutes later (the signature's clock is time.time; the purge's is the database's).
    plus_tard = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: plus_tard)
    reponse = client.post(lien)
    assert reponse.status_code == 410
    assert "Ce lien de confirmation a expiré" in unescape(reponse.content.decode())
    Inscription.objects.update(consenti_le=inscrit.consenti_le - datetime.timedelta(minutes=31))
    assert purger_inscriptions_expirees() == 1
    assert not Inscription.objects.exists()


def test_une_personne_connectee_avec_son_adresse_verifiee_est_inscrite_sans_lien(client, atelier, mailoutbox):
    from allauth.account.models import EmailAddress

    compte = utilisateur(email="ada@exemple.fr")
    EmailAddress.objects.update_or_create(user=compte, email="ada@exemple.fr", defaults={"verified": True})
    client.force_login(compte)
    _poster(client, atelier, "ada@exemple.fr", prenom="Ada")
    assert Inscription.objects.get().statut == StatutInscription.CONFIRMEE
    assert [m.subject for m in mailoutbox] == [f"Inscription confirmée : {atelier.intitule}"]


@pytest.fixture
def horloge_figee(monkeypatch):
    """The limits count in fixed one-hour windows: keep the test inside one window."""
    import types

    debut = time.time() // 3600 * 3600 + 60
    monkeypatch.setattr("essaim.commun.limites.time", types.SimpleNamespace(time=lambda: debut))


def test_limite_par_adresse_de_client(client, atelier, mailoutbox, horloge_figee):
    from essaim.conference.views.public import LIMITE_PAR_IP

    for n in range(LIMITE_PAR_IP):
        _poster(client, atelier, f"bot{n}@exemple.fr")
    reponse = _poster(client, atelier, "bot-de-trop@exemple.fr")
    html = unescape(reponse.content.decode())
    assert reponse.status_code == 429 and reponse["Retry-After"] == str(3600 - 60 + 1)
    assert "Trop d'inscriptions envoyées depuis cette connexion ou pour cette adresse." in html
    assert 'value="bot-de-trop@exemple.fr"' in html  # the typed form is kept
    assert not Inscription.objects.filter(email="bot-de-trop@exemple.fr").exists()
    assert len(mailoutbox) == LIMITE_PAR_IP
    # Another client is not affected.
    assert _poster(client, atelier, "ada@exemple.fr", ip="192.0.2.1").status_code == 302


def test_limite_par_adresse_e_mail(client, atelier, mailoutbox, horloge_figee):
    from essaim.conference.views.public import LIMITE_PAR_EMAIL

    for n in range(LIMITE_PAR_EMAIL):
        _poster(client, atelier, "victime@exemple.fr", ip=f"198.51.100.{n}")
    reponse = _poster(client, atelier, "Victime@exemple.fr", ip="198.51.100.99")
    assert reponse.status_code == 429 and int(reponse["Retry-After"]) > 0
    assert len(mailoutbox) == LIMITE_PAR_EMAIL  # at most this many unwanted links an hour


@pytest.mark.django_db(transaction=True)
def test_la_capacite_tient_sous_vingt_confirmations_simultanees(territoires):
    """20 people confirm at the same moment for 10 seats: exactly 10 seats, 10 waiting."""
    import threading

    from django.db import OperationalError, connection

    from essaim.conference.services.participants import confirmer
    from essaim.conference.services.participants import inscrire as inscrire_en_attente

    from .factories import ConferenceFactory

    atelier = AtelierFactory(conference=ConferenceFactory(), capacite=10)
    inscrits = [inscrire_en_attente(atelier, "P", str(n), f"p{n}@exemple.fr") for n in range(20)]
    depart, erreurs = threading.Barrier(20), []

    def confirmer_en_parallele(inscrit):
        try:
            depart.wait()
            for _essai in range(500):
                try:
                    confirmer(inscrit)
                    break
                except OperationalError as erreur:
                    # The in-memory SQLite test database shares one cache between threads, whose
                    # table locks skip the busy timeout that waits in production (file + WAL):
                    # wait here as production would. PostgreSQL never takes this path.
                    if connection.vendor != "sqlite" or "locked" not in str(erreur):
                        raise
                    time.sleep(0.01)
        except Exception as erreur:  # collected: the assertion below shows them
            erreurs.append(erreur)
        finally:
            connection.close()

    fils = [threading.Thread(target=confirmer_en_parallele, args=(i,)) for i in inscrits]
    for fil in fils:
        fil.start()
    for fil in fils:
        fil.join()
    assert erreurs == []
    statuts = list(atelier.inscriptions.values_list("statut", flat=True))
    assert statuts.count(StatutInscription.CONFIRMEE) == 10
    assert statuts.count(StatutInscription.ATTENTE) == 10


def test_un_atelier_passe_n_accepte_plus_d_inscription(client, conference):
    """Regression: an April 2023 workshop accepted a registration in December 2026, with data
    "kept until 14 April 2024"."""
    passe = AtelierFactory(
        conference=conference, intitule="Atelier d'avril 2023", date=datetime.date(2023, 4, 14)
    )
    with pytest.raises(InscriptionImpossible, match=r"a déjà eu lieu \(14 avril 2023\)"):
        inscrire(passe, "Ada", "L", "ada@exemple.fr")
    page = unescape(client.get(passe.get_absolute_url()).content.decode())
    assert "Cet atelier a déjà eu lieu (14 avril 2023) : les inscriptions sont closes." in page
    assert "M'inscrire" not in page
    reponse = client.post(
        reverse("conference:inscription", args=[conference.slug, passe.pk]),
        {"prenom": "Ada", "nom": "L", "email": "ada@exemple.fr", "consentement": "on"},
    )
    assert "a déjà eu lieu" in unescape(reponse.content.decode())
    assert not Inscription.objects.filter(atelier=passe).exists()


def test_un_atelier_au_mois_reste_ouvert_jusqu_a_la_fin_du_mois(conference):
    from django.utils import timezone

    aujourd_hui = timezone.localdate()
    ce_mois = AtelierFactory(conference=conference, date=aujourd_hui.replace(day=1), precision_date="mois")
    assert not ce_mois.est_passe
    inscrit = inscrire(ce_mois, "Ada", "L", "ada@exemple.fr")
    assert inscrit.statut == StatutInscription.CONFIRMEE


def test_la_conservation_part_de_la_date_de_l_atelier_et_n_est_jamais_passee(conference):
    from django.utils import timezone

    from essaim.conference.services.participants import date_de_conservation

    futur = AtelierFactory(conference=conference, date=datetime.date(2031, 1, 31))
    assert date_de_conservation(futur) == datetime.date(2032, 1, 31)  # 12 months after the workshop
    conference.duree_conservation_mois = 1
    futur.conference = conference
    assert date_de_conservation(futur) == datetime.date(2031, 2, 28)  # end of a shorter month
    au_mois = AtelierFactory(conference=conference, date=datetime.date(2031, 3, 1), precision_date="mois")
    assert date_de_conservation(au_mois) == datetime.date(2031, 4, 30)  # from the end of March
    sans_date = AtelierFactory(conference=conference, date=None)
    assert date_de_conservation(sans_date) > timezone.localdate()
    passe = AtelierFactory(conference=conference, date=datetime.date(2023, 4, 14))
    assert date_de_conservation(passe) > timezone.localdate()
