"""CRESS membership: badge with consent, counts, staff export, permissions and lists."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from essaim.adherents.models import Adhesion, Reseau
from essaim.adherents.rules import adhesions_consultables, adhesions_gerables
from essaim.annuaire.tests.factories import StructureFactory
from essaim.comptes.tests.factories import UtilisateurFactory, administrateur, charge_de_mission, partenaire

ANNEE = timezone.localdate().year


@pytest.fixture
def gestionnaire(db):
    return UtilisateurFactory(email="gestion@exemple.fr")


@pytest.fixture
def donnees(gestionnaire):
    tete = StructureFactory(nom="Réseau des ressourceries", categorie_juridique="9220")
    reseau = Reseau.objects.create(structure=tete, region_id="32")
    membre = StructureFactory(nom="Ressourcerie d'Arras", gestionnaires=[gestionnaire], commune="62041")
    reseau.membres.add(membre)
    scop = StructureFactory(nom="Scop du bâtiment", categorie_juridique="5458")
    normande = StructureFactory(nom="Recyclerie de Rouen", commune="76540")
    commun = {"statut": "a_jour", "debut": datetime.date(ANNEE, 1, 1)}
    return {
        "tete": Adhesion.objects.create(structure=tete, region_id="32", annee=ANNEE, **commun),
        "membre": Adhesion.objects.create(
            structure=membre, region_id="32", annee=ANNEE, mode="reseau", reseau=reseau, **commun
        ),
        "scop": Adhesion.objects.create(structure=scop, region_id="32", annee=ANNEE, **commun),
        "ancienne": Adhesion.objects.create(structure=scop, region_id="32", annee=ANNEE - 1, **commun),
        "normande": Adhesion.objects.create(structure=normande, region_id="28", annee=ANNEE, **commun),
    }


def test_le_badge_n_apparait_qu_avec_l_accord_de_la_structure(client, donnees, gestionnaire):
    adhesion = donnees["membre"]
    fiche = adhesion.structure.get_absolute_url()
    assert "Adhérent de la CRESS" not in client.get(fiche).content.decode()
    client.force_login(gestionnaire)
    page = client.get("/adherents/mes-adhesions/").content.decode()
    assert "Ressourcerie d&#x27;Arras" in page
    client.post(f"/adherents/mes-adhesions/{adhesion.pk}/badge/", {"badge_public": "1"})
    client.logout()
    page = client.get(fiche).content.decode()
    assert "Adhérent de la CRESS" in page and "via le réseau Réseau des ressourceries" in page
    # someone else cannot switch it off
    client.force_login(UtilisateurFactory())
    assert (
        client.post(f"/adherents/mes-adhesions/{adhesion.pk}/badge/", {"badge_public": "0"}).status_code
        == 403
    )


def test_comptes_par_famille_reseau_et_territoire(client, donnees):
    client.force_login(charge_de_mission("32"))
    page = client.get(f"/adherents/?annee={ANNEE}").content.decode()
    assert "3 structures adhérentes à jour en" in page
    assert '<th scope="row">Réseau des ressourceries</th><td>1</td>' in page
    assert '<th scope="row">Adhésion directe</th><td>2</td>' in page
    assert '<th scope="row">Coopérative</th><td>1</td>' in page
    assert "Pas-de-Calais (62)" in page and "Recyclerie de Rouen" not in page


def test_export_reserve_a_l_equipe(client, donnees):
    client.force_login(partenaire("32"))
    assert client.get("/adherents/").status_code == 200
    assert client.get("/adherents/export.csv").status_code == 403
    client.force_login(charge_de_mission("32"))
    csv = b"".join(client.get(f"/adherents/export.csv?annee={ANNEE}").streaming_content).decode()
    assert "Ressourcerie d'Arras" in csv and "Via un réseau adhérent" in csv and "Rouen" not in csv
    client.force_login(UtilisateurFactory())
    assert client.get("/adherents/").status_code == 403
    client.logout()
    assert client.get("/adherents/").status_code == 302


def test_matrice_et_listes(donnees, gestionnaire):
    adhesion = donnees["membre"]
    profils = {
        "staff_region": (
            charge_de_mission("32"),
            {"gerer": True, "consulter": True, "exporter": True, "choisir_badge": True},
        ),
        "staff_autre_region": (
            charge_de_mission("28"),
            dict.fromkeys(["gerer", "consulter", "exporter", "choisir_badge"], False),
        ),
        "partenaire_region": (
            partenaire("32"),
            {"gerer": False, "consulter": True, "exporter": False, "choisir_badge": False},
        ),
        "gestionnaire_membre": (
            gestionnaire,
            {"gerer": False, "consulter": False, "exporter": False, "choisir_badge": True},
        ),
        "autre_gestionnaire": (
            UtilisateurFactory(),
            dict.fromkeys(["gerer", "consulter", "exporter", "choisir_badge"], False),
        ),
        "anonyme": (
            AnonymousUser(),
            dict.fromkeys(["gerer", "consulter", "exporter", "choisir_badge"], False),
        ),
        "administrateur": (
            administrateur(),
            dict.fromkeys(["gerer", "consulter", "exporter", "choisir_badge"], True),
        ),
    }
    ecarts = [
        (nom, action)
        for nom, (compte, attendus) in profils.items()
        for action, attendu in attendus.items()
        if compte.has_perm(f"adherents.{action}", adhesion) is not attendu
    ]
    assert ecarts == []
    assert donnees["normande"] not in adhesions_gerables(profils["staff_region"][0])
    assert adhesions_consultables(profils["partenaire_region"][0]).count() == 4
    assert not adhesions_gerables(profils["partenaire_region"][0]).exists()


def test_mauvaises_saisies(donnees):
    normande = donnees["normande"].structure
    adhesion = Adhesion(
        structure=normande,
        region_id="32",
        annee=ANNEE,
        mode="reseau",
        debut=datetime.date(ANNEE, 3, 1),
        fin=datetime.date(ANNEE, 1, 1),
    )
    with pytest.raises(ValidationError) as erreur:
        adhesion.full_clean()
    messages = erreur.value.message_dict
    assert "nomme ce réseau" in messages["reseau"][0]
    assert "précède le début" in messages["fin"][0]
    assert "est dans une autre région (Normandie)" in messages["structure"][0]
