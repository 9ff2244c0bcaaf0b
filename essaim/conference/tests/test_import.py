"""Importing the 2023 Hauts-de-France workshops and computing the key figures from them.

Expected figures are derived here from the CSV with the csv module, independently of the
application code (they differ from some totals printed in document 003)."""

import csv
import hashlib
import io
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import call_command

from essaim.conference.models import Atelier, Conference
from essaim.conference.services.chiffres import chiffres_cles

CSV = Path(__file__).resolve().parents[1] / "data" / "conference-hdf-2023-ateliers.csv"
CSV_PARTAGE = (
    Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "conference-hdf-2023-ateliers.csv"
)
# SHA-256 of ../shared/data/conference-hdf-2023-ateliers.csv (the 36 workshops of 2023).
EMPREINTE_JEU_PARTAGE = "15ab0b264febe9a49dd51ee14db75650269e7b7495691197c70560bf489cc524"


def _plie(texte):
    texte = unicodedata.normalize("NFKD", texte).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", texte).strip()


def attendus():
    with open(CSV, encoding="utf-8") as f:
        lignes = list(csv.DictReader(f))
    connus = [int(r["participants"]) for r in lignes if r["participants"].strip()]
    mois = Counter(r["date"][:7] for r in lignes)
    tous_les_mois = {f"2023-{m:02d}": mois.get(f"2023-{m:02d}", 0) for m in range(4, 13)}
    departements = Counter(
        r["departement"] or ("visio" if r["format"] == "visio" else "inconnu") for r in lignes
    )
    transitions = Counter(t for r in lignes for t in set(r["transitions"].split(";")))
    organisateurs = {_plie(o) for r in lignes for o in r["organisateurs"].split(";")}
    return {
        "ateliers": len(lignes),
        "participants": sum(connus),
        "ateliers_avec_participants": len(connus),
        "moyenne_participants": round(sum(connus) / len(connus), 1),
        "par_mois": tous_les_mois,
        "par_departement": dict(departements),
        "par_transition": {
            k: transitions[k] for k in ("ecologique", "sociale", "economique", "organisationnelle")
        },
        "organisateurs": len(organisateurs),
    }


def importer(*args):
    sortie = io.StringIO()
    call_command("conference_import", *args, stdout=sortie)
    return sortie.getvalue()


def rapport_json(slug):
    sortie = io.StringIO()
    call_command("conference_report", slug, "--format", "json", stdout=sortie)
    return json.loads(sortie.getvalue())


@pytest.fixture
def edition(db):
    importer("hdf-2023", str(CSV), "--region", "32", "--annee", "2023", "--titre", "Conférence HdF 2023")
    return Conference.objects.get(slug="hdf-2023")


def test_la_copie_embarquee_est_celle_du_jeu_partage():
    """The tests and `make run` read the copy shipped with the app; it is the shared data set
    byte for byte (its SHA-256 recorded here), checked even where ../shared is not checked out."""
    assert hashlib.sha256(CSV.read_bytes()).hexdigest() == EMPREINTE_JEU_PARTAGE
    if CSV_PARTAGE.exists():
        assert hashlib.sha256(CSV_PARTAGE.read_bytes()).hexdigest() == EMPREINTE_JEU_PARTAGE


def test_l_import_cree_l_edition_et_ses_36_ateliers(edition):
    assert edition.region_id == "32" and edition.annee == 2023 and edition.titre == "Conférence HdF 2023"
    assert edition.ateliers.count() == 36
    assert edition.transitions.count() == 4
    fresque = edition.ateliers.get(intitule="La fresque du climat")
    assert fresque.precision_date == "mois" and fresque.date.isoformat() == "2023-12-01"
    assert fresque.code_departement == "inconnu"
    eloi = edition.ateliers.get(commune__nom="Mont-Saint-Éloi")
    assert eloi.commune.code == "62589"


def test_les_chiffres_json_sont_ceux_calcules_depuis_le_csv(edition):
    attendu = attendus()
    obtenu = rapport_json("hdf-2023")
    assert list(obtenu) == [
        "ateliers",
        "participants",
        "ateliers_avec_participants",
        "moyenne_participants",
        "par_mois",
        "par_departement",
        "par_transition",
        "organisateurs",
    ]
    assert obtenu == attendu
    # Hand-checked values, for the reader: 1055 participants over 33 of 36 workshops.
    assert (obtenu["participants"], obtenu["ateliers_avec_participants"], obtenu["ateliers"]) == (
        1055,
        33,
        36,
    )
    assert obtenu["moyenne_participants"] == 32.0 and isinstance(obtenu["moyenne_participants"], float)
    assert obtenu["par_mois"]["2023-08"] == 0
    assert obtenu["par_departement"] == {"02": 5, "59": 10, "62": 11, "80": 3, "visio": 5, "inconnu": 2}
    assert obtenu["par_transition"] == {
        "ecologique": 14,
        "sociale": 9,
        "economique": 11,
        "organisationnelle": 12,
    }


def test_un_atelier_sur_les_4_transitions_compte_une_fois_dans_chacune(edition):
    iriae = edition.ateliers.get(organisateurs_libres="IRIAE")
    assert sorted(iriae.transitions) == ["ecologique", "economique", "organisationnelle", "sociale"]
    avant = chiffres_cles(edition)["par_transition"]
    iriae.delete()
    apres = chiffres_cles(edition)["par_transition"]
    assert all(avant[t] - apres[t] == 1 for t in avant)


def test_les_organisateurs_sont_comptes_une_fois_malgre_la_casse(edition):
    atelier = edition.ateliers.first()
    atelier.organisateurs_libres = "CHAIR'ESS\nle mouvement associatif"
    atelier.save()
    assert chiffres_cles(edition)["organisateurs"] == attendus()["organisateurs"] - 1  # Collectif Phare gone


def test_reimporter_le_meme_fichier_ne_change_rien(edition):
    avant = list(Atelier.objects.order_by("pk").values_list("pk", "modifie_le"))
    sortie = importer("hdf-2023", str(CSV))
    assert "36 lignes lues, 0 créées, 0 modifiées, 36 inchangées, 0 rejetées" in sortie
    assert list(Atelier.objects.order_by("pk").values_list("pk", "modifie_le")) == avant


def test_un_participant_corrige_met_a_jour_l_atelier_existant(edition, tmp_path):
    texte = CSV.read_text(encoding="utf-8").replace(
        "2023-04-06,Wallers,59,presentiel,65", "2023-04-06,Wallers,59,presentiel,70"
    )
    fichier = tmp_path / "corrige.csv"
    fichier.write_text(texte, encoding="utf-8")
    assert "0 créées, 1 modifiées, 35 inchangées" in importer("hdf-2023", str(fichier))
    assert rapport_json("hdf-2023")["participants"] == 1060


def test_la_simulation_n_enregistre_rien(db):
    sortie = importer("essai", str(CSV), "--region", "32", "--annee", "2023", "--dry-run")
    assert "Simulation : 36 lignes lues, 36 créées" in sortie
    assert not Conference.objects.filter(slug="essai").exists()


@pytest.mark.parametrize("encodage,separateur", [("utf-8-sig", ";"), ("cp1252", ";"), ("cp1252", ",")])
def test_les_encodages_et_separateurs_courants_sont_acceptes(db, tmp_path, encodage, separateur):
    with open(CSV, encoding="utf-8") as f:
        lignes = list(csv.reader(f))
    fichier = tmp_path / "ateliers.csv"
    with open(fichier, "w", encoding=encodage, errors="replace", newline="") as f:
        csv.writer(f, delimiter=separateur).writerows(lignes)
    sortie = importer("autre", str(fichier), "--region", "32", "--annee", "2023")
    assert "36 créées" in sortie and "0 rejetées" in sortie
    assert Conference.objects.get(slug="autre").ateliers.filter(commune__nom="Béthune").count() == 2


CASSE = """organisateurs,intitule,transitions,date,commune,departement,format,participants
Bon Atelier,Un atelier valide,sociale,2023-05-10,Lille,59,presentiel,12
Hors Cadre,Trop tard,sociale,2024-02-01,Lille,59,presentiel,5
Mauvaise Commune,Lieu inconnu,sociale,2023-05-11,Lile,59,presentiel,5
Mauvais Dep,Département inconnu,sociale,2023-05-12,Lille,95x,presentiel,5
Négatif,Participants négatifs,sociale,2023-05-13,Lille,59,presentiel,-3
Texte,Participants texte,sociale,2023-05-14,Lille,59,presentiel,beaucoup
Inconnue,Transition inconnue,ecologique;spirituelle,2023-05-15,Lille,59,presentiel,5
Bon Atelier,Un atelier valide,sociale,2023-05-10,Lille,59,presentiel,12
"""


def test_un_fichier_casse_rapporte_chaque_ligne_et_garde_les_valides(db, tmp_path):
    fichier = tmp_path / "casse.csv"
    fichier.write_text(CASSE, encoding="utf-8")
    sortie = importer("casse", str(fichier), "--region", "32", "--annee", "2023")
    assert "8 lignes lues, 1 créées, 0 modifiées, 0 inchangées, 7 rejetées" in sortie
    assert (
        "Ligne 3, colonne « date » (valeur « 2024-02-01 ») : Date 2024-02-01 en dehors de l'édition" in sortie
    )
    assert (
        "Ligne 4, colonne « commune » (valeur « Lile ») : "
        "Commune « Lile » introuvable dans le département 59." in sortie
    )
    assert "Vouliez-vous dire « Lille » ?" in sortie
    assert "Ligne 5, colonne « departement » (valeur « 95x ») : Département « 95x » inconnu." in sortie
    assert "Le plus proche dans la région" in sortie
    assert "Ligne 6, colonne « participants » (valeur « -3 ») : « -3 » est négatif" in sortie
    assert (
        "Ligne 7, colonne « participants » (valeur « beaucoup ») : « beaucoup » n'est pas un nombre entier."
        in sortie
    )
    assert (
        "Ligne 8, colonne « transitions » (valeur « ecologique;spirituelle ») : "
        "Transition inconnue « spirituelle »" in sortie
    )
    assert "Ligne 9 : doublon de la ligne 2" in sortie
    assert Conference.objects.get(slug="casse").ateliers.get().intitule == "Un atelier valide"


def test_une_edition_inconnue_est_creee_avec_region_et_annee_deduites_du_fichier(db):
    sortie = importer("deduite", str(CSV))
    assert "Édition « deduite » créée pour la région 32 et l'année 2023 (déduites du fichier)." in sortie
    assert rapport_json("deduite") == attendus()


def test_une_edition_inconnue_sans_indice_est_refusee_clairement(db, tmp_path):
    from django.core.management.base import CommandError

    fichier = tmp_path / "vide.csv"
    fichier.write_text("organisateurs,intitule\nA,B\n", encoding="utf-8")
    with pytest.raises(CommandError, match="précisez --region et --annee"):
        importer("inconnue", str(fichier))


def test_le_chargement_de_demonstration_est_idempotent(db):
    from essaim.conference.demo import SLUG, charger

    charger()
    charger()
    conference = Conference.objects.get(slug=SLUG)
    assert conference.ateliers.count() == 36
    assert conference.enjeux.count() == 7 and conference.evenements.count() == 2
    assert chiffres_cles(conference) == attendus()


def test_un_classeur_xlsx_s_importe_comme_le_csv(db, tmp_path):
    from openpyxl import Workbook

    classeur = Workbook()
    feuille = classeur.active
    with open(CSV, encoding="utf-8") as f:
        for ligne in csv.reader(f):
            feuille.append(ligne)
    fichier = tmp_path / "ateliers.xlsx"
    classeur.save(fichier)
    sortie = importer("xlsx", str(fichier), "--region", "32", "--annee", "2023")
    assert "36 lignes lues, 36 créées" in sortie and "0 rejetées" in sortie
    assert rapport_json("xlsx") == attendus()
