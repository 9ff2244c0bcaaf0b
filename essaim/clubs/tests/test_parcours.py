"""HTTP flows: join a club, decide, programme a session, register (capacity and waiting list),
confirm, sign in, compte rendu, figures, iCal, needs and offers."""

import datetime
import re
from html import unescape

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from essaim.annuaire.tests.factories import StructureFactory
from essaim.clubs.enums import StatutMembre
from essaim.clubs.models import Annonce, InscriptionRencontre, Membre, Rencontre
from essaim.clubs.services import rencontres as services_rencontres
from essaim.comptes.tests.factories import UtilisateurFactory

from .factories import RencontreFactory


def texte(reponse) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", reponse.content.decode())).split())


def lien_du_courriel(courriel) -> str:
    (lien,) = re.findall(r"https?://\S+/confirmer/\S+", courriel.body)
    return lien.removeprefix("http://testserver")


def test_pages_publiques(client, club, rencontre):
    assert club.nom in texte(client.get("/clubs/"))
    page = texte(client.get(club.get_absolute_url()))
    assert rencontre.titre in page and "1 structure" not in page  # no member yet
    assert "Connectez-vous" in page
    assert rencontre.titre in texte(client.get(rencontre.get_absolute_url()))


def test_demande_d_adhesion_puis_acceptation(client, club, animateur, autre_gestionnaire):
    client.force_login(autre_gestionnaire)
    structure = autre_gestionnaire.structures_gerees.get()
    reponse = client.post(
        reverse("clubs:adhesion", args=[club.slug]),
        {"structure": structure.pk, "message": "Nous réparons des vélos.", "fonction": "Directrice"},
        follow=True,
    )
    assert "Demande envoyée" in texte(reponse)
    membre = Membre.objects.get(club=club, structure=structure)
    assert membre.statut == StatutMembre.DEMANDEE
    assert membre.contacts.get().email == autre_gestionnaire.email
    assert mail.outbox[-1].to == [animateur.email] and structure.nom in mail.outbox[-1].subject
    # the requester cannot decide
    assert (
        client.post(
            reverse("clubs:decider", args=[club.slug, membre.pk]), {"decision": "accepter"}
        ).status_code
        == 403
    )
    client.force_login(animateur)
    page = texte(client.get(reverse("clubs:demandes", args=[club.slug])))
    assert structure.nom in page and "Nous réparons des vélos." in page
    client.post(reverse("clubs:decider", args=[club.slug, membre.pk]), {"decision": "accepter"})
    membre.refresh_from_db()
    assert membre.statut == StatutMembre.ACCEPTEE and membre.depuis == timezone.localdate()
    assert mail.outbox[-1].to == [autre_gestionnaire.email] and "Bienvenue" in mail.outbox[-1].subject


def test_une_structure_hors_de_la_region_est_refusee_clairement(client, club):
    compte = UtilisateurFactory()
    structure = StructureFactory(nom="Recyclerie de Rouen", gestionnaires=[compte], commune="76540")
    client.force_login(compte)
    reponse = client.post(
        reverse("clubs:adhesion", args=[club.slug]),
        {"structure": structure.pk, "message": "Mon message long", "fonction": "Trésorier"},
    )
    assert reponse.status_code == 400
    page = texte(reponse)
    assert "« Recyclerie de Rouen » est située hors de la région du club (Hauts-de-France)" in page
    brut = unescape(reponse.content.decode())
    assert "Mon message long" in brut and 'value="Trésorier"' in brut  # nothing lost
    assert not Membre.objects.filter(structure=structure).exists()


def test_programmer_une_rencontre_previent_les_membres(client, club, animateur, gestionnaire_membre):
    client.force_login(animateur)
    url = reverse("clubs:nouvelle_rencontre", args=[club.slug])
    hier = timezone.localdate() - datetime.timedelta(days=1)
    donnees = {
        "titre": "Atelier marchés publics",
        "type": "outillage",
        "date": hier.isoformat(),
        "en_ligne": "on",
    }
    reponse = client.post(url, donnees)
    assert reponse.status_code == 400
    assert "est passée : une rencontre se programme à partir d'aujourd'hui" in texte(reponse)
    assert "Atelier marchés publics" in reponse.content.decode()  # the input is kept
    assert not Rencontre.objects.filter(titre="Atelier marchés publics").exists()
    donnees["date"] = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    reponse = client.post(url, donnees, follow=True)
    assert "1 membre(s) prévenu(s)" in texte(reponse)
    assert mail.outbox[-1].to == [gestionnaire_membre.email]
    assert "Atelier marchés publics" in mail.outbox[-1].subject


def test_modifications_concurrentes_non_ecrasees(client, animateur, rencontre):
    client.force_login(animateur)
    url = reverse("clubs:modifier_rencontre", args=[rencontre.club.slug, rencontre.pk])
    version = rencontre.modifie_le.isoformat()
    Rencontre.objects.filter(pk=rencontre.pk).update(titre="Titre changé ailleurs", modifie_le=timezone.now())
    reponse = client.post(
        url,
        {
            "titre": "Mon titre",
            "type": "reseau",
            "date": rencontre.date.isoformat(),
            "commune": "59350",
            "version": version,
        },
    )
    assert reponse.status_code == 400 and "Quelqu'un a modifié cette rencontre" in texte(reponse)
    assert Rencontre.objects.get(pk=rencontre.pk).titre == "Titre changé ailleurs"


def inscrire_http(client, rencontre, prenom, email):
    client.post(
        reverse("clubs:inscrire", args=[rencontre.club.slug, rencontre.pk]),
        {"prenom": prenom, "nom": "Martin", "email": email, "organisation": "Asso", "consentement": "on"},
    )
    return client.post(lien_du_courriel(mail.outbox[-1]), follow=True)


def test_capacite_liste_d_attente_et_promotion(client, club):
    rencontre = RencontreFactory(club=club, capacite=1)
    assert "confirmée" in texte(inscrire_http(client, rencontre, "Une", "une@exemple.fr"))
    reponse = inscrire_http(client, rencontre, "Deux", "deux@exemple.fr")
    assert "La rencontre est complète : vous êtes sur liste d'attente (position 1)" in texte(reponse)
    assert "complète" in texte(client.get(rencontre.get_absolute_url()))
    premiere = InscriptionRencontre.objects.get(email="une@exemple.fr")
    client.post(reverse("clubs:inscription", args=[premiere.jeton]))
    assert InscriptionRencontre.objects.get(email="deux@exemple.fr").statut == "confirmee"
    assert mail.outbox[-1].to == ["deux@exemple.fr"] and "place s'est libérée" in mail.outbox[-1].subject


def test_une_rencontre_reservee_aux_adherents(client, club, autre_gestionnaire, gestionnaire_membre):
    rencontre = RencontreFactory(club=club, reservee_adherents=True)
    donnees = {"prenom": "A", "nom": "B", "email": "x@exemple.fr", "consentement": "on"}
    url = reverse("clubs:inscrire", args=[club.slug, rencontre.pk])
    reponse = client.post(url, donnees)
    assert reponse.status_code == 400 and "réservée aux adhérents de la CRESS" in texte(reponse)
    client.force_login(autre_gestionnaire)
    assert client.post(url, donnees).status_code == 400
    from essaim.adherents.models import Adhesion

    Adhesion.objects.create(
        structure=autre_gestionnaire.structures_gerees.get(),
        region_id="32",
        annee=rencontre.date.year,
        statut="a_jour",
        debut=datetime.date(rencontre.date.year, 1, 1),
    )
    assert client.post(url, donnees).status_code == 302
    client.force_login(gestionnaire_membre)  # member of the club
    assert client.post(url, {**donnees, "email": "y@exemple.fr"}).status_code == 302


def test_emargement_compte_rendu_et_chiffres(client, club, animateur, rencontre):
    for i in range(3):
        services_rencontres.confirmer(
            services_rencontres.inscrire(rencontre, f"P{i}", "N", f"p{i}@exemple.fr")
        )
    inscrit = rencontre.inscriptions.first()
    url_pointer = reverse("clubs:pointer", args=[club.slug, rencontre.pk, inscrit.pk])
    assert client.post(url_pointer, {"present": "1"}).status_code == 302  # to the login page
    client.force_login(animateur)
    assert "3 personnes inscrites" in texte(
        client.get(reverse("clubs:emargement", args=[club.slug, rencontre.pk]))
    )
    pdf = client.get(reverse("clubs:emargement_pdf", args=[club.slug, rencontre.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    client.post(url_pointer, {"present": "1"})
    inscrit.refresh_from_db()
    assert inscrit.present and inscrit.pointe_le
    from essaim.ressources.models import Ressource

    guide = Ressource.objects.create(
        type="guide",
        titre="Guide des achats responsables",
        url="https://exemple.org/guide",
        region_id="32",
        statut="publiee",
    )
    client.post(
        reverse("clubs:compte_rendu", args=[club.slug, rencontre.pk]),
        {
            "compte_rendu": "<p>Bon échange<script>x</script></p>",
            "decisions": "Créer un groupe\nSe revoir",
            "ressources": [guide.pk],
        },
    )
    page = client.get(rencontre.get_absolute_url()).content.decode()
    assert "Bon échange" in page and "<script>x" not in page and "Se revoir" in page
    assert "Ressources produites" in page and "Guide des achats responsables" in page
    chiffres = texte(
        client.get(reverse("clubs:chiffres", args=[club.slug]) + f"?annee={rencontre.date.year}")
    )
    assert "Rencontres 1 Participants 1 Structures membres 0" in chiffres
    csv = b"".join(client.get(reverse("clubs:export_chiffres", args=[club.slug, "csv"])).streaming_content)
    assert (
        f"{club.nom},{club.filiere.libelle},Hauts-de-France,{rencontre.date.year},1,1,0,0,1,1,0"
        in csv.decode()
    )
    assert client.get(reverse("clubs:export_chiffres", args=[club.slug, "pdf"])).status_code == 400


def test_indicateurs_pour_le_pilotage(club, gestionnaire_membre, rencontre):
    from essaim.commun import indicateurs

    periode = {
        "debut": datetime.date(rencontre.date.year, 1, 1),
        "fin": datetime.date(rencontre.date.year, 12, 31),
    }
    rencontre.participants_declares = 12
    rencontre.save()
    RencontreFactory(club=club, statut="annulee", date=rencontre.date)
    assert indicateurs.calculer("clubs-rencontres", region="32", **periode) == 1
    assert indicateurs.calculer("clubs-participants", region="32", **periode) == 12
    assert indicateurs.calculer("clubs-structures-membres", region="32") == 1
    assert indicateurs.calculer("clubs-rencontres", region="28", **periode) == 0
    assert indicateurs.obtenir("adherents-reseaux-federes").app == "adherents"


def test_calendrier_ical(client, club, rencontre):
    reponse = client.get(reverse("clubs:ical", args=[club.slug]))
    assert reponse["Content-Type"].startswith("text/calendar")
    contenu = reponse.content.decode()
    assert f"UID:rencontre-{rencontre.pk}@testserver" in contenu and rencontre.titre in contenu


def test_besoins_et_offres_sans_exposer_les_adresses(
    client, club, gestionnaire_membre, autre_gestionnaire, animateur
):
    url = reverse("clubs:annonces", args=[club.slug])
    client.force_login(autre_gestionnaire)
    assert client.get(url).status_code == 403
    client.force_login(gestionnaire_membre)
    structure = gestionnaire_membre.structures_gerees.get()
    expire = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    passe = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    donnees = {
        "sens": "offre",
        "categorie": "locaux",
        "titre": "Bureau partagé",
        "description": "Deux postes.",
        "structure": structure.pk,
        "expire_le": passe,
    }
    reponse = client.post(url, donnees)
    assert reponse.status_code == 400 and "est passée : choisissez une date à venir" in texte(reponse)
    client.post(url, {**donnees, "expire_le": expire})
    annonce = Annonce.objects.get(titre="Bureau partagé")
    client.force_login(animateur)
    page = client.get(annonce.get_absolute_url()).content.decode()
    assert "Bureau partagé" in page and gestionnaire_membre.email not in page
    client.post(reverse("clubs:contacter", args=[club.slug, annonce.pk]), {"message": "Intéressée !"})
    courriel = mail.outbox[-1]
    assert courriel.to == [gestionnaire_membre.email] and courriel.reply_to == [animateur.email]
    assert "Intéressée !" in courriel.body


def test_limite_de_debit_du_contact(client, club, gestionnaire_membre, animateur):
    annonce = Annonce.objects.create(
        club=club,
        structure=gestionnaire_membre.structures_gerees.get(),
        auteur=gestionnaire_membre,
        sens="besoin",
        categorie="materiel",
        titre="Perceuse",
        description="-",
        expire_le=timezone.localdate() + datetime.timedelta(days=3),
    )
    client.force_login(animateur)
    url = reverse("clubs:contacter", args=[club.slug, annonce.pk])
    for _ in range(10):
        client.post(url, {"message": "Bonjour"})
    reponse = client.post(url, {"message": "Message conservé"})
    assert reponse.status_code == 429 and int(reponse["Retry-After"]) > 0
    assert "Message conservé" in reponse.content.decode()


def test_mon_espace(client, club, animateur, gestionnaire_membre, rencontre, autre_gestionnaire):
    Membre.objects.create(club=club, structure=autre_gestionnaire.structures_gerees.get())
    client.force_login(animateur)
    page = texte(client.get("/mon-espace/"))
    assert f"Demandes d'adhésion à traiter : {club.nom}" in page
    services_rencontres.inscrire(
        rencontre, "Gaëlle", "Membre", gestionnaire_membre.email, utilisateur=gestionnaire_membre
    )
    client.force_login(gestionnaire_membre)
    page = texte(client.get("/mon-espace/"))
    assert "Mes clubs et rencontres" in page and club.nom in page and f"Rencontre : {rencontre.titre}" in page


def test_pages_en_anglais(client, club, animateur, rencontre, gestionnaire_membre):
    from essaim.commun.tests.test_anglais import francais_restant

    client.force_login(animateur)
    pages = [
        "/clubs/",
        club.get_absolute_url(),
        rencontre.get_absolute_url(),
        reverse("clubs:chiffres", args=[club.slug]),
        reverse("clubs:demandes", args=[club.slug]),
        reverse("clubs:emargement", args=[club.slug, rencontre.pk]),
        "/adherents/",
    ]
    for chemin in pages:
        html = client.get(chemin, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert francais_restant(html) == [], chemin
    assert (
        "Upcoming sessions" in client.get(club.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    )


def test_annuler_une_rencontre_previent_les_inscrits(client, club, animateur, rencontre, gestionnaire_membre):
    services_rencontres.confirmer(services_rencontres.inscrire(rencontre, "A", "B", "a@exemple.fr"))
    url = reverse("clubs:annuler_rencontre", args=[club.slug, rencontre.pk])
    client.force_login(gestionnaire_membre)
    assert client.post(url).status_code == 403
    client.force_login(animateur)
    page = texte(client.post(url, follow=True))
    assert "Rencontre annulée ; 1 personne(s) inscrite(s) prévenue(s)" in page
    assert mail.outbox[-1].to == ["a@exemple.fr"] and "Rencontre annulée" in mail.outbox[-1].subject
    rencontre.refresh_from_db()
    assert rencontre.statut == "annulee" and not rencontre.inscriptions_ouvertes
    reponse = client.post(
        reverse("clubs:inscrire", args=[club.slug, rencontre.pk]),
        {"prenom": "C", "nom": "D", "email": "c@exemple.fr", "consentement": "on"},
    )
    assert reponse.status_code == 400 and "Cette rencontre est annulée." in texte(reponse)
    assert "BEGIN:VEVENT" not in client.get(reverse("clubs:ical", args=[club.slug])).content.decode()
