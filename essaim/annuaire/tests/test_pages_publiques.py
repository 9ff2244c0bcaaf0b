import json
import re

import pytest
from django.core import mail

from ..enums import StatutStructure
from ..models import Signalement, Theme
from .factories import StructureFactory

pytestmark = pytest.mark.django_db


def test_liste_pagine_les_fiches_publiees_seulement(client):
    for i in range(23):
        StructureFactory(nom=f"Structure {i:02d}")
    StructureFactory(nom="Fiche brouillon cachée", statut=StatutStructure.BROUILLON)
    reponse = client.get("/annuaire/")
    contenu = reponse.content.decode()
    assert "23 structures" in contenu
    assert "Structure 00" in contenu and "Structure 19" in contenu and "Structure 20" not in contenu
    assert "Page 1 sur 2" in contenu and "Fiche brouillon cachée" not in contenu
    assert "Structure 22" in client.get("/annuaire/?page=2").content.decode()


def test_liste_filtre_par_departement_theme_et_famille(client):
    somme = StructureFactory(nom="Atelier de la Somme", commune="80021", categorie_juridique="5458")
    somme.themes.add(Theme.objects.get(code="seconde-vie-produits"))
    StructureFactory(nom="Atelier du Nord")
    contenu = client.get("/annuaire/?departement=80").content.decode()
    assert "Atelier de la Somme" in contenu and "Atelier du Nord" not in contenu
    # A parent theme finds records tagged with its children.
    contenu = client.get("/annuaire/?theme=economie-circulaire").content.decode()
    assert "Atelier de la Somme" in contenu and "Atelier du Nord" not in contenu
    contenu = client.get("/annuaire/?famille=cooperative&q=atelier").content.decode()
    assert "Atelier de la Somme" in contenu and "Atelier du Nord" not in contenu


def test_fiche_publique_porte_json_ld_open_graph_carte_et_adresses(client, structure):
    structure.agrements.add(*structure.agrements.model.objects.filter(code__in=["ESUS", "SIAE-ACI"]))
    structure.themes.add(Theme.objects.get(code="recuperation-invendus"))
    structure.naf = "94.99Z"
    structure.save()
    reponse = client.get(f"/annuaire/{structure.slug}/")
    contenu = reponse.content.decode()
    assert structure.get_absolute_url() == "/annuaire/recyclerie-de-lille/"
    bloc = re.search(r'<script type="application/ld\+json">(.*?)</script>', contenu, re.S).group(1)
    donnees = json.loads(bloc)
    assert donnees["@type"] == "Organization" and donnees["name"] == "Recyclerie de Lille"
    assert donnees["location"][0]["@type"] == "Place"
    assert donnees["location"][0]["address"]["addressLocality"] == "Lille"
    assert donnees["location"][0]["geo"]["latitude"] == 50.63
    assert '<meta property="og:title" content="Recyclerie de Lille">' in contenu
    assert 'id="points-lieux"' in contenu and "vendor/leaflet/leaflet.js" in contenu
    assert "1 rue de la Paix, 59000 Lille" in contenu
    assert "Économie circulaire › Récupération d&#x27;invendus" in contenu
    assert "SIAE — Atelier et chantier d&#x27;insertion" in contenu
    assert "Signaler une erreur" in contenu
    assert "Informations confirmées le" in contenu
    assert "<dd>94.99Z — Autres organisations fonctionnant par adhésion volontaire</dd>" in contenu


def test_fiche_non_publiee_introuvable_pour_le_public(client):
    fiche = StructureFactory(nom="En attente", statut=StatutStructure.EN_ATTENTE)
    assert client.get(f"/annuaire/{fiche.slug}/").status_code == 404


def test_html_de_description_nettoye(client):
    fiche = StructureFactory(description='<p onclick="x()">Bonjour <script>alert(1)</script><b>gras</b></p>')
    contenu = client.get(f"/annuaire/{fiche.slug}/").content.decode()
    assert "<b>gras</b>" in contenu and "alert(1)" not in contenu and "onclick" not in contenu


def test_signalement_enregistre_puis_limite(client, structure):
    url = f"/annuaire/{structure.slug}/signaler/"
    reponse = client.post(url, {"motif": "fermee", "commentaire": "Fermé depuis mars"}, follow=True)
    assert "votre signalement a été transmis" in reponse.content.decode()
    signalement = Signalement.objects.get()
    assert signalement.motif == "fermee" and signalement.commentaire == "Fermé depuis mars"
    for _ in range(4):
        client.post(url, {"motif": "autre"})
    reponse = client.post(url, {"motif": "autre"})
    assert reponse.status_code == 429
    assert "Merci de réessayer dans une heure" in reponse.content.decode()
    assert Signalement.objects.count() == 5


def test_signalement_par_un_robot_ignore_par_le_pot_de_miel(client, structure):
    reponse = client.post(
        f"/annuaire/{structure.slug}/signaler/",
        {"motif": "autre", "site_internet": "http://spam.example"},
        follow=True,
    )
    assert "votre signalement a été transmis" in reponse.content.decode()
    assert not Signalement.objects.exists()


def test_signalement_sans_motif_erreur_en_francais(client, structure):
    reponse = client.post(f"/annuaire/{structure.slug}/signaler/", {"commentaire": "?"})
    assert "Ce champ est obligatoire" in reponse.content.decode()
    assert not Signalement.objects.exists()


def test_fiche_fusionnee_redirige_vers_la_fiche_conservee(client, structure):
    ancienne = StructureFactory(nom="Ancienne", statut=StatutStructure.ARCHIVEE, fusionnee_dans=structure)
    reponse = client.get(f"/annuaire/{ancienne.slug}/")
    assert reponse.status_code == 301 and reponse["Location"] == structure.get_absolute_url()


def test_lien_magique_envoye_aux_seuls_gestionnaires(client, structure, proprietaire):
    url = f"/annuaire/{structure.slug}/lien-de-modification/"
    reponse = client.post(url, {"email": "inconnu@exemple.fr"}, follow=True)
    assert "Si cette adresse est celle" in reponse.content.decode()
    assert mail.outbox == []
    client.post(url, {"email": proprietaire.email})
    assert len(mail.outbox) == 1
    lien = re.search(r"http://testserver(/annuaire/\S+)", mail.outbox[0].body).group(1)
    reponse = client.post(lien, follow=True)
    assert "Modifier la fiche" in reponse.content.decode()
    assert reponse.context["user"] == proprietaire


def test_lien_magique_falsifie_refuse(client, structure):
    reponse = client.get(f"/annuaire/{structure.slug}/modifier/lien/abc:def:ghi/", follow=True)
    assert "n&#x27;est pas valide" in reponse.content.decode()
    assert not reponse.context["user"].is_authenticated


def test_liste_filtre_par_transition(client):
    from ..models import Transition

    sociale = StructureFactory(nom="Épicerie sociale")
    sociale.transitions.add(Transition.objects.get(code="sociale"))
    StructureFactory(nom="Parc éolien citoyen")
    contenu = client.get("/annuaire/?transition=sociale").content.decode()
    assert "Épicerie sociale" in contenu and "Parc éolien citoyen" not in contenu
