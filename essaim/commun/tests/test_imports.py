"""The shared import engine: encodings, separators, XLSX, per-row errors, dry run."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from essaim.commun.imports import (
    Colonne,
    ErreurFichier,
    Importeur,
    Resultat,
    entier_positif,
    lire_tableau,
    renifler_csv,
)
from essaim.territoires.models import JeuDeReference


class ImporteurTest(Importeur):
    """Stores rows in JeuDeReference (nom, empreinte): a real table, no mock."""

    colonnes = [
        Colonne("nom", "Nom", obligatoire=True, alias=("intitulé",)),
        Colonne("nombre", "Nombre", nettoyer=entier_positif),
    ]

    def cle_unicite(self, donnees):
        return donnees["nom"]

    def valider(self, donnees, ligne):
        if donnees["nom"] == "interdit":
            raise ValidationError({"nom": "ce nom est réservé"})
        return donnees

    def enregistrer(self, donnees, ligne):
        objet, cree = JeuDeReference.objects.get_or_create(
            nom=donnees["nom"], defaults={"empreinte": str(donnees["nombre"])}
        )
        if cree:
            return Resultat.CREEE
        if objet.empreinte == str(donnees["nombre"]):
            return Resultat.INCHANGEE
        objet.empreinte = str(donnees["nombre"])
        objet.save()
        return Resultat.MODIFIEE


@pytest.mark.parametrize(
    ("contenu", "encodage", "separateur"),
    [
        ("Nom;Nombre\nÉlan;3\n".encode(), "utf-8-sig", ";"),
        ("\ufeffNom,Nombre\nÉlan,3\n".encode(), "utf-8-sig", ","),
        ("Nom;Nombre\nÉlan;3\n".encode("cp1252"), "cp1252", ";"),
        ("Nom\tNombre\nÉlan\t3\n".encode(), "utf-8-sig", "\t"),
    ],
)
def test_encodage_et_separateur_sont_detectes(contenu, encodage, separateur):
    tableau = lire_tableau(io.BytesIO(contenu), nom="essai.csv")
    assert (tableau.encodage, tableau.separateur) == (encodage, separateur)
    assert tableau.entetes == ["Nom", "Nombre"]
    assert list(tableau.lignes()) == [(2, {"Nom": "Élan", "Nombre": "3"})]


def test_xlsx_est_lu_comme_un_csv():
    classeur = Workbook()
    classeur.active.append(["Intitulé", "Nombre"])
    classeur.active.append(["Forêt", 12])
    tampon = io.BytesIO()
    classeur.save(tampon)
    tableau = lire_tableau(tampon, nom="essai.xlsx")
    assert tableau.encodage == "xlsx"
    assert list(tableau.lignes()) == [(2, {"Intitulé": "Forêt", "Nombre": "12"})]


def test_fichier_vide_ou_binaire_est_refuse_en_francais():
    with pytest.raises(ErreurFichier, match="vide"):
        lire_tableau(io.BytesIO(b""), nom="vide.csv")
    with pytest.raises(ErreurFichier, match="binaire"):
        lire_tableau(io.BytesIO(b"\x00\x01\x02abc"), nom="image.csv")


def test_xlsx_tronque_est_refuse():
    with pytest.raises(ErreurFichier, match="illisible ou tronqué"):
        lire_tableau(io.BytesIO(b"PK\x03\x04 tronque"), nom="coupe.xlsx")


@pytest.mark.django_db
def test_chaque_ligne_fautive_est_rapportee_et_les_autres_importees():
    csv = (
        "Intitulé;Nombre\n"
        "Alpha;1\n"
        "Beta;-2\n"  # negative
        ";4\n"  # missing name
        "Gamma;abc\n"  # not a number
        "Alpha;5\n"  # duplicate of line 2
        "interdit;1\n"  # rejected by valider
        "Delta;7;x;y\n"  # too many columns
        "Epsilon;8\n"
    ).encode("cp1252")
    rapport = ImporteurTest().importer(lire_tableau(io.BytesIO(csv), nom="a.csv"))
    assert (rapport.lues, rapport.creees, rapport.rejetees) == (8, 2, 6)
    erreurs = {(e.ligne, e.colonne): e for e in rapport.erreurs}
    assert "négatif" in erreurs[(3, "Nombre")].raison
    assert erreurs[(4, "Nom")].raison == "valeur obligatoire manquante"
    assert erreurs[(5, "Nombre")].valeur == "abc"
    assert "doublon de la ligne 2" in erreurs[(6, "")].raison
    assert erreurs[(7, "Nom")].raison == "ce nom est réservé"
    assert "4 colonnes" in erreurs[(8, "")].raison
    assert set(JeuDeReference.objects.values_list("nom", flat=True)) >= {"Alpha", "Epsilon"}
    rapport_csv = rapport.erreurs_csv().decode("utf-8")
    assert rapport_csv.startswith("\ufeffligne;colonne;valeur;raison")
    assert "5;Nombre;abc;" in rapport_csv


@pytest.mark.django_db
def test_import_idempotent_et_simulation_sans_ecriture():
    contenu = b"Nom,Nombre\nAlpha,1\nBeta,2\n"
    simulation = ImporteurTest().importer(lire_tableau(io.BytesIO(contenu)), dry_run=True)
    assert simulation.creees == 2 and simulation.resume().startswith("Simulation")
    assert not JeuDeReference.objects.filter(nom__in=["Alpha", "Beta"]).exists()
    premier = ImporteurTest().importer(lire_tableau(io.BytesIO(contenu)))
    second = ImporteurTest().importer(lire_tableau(io.BytesIO(contenu)))
    assert (premier.creees, second.creees, second.inchangees) == (2, 0, 2)


def test_colonne_obligatoire_absente_est_nommee():
    tableau = lire_tableau(io.BytesIO(b"Autre;Nombre\nx;1\n"))
    with pytest.raises(ErreurFichier, match="Colonne\\(s\\) obligatoire\\(s\\) absente\\(s\\) : Nom"):
        ImporteurTest().importer(tableau)


@pytest.mark.django_db
def test_correspondance_explicite_des_colonnes():
    tableau = lire_tableau(io.BytesIO(b"Raison sociale;Effectif\nZeta;9\n"))
    rapport = ImporteurTest().importer(
        tableau, correspondance={"nom": "Raison sociale", "nombre": "Effectif"}
    )
    assert rapport.creees == 1
    assert JeuDeReference.objects.get(nom="Zeta").empreinte == "9"


def test_octets_windows_1252_au_dela_de_l_echantillon_ne_bloquent_pas():
    debut = b"Nom;Nombre\n" + b"abc;1\n" * 20000
    tableau = lire_tableau(io.BytesIO(debut + "Élise;2\n".encode("cp1252")))
    assert tableau.encodage == "utf-8-sig"
    derniere = list(tableau.lignes())[-1]
    assert derniere[1]["Nom"] == "Élise"


@pytest.mark.parametrize(
    ("octets", "attendu"),
    [
        ("\ufeffnom;siret\nA;1\n".encode(), ("utf-8-sig", ";", "nom;siret")),
        (b"nom,siret\r\nA,1\r\n", ("utf-8-sig", ",", "nom,siret")),
        ("libellé\tcode\n".encode("cp1252"), ("cp1252", "\t", "libellé\tcode")),
        (b"a|b|c;d\n", ("utf-8-sig", "|", "a|b|c;d")),
        (b"a,b;c\n", ("utf-8-sig", ";", "a,b;c")),
        (b"colonne\n", ("utf-8-sig", ",", "colonne")),
    ],
)
def test_un_seul_reniflage_encodage_et_separateur(octets, attendu):
    """The sniffer used by every import (directory, conference, SIRENE stock)."""
    assert renifler_csv(octets) == attendu
