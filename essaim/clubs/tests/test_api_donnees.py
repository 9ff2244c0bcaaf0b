"""API contract, open dataset, personal data (export, deletion, retention)."""

import datetime
import json

from django.utils import timezone

from essaim.clubs.models import Contact, InscriptionRencontre, Rencontre
from essaim.clubs.services import rencontres as services_rencontres
from essaim.comptes.rgpd import exporter
from essaim.comptes.services import supprimer_compte

from .factories import ClubFactory, RencontreFactory


def test_api_clubs(client, club, gestionnaire_membre, rencontre):
    RencontreFactory(club=club, statut="annulee")
    ClubFactory(statut="archive")
    reponse = client.get("/api/v1/clubs/")
    assert reponse.status_code == 200
    donnees = reponse.json()
    assert donnees["count"] == 1
    (resultat,) = donnees["results"]
    assert {k: resultat[k] for k in ("slug", "nom", "filiere", "region", "membres", "rencontres")} == {
        "slug": club.slug,
        "nom": club.nom,
        "filiere": "Réemploi et économie circulaire",
        "region": "32",
        "membres": 1,
        "rencontres": 1,
    }
    assert client.get(f"/api/v1/clubs/{club.slug}/").json()["membres"] == 1
    assert client.get("/api/v1/clubs/?region=28").json()["count"] == 0
    assert "/api/v1/clubs/" in client.get("/api/v1/schema/").content.decode()


def test_jeu_de_donnees_ouvert(client, club, gestionnaire_membre):
    contenu = json.loads(b"".join(client.get("/opendata/clubs.json").streaming_content))
    (ligne,) = contenu["donnees"] if "donnees" in contenu else contenu["data"]
    assert ligne["slug"] == club.slug and ligne["membres"] == 1 and ligne["structures_membres"] == ""
    assert gestionnaire_membre.email not in json.dumps(contenu)
    club.membres_publics = True
    club.save()
    csv = b"".join(client.get("/opendata/clubs.csv?region=32").streaming_content).decode()
    assert club.membres.get().structure.nom in csv
    reponse = client.get("/opendata/clubs.csv?region=28")
    assert reponse.status_code == 400
    assert reponse.json()["erreurs"]["region"] == ["Aucun club actif dans la région « 28 »."]


def test_donnees_personnelles_export_et_suppression(club, gestionnaire_membre, rencontre):
    services_rencontres.inscrire(rencontre, "Gaëlle", "Membre", gestionnaire_membre.email, "Asso")
    section = exporter(gestionnaire_membre)["clubs"]
    assert section["contacts_de_clubs"][0]["club"] == club.nom
    assert section["inscriptions_rencontres"][0]["rencontre"] == rencontre.titre
    supprimer_compte(gestionnaire_membre)
    assert not Contact.objects.filter(email="membre@exemple.fr").exists()


def test_conservation_des_inscriptions(club):
    rencontre = RencontreFactory(club=club)
    inscrit = services_rencontres.confirmer(services_rencontres.inscrire(rencontre, "A", "B", "a@exemple.fr"))
    services_rencontres.pointer(inscrit)
    assert inscrit.conserver_jusqu_au > rencontre.date + datetime.timedelta(days=360)
    services_rencontres.purger_inscriptions_expirees(inscrit.conserver_jusqu_au + datetime.timedelta(days=1))
    assert not InscriptionRencontre.objects.exists()
    assert Rencontre.objects.get(pk=rencontre.pk).nombre_participants() == 1  # the count stays


def test_quitter_le_club_efface_les_contacts(client, club, gestionnaire_membre):
    objet = club.membres.get()
    client.force_login(gestionnaire_membre)
    client.post(f"/clubs/{club.slug}/membres/{objet.pk}/quitter/")
    objet.refresh_from_db()
    assert objet.statut == "retiree" and not objet.contacts.exists()


def test_demo_idempotente(db, client):
    from essaim.adherents import demo as demo_adherents
    from essaim.adherents.models import Adhesion, Reseau
    from essaim.annuaire.models import Structure
    from essaim.clubs import demo
    from essaim.clubs.models import Club
    from essaim.comptes.models import Utilisateur
    from essaim.comptes.services import creer_comptes_demo

    # Demo records of Hauts-de-France, without the directory demo's places and index (faster).
    genres = ("Recyclerie", "Épicerie solidaire", "Habitat partagé", "Jardin de cocagne")
    Structure.objects.bulk_create(
        Structure(
            nom=f"{genres[i % 4]} {i}",
            slug=f"demo-club-{i}",
            est_demo=True,
            region_id="32",
            source="demo",
            source_id=f"demo-{i:04d}",
            statut="publiee",
        )
        for i in range(36)
    )
    demo.charger()
    demo_adherents.charger()
    creer_comptes_demo()  # as `preparer` does: accounts after the demo data
    demo.charger()
    demo_adherents.charger()
    assert Club.objects.filter(region_id="32").count() == 3
    for club in Club.objects.all():
        assert club.membres.filter(statut="acceptee").count() >= 5
        assert {2025, 2026} <= {r.date.year for r in club.rencontres.all()}
    assert Reseau.objects.count() == 1 and Reseau.objects.get().membres.count() == 8
    annee = timezone.localdate().year
    assert Adhesion.objects.filter(annee=annee, statut="a_jour").count() > 15
    assert client.get("/api/v1/clubs/").json()["count"] == 3
    assert not Club.objects.filter(animateur=None).exists()
    gestionnaire = Utilisateur.objects.get(email="gestionnaire@essaim.local")
    assert Club.objects.filter(membres__structure__gestions__utilisateur=gestionnaire).exists()
