"""The région scope on every path of the directory, not only the front-office views: admin
lists, admin add forms and their foreign-key choices, the CSV import, bulk moderation.

Profiles: ``staff_hdf`` (région 32), ``staff_normandie`` (région 28), ``admin`` (all)."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ..enums import ModeModeration, StatutStructure
from ..models import ImportStructures, ReglageRegion, Structure
from .factories import StructureFactory

pytestmark = pytest.mark.django_db

CHOIX_INVALIDE = "Sélectionnez un choix valide"


def _options(html, nom):
    """The option values of the <select name=nom> of an admin page."""
    select = re.search(rf'<select name="{nom}"[^>]*>(.*?)</select>', html, re.S)
    assert select, f"pas de liste « {nom} » dans la page"
    return set(re.findall(r'<option value="([^"]+)"', select.group(1)))


@pytest.fixture
def fiches(structure):
    """A published record in Lille (HdF, the ``structure`` fixture), an unpublished one in
    Amiens (HdF) and an unpublished one in Caen (Normandie)."""
    return {
        "lille": structure,
        "amiens": StructureFactory(
            nom="Brouillon picard", statut=StatutStructure.EN_ATTENTE, commune="80021"
        ),
        "caen": StructureFactory(
            nom="Brouillon caennais", statut=StatutStructure.EN_ATTENTE, commune="14118"
        ),
    }


# --- Querysets beside the rules: lists ---------------------------------------------------

LISTES = {
    # profile: (structures_gerables, structures_visibles)
    "staff_hdf": ({"lille", "amiens"}, {"lille", "amiens"}),
    "staff_normandie": ({"caen"}, {"lille", "caen"}),
    "partenaire_hdf": (set(), {"lille"}),
    "proprietaire": (set(), {"lille"}),
    "admin": ({"lille", "amiens", "caen"}, {"lille", "amiens", "caen"}),
}


@pytest.mark.parametrize("profil", sorted(LISTES))
def test_matrice_des_listes_de_fiches(request, fiches, profil):
    from ..rules import structures_gerables, structures_visibles

    user = request.getfixturevalue(profil)
    noms = {v.pk: k for k, v in fiches.items()}
    gerables, visibles = LISTES[profil]
    assert {noms[pk] for pk in structures_gerables(user).values_list("pk", flat=True)} == gerables
    assert {noms[pk] for pk in structures_visibles(user).values_list("pk", flat=True)} == visibles
    # The lists agree with the per-object rules.
    for nom, fiche in fiches.items():
        assert user.has_perm("annuaire.moderer_structure", fiche) is (nom in gerables)
        assert user.has_perm("annuaire.voir_structure", fiche) is (nom in visibles)


@pytest.mark.parametrize(
    ("profil", "attendues"),
    [
        ("staff_hdf", {"Recyclerie de Lille", "Brouillon picard"}),
        ("staff_normandie", {"Brouillon caennais"}),
        ("admin", {"Recyclerie de Lille", "Brouillon picard", "Brouillon caennais"}),
    ],
)
def test_liste_de_l_administration_limitee_aux_regions(client, request, fiches, profil, attendues):
    client.force_login(request.getfixturevalue(profil))
    contenu = client.get("/admin/annuaire/structure/").content.decode()
    for fiche in fiches.values():
        assert (fiche.nom in contenu) is (fiche.nom in attendues)


# --- Admin add forms and foreign-key choices -----------------------------------------------


def test_reglage_d_une_autre_region_refuse_dans_l_administration(client, staff_normandie, hdf):
    """Regression: a Normandie chargé·e created the HdF moderation setting (post-moderation),
    and the next HdF registration was published without moderation."""
    client.force_login(staff_normandie)
    page = client.get("/admin/annuaire/reglageregion/add/").content.decode()
    assert _options(page, "region") == {"28"}
    reponse = client.post(
        "/admin/annuaire/reglageregion/add/",
        {"region": "32", "mode_moderation": ModeModeration.A_POSTERIORI, "delai_fraicheur_jours": "365"},
    )
    assert reponse.status_code == 200 and CHOIX_INVALIDE in reponse.content.decode()
    assert not ReglageRegion.objects.filter(region=hdf).exists()
    # Its own région goes through.
    reponse = client.post(
        "/admin/annuaire/reglageregion/add/",
        {"region": "28", "mode_moderation": ModeModeration.A_POSTERIORI, "delai_fraicheur_jours": "365"},
    )
    assert reponse.status_code == 302
    assert ReglageRegion.objects.get().region_id == "28"


def test_l_administrateur_choisit_toutes_les_regions(client, admin):
    client.force_login(admin)
    page = client.get("/admin/annuaire/reglageregion/add/").content.decode()
    assert {"28", "32", "11", "84"} <= _options(page, "region")


def test_fiche_d_une_autre_region_ni_ouverte_ni_modifiable_dans_l_administration(
    client, staff_normandie, fiches
):
    client.force_login(staff_normandie)
    lille = fiches["lille"]
    assert client.get(f"/admin/annuaire/structure/{lille.pk}/change/").status_code == 302  # "n'existe pas"
    client.post(f"/admin/annuaire/structure/{lille.pk}/change/", {"nom": "Piratée"})
    lille.refresh_from_db()
    assert lille.nom == "Recyclerie de Lille"


# --- The directory import ----------------------------------------------------------------

FICHIER = (
    "nom;siret;commune\n"
    "Nom piraté;84215637400014;14118\n"  # SIRET of the HdF record: would rename it
    "Fiche publiée à Lille;;59350\n"  # a commune of HdF: would publish a record there
    "Épicerie de Caen;;14118\n"  # in Normandie: kept
)


def _importer(client, fichier=FICHIER):
    client.post(
        "/annuaire/imports/", {"fichier": SimpleUploadedFile("a.csv", fichier.encode()), "source": "x"}
    )
    fiche_import = ImportStructures.objects.latest("pk")
    client.post(
        f"/annuaire/imports/{fiche_import.pk}/correspondance/",
        {"col_nom": "nom", "col_siret": "siret", "col_commune": "commune"},
    )
    return fiche_import


def test_import_ne_touche_ni_ne_cree_de_fiche_d_une_autre_region(client, staff_normandie, structure):
    """Regression: through the CSV import a Normandie chargé·e renamed a HdF record (matched by
    SIRET) and created published HdF records (commune in another région)."""
    structure.siret = "84215637400014"
    structure.statut = StatutStructure.EN_ATTENTE
    structure.save()
    client.force_login(staff_normandie)
    fiche_import = _importer(client)
    structure.refresh_from_db()
    assert structure.nom == "Recyclerie de Lille"
    assert not Structure.objects.filter(nom__in=["Nom piraté", "Fiche publiée à Lille"]).exists()
    assert Structure.objects.get(nom="Épicerie de Caen").region_id == "28"
    page = client.get(f"/annuaire/imports/{fiche_import.pk}/").content.decode()
    assert "1 créées" in page and "2 rejetées" in page
    assert "Recyclerie de Lille" not in page  # the other région's unpublished record is never named
    erreurs = client.get(f"/annuaire/imports/{fiche_import.pk}/erreurs.csv").content.decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(erreurs), delimiter=";"))[1:] == [
        [
            "2",
            "SIRET",
            "84215637400014",
            "ligne 2 : le SIRET « 84215637400014 » désigne une fiche d'une autre région, "
            "hors de votre périmètre ; ligne ignorée",
        ],
        [
            "3",
            "Commune",
            "59350",
            "ligne 3 : la commune « Lille (59350) » est hors de vos régions (Hauts-de-France) ; "
            "ligne ignorée",
        ],
    ]


def test_import_de_sa_region_et_de_l_administrateur_inchanges(client, staff_hdf, admin, structure):
    structure.siret = "84215637400014"
    structure.save()
    client.force_login(staff_hdf)
    _importer(client, "nom;siret;commune\nNouveau nom;84215637400014;59350\n")
    structure.refresh_from_db()
    assert structure.nom == "Nouveau nom"
    client.force_login(admin)
    _importer(client)  # administrators act on every région
    assert set(Structure.objects.values_list("nom", flat=True)) == {
        "Nom piraté",
        "Fiche publiée à Lille",
        "Épicerie de Caen",
    }


# --- Bulk moderation ----------------------------------------------------------------------


def test_moderation_en_masse_ne_nomme_pas_les_fiches_d_une_autre_region(client, staff_normandie, fiches):
    """Regression: the bulk message listed the names of unpublished records of another région."""
    client.force_login(staff_normandie)
    reponse = client.post(
        "/annuaire/moderation/en-masse/",
        {"action": "approuver", "structures": [fiches["amiens"].pk, fiches["caen"].pk, 999999]},
        follow=True,
    )
    contenu = reponse.content.decode()
    assert "1 fiche(s) traitée(s)" in contenu
    assert "2 fiches hors de vos régions ou introuvables, non traitées." in contenu
    assert "Brouillon picard" not in contenu
    fiches["amiens"].refresh_from_db()
    assert fiches["amiens"].statut == StatutStructure.EN_ATTENTE
