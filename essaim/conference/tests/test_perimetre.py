"""The région scope on every path of the conference, not only the front-office views: lists,
admin add forms and their foreign-key choices, the workshop import, import reports.

A Hauts-de-France edition (région 32, the factories' default) and a Normandie one (28)."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from essaim.commun.models import Travail
from essaim.comptes.enums import Role
from essaim.territoires.models import Commune, Region

from ..models import Atelier, Conference, Inscription
from .factories import AtelierFactory, ConferenceFactory, utilisateur

pytestmark = pytest.mark.django_db

CHOIX_INVALIDE = "Sélectionnez un choix valide"


def _options(html, nom):
    select = re.search(rf'<select name="{nom}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"pas de liste « {nom} » dans la page"
    return set(re.findall(r'<option value="([^"]+)"', select.group(1)))


@pytest.fixture
def normandie(db):
    return ConferenceFactory(
        region=Region.objects.get(code="28"), slug="normandie", titre="Conférence normande"
    )


@pytest.fixture
def atelier_normand(normandie):
    return AtelierFactory(
        conference=normandie, intitule="Atelier caennais", commune=Commune.objects.get(code="14118")
    )


@pytest.fixture
def administrateur(db):
    return utilisateur(Role.ADMINISTRATEUR)


# --- Querysets beside the rules: lists ---------------------------------------------------

LISTES = {
    # profile: (conferences_gerables, ateliers_gerables)
    "staff_hdf": ({"hdf"}, {"hdf"}),
    "staff_normandie": ({"normandie"}, {"normandie"}),
    "partenaire_hdf": (set(), set()),
    "organisateur": (set(), {"hdf"}),
    "administrateur": ({"hdf", "normandie"}, {"hdf", "normandie"}),
}


@pytest.mark.parametrize("profil", sorted(LISTES))
def test_matrice_des_listes(request, atelier, organisateur, atelier_normand, profil):
    from ..rules import ateliers_gerables, conferences_gerables

    user = request.getfixturevalue(profil)
    noms = {atelier.conference.pk: "hdf", atelier_normand.conference.pk: "normandie"}
    conferences, ateliers = LISTES[profil]
    assert {noms[c.pk] for c in conferences_gerables(user)} == conferences
    assert {noms[a.conference_id] for a in ateliers_gerables(user)} == ateliers
    # The lists agree with the per-object rules.
    for objet in (atelier, atelier_normand):
        assert user.has_perm("conference.gerer_atelier", objet) is (noms[objet.conference_id] in ateliers)
        assert user.has_perm("conference.gerer_conference", objet.conference) is (
            noms[objet.conference_id] in conferences
        )


# --- Admin add forms and foreign-key choices -----------------------------------------------


def _inscription(atelier):
    return {
        "atelier": str(atelier.pk),
        "prenom": "Léa",
        "nom": "Martin",
        "email": "lea@exemple.fr",
        "statut": "confirmee",
        "conserver_jusqu_au": "01/01/2040",
    }


def test_inscription_sur_un_atelier_d_une_autre_region_refusee_dans_l_administration(
    client, staff_normandie, atelier, atelier_normand
):
    """Regression: a Normandie chargé·e created an Inscription on a Hauts-de-France workshop."""
    client.force_login(staff_normandie)
    page = client.get("/admin/conference/inscription/add/").content.decode()
    assert _options(page, "atelier") == {str(atelier_normand.pk)}
    reponse = client.post("/admin/conference/inscription/add/", _inscription(atelier))
    assert reponse.status_code == 200 and CHOIX_INVALIDE in reponse.content.decode()
    assert not Inscription.objects.exists()
    reponse = client.post("/admin/conference/inscription/add/", _inscription(atelier_normand))
    assert reponse.status_code == 302
    assert Inscription.objects.get().atelier == atelier_normand


# (admin add URL, the scoped field, the out-of-scope value, the other fields of the form)
AJOUTS = {
    "conference": (
        "/admin/conference/conference/add/",
        "region",
        lambda hdf: "32",
        {"annee": "2041", "slug": "piratee", "titre": "Piratée", "duree_conservation_mois": "12"},
    ),
    "evenement": (
        "/admin/conference/evenement/add/",
        "conference",
        lambda hdf: str(hdf.pk),
        {
            "titre": "Plénière",
            "type": "lancement",
            "date": "15/06/2040",
            "programme-TOTAL_FORMS": "0",
            "programme-INITIAL_FORMS": "0",
        },
    ),
    "atelier": (
        "/admin/conference/atelier/add/",
        "conference",
        lambda hdf: str(hdf.pk),
        {"intitule": "Pirate", "precision_date": "jour", "statut": "labellise", "format": "visio"},
    ),
}


@pytest.mark.parametrize("modele", sorted(AJOUTS))
def test_formulaires_d_ajout_de_l_administration_limites_a_ses_regions(
    client, staff_normandie, conference, normandie, modele
):
    url, champ, valeur, autres = AJOUTS[modele]
    client.force_login(staff_normandie)
    page = client.get(url).content.decode()
    options = _options(page, champ)
    assert valeur(conference) not in options
    assert (str(normandie.pk) if champ == "conference" else "28") in options
    avant = (Conference.objects.count(), Atelier.objects.count())
    reponse = client.post(url, {champ: valeur(conference), **autres})
    assert reponse.status_code == 200 and CHOIX_INVALIDE in reponse.content.decode()
    assert (Conference.objects.count(), Atelier.objects.count()) == avant


def test_l_administrateur_choisit_dans_toutes_les_regions(client, administrateur, conference, normandie):
    client.force_login(administrateur)
    page = client.get("/admin/conference/atelier/add/").content.decode()
    assert {str(conference.pk), str(normandie.pk)} <= _options(page, "conference")


def test_liste_des_ateliers_de_l_administration_limitee(client, staff_normandie, atelier, atelier_normand):
    client.force_login(staff_normandie)
    contenu = client.get("/admin/conference/atelier/").content.decode()
    assert "Atelier caennais" in contenu and atelier.intitule not in contenu
    assert client.get(f"/admin/conference/atelier/{atelier.pk}/change/").status_code == 302


# --- Import and its report ----------------------------------------------------------------


def _fichier(conference):
    date = f"{conference.annee}-06-15"
    return SimpleUploadedFile(
        "ateliers.csv",
        (
            "organisateurs,intitule,transitions,date,commune,departement,format,participants\n"
            f"Collectif,Atelier lillois,sociale,{date},Lille,59,presentiel,10\n"
            f"Collectif,Atelier caennais importé,sociale,{date},Caen,14,presentiel,10\n"
            f"Collectif,Atelier rouennais,sociale,{date},76540,,presentiel,10\n"
        ).encode(),
    )


def _importer(client, conference):
    client.post(f"/conferences/{conference.slug}/gestion/import/", {"fichier": _fichier(conference)})
    return Travail.objects.latest("pk")


def test_import_refuse_les_lignes_hors_de_ses_regions(client, staff_hdf, conference):
    client.force_login(staff_hdf)
    travail = _importer(client, conference)
    assert list(conference.ateliers.values_list("intitule", flat=True)) == ["Atelier lillois"]
    reponse = client.get(f"/conferences/{conference.slug}/gestion/import/{travail.pk}/?format=csv")
    lignes = list(csv.reader(io.StringIO(reponse.content.decode("utf-8-sig")), delimiter=";"))[1:]
    assert lignes == [
        [
            "3",
            "commune",
            "Caen",
            "Ligne 3 : « Caen » (Caen (14)) est hors de vos régions ; ligne ignorée.",
        ],
        [
            "4",
            "commune",
            "76540",
            "Ligne 4 : « 76540 » (Rouen (76)) est hors de vos régions ; ligne ignorée.",
        ],
    ]


@pytest.mark.parametrize(
    ("profil", "lisible"),
    [
        ("staff_hdf", True),  # who launched it
        ("autre_staff_hdf", True),  # may act on the edition's région
        ("administrateur", True),
        ("staff_normandie", False),  # regression: read it through their own edition's URL
        ("partenaire_hdf", False),
        ("organisateur", False),
    ],
)
def test_rapport_d_import_lisible_seulement_par_qui_peut_agir_sur_sa_region(
    client, request, staff_hdf, conference, normandie, atelier, profil, lisible
):
    client.force_login(staff_hdf)
    travail = _importer(client, conference)
    if profil == "autre_staff_hdf":
        lecteur = utilisateur(Role.CHARGE_MISSION, regions=["32"])
    else:
        lecteur = request.getfixturevalue(profil)
    client.force_login(lecteur)
    # Through the reader's own edition when they have one (Normandie), else the HdF edition.
    edition = normandie if profil == "staff_normandie" else conference
    page = client.get(f"/conferences/{edition.slug}/gestion/import/{travail.pk}/")
    fichier = client.get(f"/conferences/{edition.slug}/gestion/import/{travail.pk}/?format=csv")
    tache = client.get(f"/taches/{travail.pk}/")
    if lisible:
        html = page.content.decode()
        assert "Lignes rejetées" in html and "Caen" in html
        assert "hors de vos régions" in fichier.content.decode("utf-8-sig")
        assert tache.status_code == 200
    else:
        # Staff of Normandie manage their own edition: the report is simply not among its own
        # (404); the others may not manage the edition at all (403).
        attendu = 404 if profil == "staff_normandie" else 403
        assert (page.status_code, fichier.status_code) == (attendu, attendu)
        assert "hors de vos régions" not in fichier.content.decode("utf-8", "replace")
        assert tache.status_code == 403


# --- Front forms: the directory records a workshop may name ---------------------------------


@pytest.mark.parametrize(("profil", "accepte"), [("organisateur", False), ("staff_hdf", True)])
def test_fiche_non_publiee_nommee_seulement_par_qui_peut_la_voir(client, request, atelier, profil, accepte):
    from essaim.annuaire.enums import StatutStructure
    from essaim.annuaire.models import Structure

    brouillon = Structure.objects.create(
        nom="Brouillon lillois", siret="12345678900011", region_id="32", statut=StatutStructure.EN_ATTENTE
    )
    client.force_login(request.getfixturevalue(profil))
    donnees = {
        "intitule": atelier.intitule,
        "transitions": ["sociale"],
        "date": f"{atelier.conference.annee}-07-02",
        "precision_date": "jour",
        "format": "visio",
        "structures_annuaire": "12345678900011",
    }
    html = client.post(f"/conferences/{atelier.conference.slug}/ateliers/{atelier.pk}/modifier/", donnees)
    atelier.refresh_from_db()
    assert (list(atelier.structures.all()) == [brouillon]) is accepte
    if not accepte:
        assert "introuvable(s) dans l&#x27;annuaire : « 12345678900011 »" in html.content.decode()
