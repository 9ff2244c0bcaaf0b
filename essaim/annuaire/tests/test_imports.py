"""Imports of structures: engine, command, staff pages, error report on broken files."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from ..enums import EtatGeocodage
from ..models import ImportStructures, Structure
from .factories import StructureFactory

pytestmark = pytest.mark.django_db

ENTETE = "Raison sociale;SIRET;Code commune;Adresse;CP;Thèmes;Agréments;Site web\n"
LIGNES = [
    "Recyclerie de Béthune;84215637400014;62119;3 rue d'Arras;62400;seconde-vie-produits;ESUS;"
    "recyclerie-bethune.fr\n",
    "Épicerie solidaire d'Arras;79123456000013;Arras;;;Agriculture et alimentation durables;;\n",
]


def _csv(tmp_path, texte, encodage="utf-8", nom="structures.csv"):
    chemin = tmp_path / nom
    chemin.write_bytes(texte.encode(encodage))
    return chemin


def _sortie(*args):
    tampon = io.StringIO()
    call_command("import_structures", *map(str, args), stdout=tampon)
    return tampon.getvalue()


def test_import_cree_puis_reste_idempotent(tmp_path):
    chemin = _csv(tmp_path, ENTETE + "".join(LIGNES))
    assert "2 lignes lues, 2 créées, 0 modifiées, 0 inchangées, 0 rejetées" in _sortie(chemin)
    fiche = Structure.objects.get(siret="84215637400014")
    assert fiche.statut == "publiee" and fiche.commune_id == "62119" and fiche.region_code == "32"
    assert fiche.site_web == "https://recyclerie-bethune.fr"
    assert fiche.provenance["nom"]["source"] == "import"
    assert list(fiche.agrements.values_list("code", flat=True)) == ["ESUS"]
    assert fiche.lieux.get().etat_geocodage == EtatGeocodage.A_GEOCODER
    arras = Structure.objects.get(nom="Épicerie solidaire d'Arras")
    assert arras.themes.get().code == "agriculture-alimentation"
    assert "2 lignes lues, 0 créées, 0 modifiées, 2 inchangées, 0 rejetées" in _sortie(chemin)
    assert Structure.objects.count() == 2


def test_import_met_a_jour_par_siret_sans_toucher_le_reste(tmp_path):
    existante = StructureFactory(nom="Ancien nom", siret="84215637400014", telephone="0321000000")
    _sortie(_csv(tmp_path, ENTETE + LIGNES[0]))
    existante.refresh_from_db()
    assert existante.nom == "Recyclerie de Béthune" and existante.telephone == "0321000000"


def test_simulation_n_enregistre_rien(tmp_path):
    sortie = _sortie(_csv(tmp_path, ENTETE + "".join(LIGNES)), "--dry-run")
    assert sortie.startswith("Simulation : 2 lignes lues, 2 créées")
    assert not Structure.objects.exists()


def test_fichier_windows_1252_et_separateur_virgule(tmp_path):
    texte = "nom,siret,commune\nCoopérative électrique de Lens,,62498\n"
    _sortie(_csv(tmp_path, texte, encodage="cp1252"))
    assert Structure.objects.get().nom == "Coopérative électrique de Lens"


def test_rapport_d_erreurs_sur_un_fichier_casse(tmp_path):
    cinquante = ";".join(["x"] * 50)
    texte = (
        ENTETE
        + LIGNES[0]
        + "Mauvais SIRET;84215637400015;62119;;;;;\n"
        + cinquante
        + "\n"
        + "Commune inconnue;;Zzzzville;;;;;\n"
        + "Mauvais CP;;62119;;75001;;;\n"
        + "Thème inconnu;;62119;;;astrologie;;\n"
        + "Doublon;84215637400014;62119;;;;;\n"
    )
    rapport = tmp_path / "erreurs.csv"
    sortie = _sortie(_csv(tmp_path, texte), "--rapport", rapport)
    assert "7 lignes lues, 1 créées, 0 modifiées, 0 inchangées, 6 rejetées" in sortie
    contenu = rapport.read_bytes().decode("utf-8-sig")
    lignes = contenu.splitlines()
    assert lignes[0] == "ligne;colonne;valeur;raison"
    assert (
        "3;SIRET;84215637400015;Le SIRET « 84215637400015 » est invalide (clé de contrôle incorrecte)."
        in contenu
    )
    assert "4;;;la ligne contient 50 colonnes, l'en-tête en annonce 8" in contenu
    assert "5;Commune;Zzzzville;commune « Zzzzville » inconnue (code INSEE ou nom attendu)" in contenu
    assert "le code postal 75001 ne correspond pas à Béthune" in contenu
    assert "thème inconnu(s) : astrologie" in contenu
    assert "8;;;doublon de la ligne 2" in contenu
    assert Structure.objects.count() == 1  # the good row is kept


def test_fichier_binaire_ou_colonne_obligatoire_absente(tmp_path):
    binaire = tmp_path / "image.csv"
    binaire.write_bytes(b"\x89PNG\x00\x00\x00\x0dIHDR" + bytes(200))
    with pytest.raises(CommandError, match="n'est pas un fichier texte CSV"):
        _sortie(binaire)
    with pytest.raises(CommandError, match="Colonne\\(s\\) obligatoire\\(s\\) absente\\(s\\) : Commune"):
        _sortie(_csv(tmp_path, "nom;ville_inconnue\nA;B\n"))


def test_correspondance_explicite_en_json(tmp_path):
    chemin = _csv(tmp_path, "Dénomination;Lieu\nAtelier vélo;80021\n")
    _sortie(chemin, "--mapping", json.dumps({"nom": "Dénomination", "commune": "Lieu"}))
    assert Structure.objects.get().commune_id == "80021"
    with pytest.raises(CommandError, match="pas un JSON valide"):
        _sortie(chemin, "--mapping", "{nom:")


def _xlsx():
    classeur = Workbook()
    feuille = classeur.active
    feuille.append(["Nom", "SIRET", "Commune", "Latitude", "Longitude"])
    feuille.append(["Ferme urbaine de Roubaix", None, "59512", 50.69, 3.17])
    tampon = io.BytesIO()
    classeur.save(tampon)
    return tampon.getvalue()


def test_parcours_staff_televersement_correspondance_simulation_puis_import(client, staff_hdf):
    client.force_login(staff_hdf)
    assert "Importer des structures" in client.get("/annuaire/imports/").content.decode()
    fichier = SimpleUploadedFile("fermes.xlsx", _xlsx())
    reponse = client.post("/annuaire/imports/", {"fichier": fichier, "source": "reseau-fermes"}, follow=True)
    contenu = reponse.content.decode()
    assert "Correspondance des colonnes" in contenu and "Encodage détecté : xlsx" in contenu
    fiche_import = ImportStructures.objects.get()
    assert '<option value="Commune" selected>' in contenu
    formulaire = {
        "col_nom": "Nom",
        "col_commune": "Commune",
        "col_latitude": "Latitude",
        "col_longitude": "Longitude",
        "dry_run": "on",
    }
    reponse = client.post(f"/annuaire/imports/{fiche_import.pk}/correspondance/", formulaire, follow=True)
    assert "Simulation : 1 lignes lues, 1 créées" in reponse.content.decode()
    assert not Structure.objects.exists()
    formulaire.pop("dry_run")
    client.post(f"/annuaire/imports/{fiche_import.pk}/correspondance/", formulaire)
    fiche = Structure.objects.get()
    assert fiche.source == "reseau-fermes" and fiche.latitude == 50.69
    assert fiche.lieux.get().etat_geocodage == EtatGeocodage.GEOCODE


def test_rapport_d_erreurs_telechargeable_depuis_la_page(client, staff_hdf):
    client.force_login(staff_hdf)
    texte = "nom;siret;commune\nBon;;62119\nMauvais;123;62119\n"
    client.post("/annuaire/imports/", {"fichier": SimpleUploadedFile("a.csv", texte.encode()), "source": "x"})
    fiche_import = ImportStructures.objects.get()
    client.post(
        f"/annuaire/imports/{fiche_import.pk}/correspondance/",
        {"col_nom": "nom", "col_siret": "siret", "col_commune": "commune"},
    )
    contenu = client.get(f"/annuaire/imports/{fiche_import.pk}/").content.decode()
    assert "1 créées" in contenu and "1 rejetées" in contenu and "14 chiffres attendus (3 saisis)" in contenu
    reponse = client.get(f"/annuaire/imports/{fiche_import.pk}/erreurs.csv")
    assert reponse["Content-Disposition"].startswith("attachment")
    assert "3;SIRET;123;« 123 » n'est pas un SIRET" in reponse.content.decode("utf-8-sig")


def test_mapping_sans_colonne_obligatoire_refuse(client, staff_hdf):
    client.force_login(staff_hdf)
    client.post(
        "/annuaire/imports/",
        {"fichier": SimpleUploadedFile("a.csv", b"nom;commune\nA;62119\n"), "source": "x"},
    )
    fiche_import = ImportStructures.objects.get()
    reponse = client.post(f"/annuaire/imports/{fiche_import.pk}/correspondance/", {"col_nom": "nom"})
    assert "La colonne « Commune » est obligatoire." in reponse.content.decode()


def test_import_reserve_au_staff(client, proprietaire):
    client.force_login(proprietaire)
    assert client.get("/annuaire/imports/").status_code == 403


def test_mauvaise_extension_refusee(client, staff_hdf):
    client.force_login(staff_hdf)
    reponse = client.post(
        "/annuaire/imports/", {"fichier": SimpleUploadedFile("a.pdf", b"%PDF"), "source": "x"}
    )
    assert "seuls les fichiers .csv et .xlsx sont acceptés" in reponse.content.decode()


def test_le_rapport_d_erreurs_n_ecrit_aucune_formule(client, staff_hdf):
    client.force_login(staff_hdf)
    texte = "nom;siret;commune\nMauvais;=1+1;62119\n"
    client.post("/annuaire/imports/", {"fichier": SimpleUploadedFile("a.csv", texte.encode()), "source": "x"})
    fiche_import = ImportStructures.objects.get()
    client.post(
        f"/annuaire/imports/{fiche_import.pk}/correspondance/",
        {"col_nom": "nom", "col_siret": "siret", "col_commune": "commune"},
    )
    rapport = client.get(f"/annuaire/imports/{fiche_import.pk}/erreurs.csv").content.decode("utf-8-sig")
    assert rapport.splitlines()[1].startswith("2;SIRET;'=1+1;")
