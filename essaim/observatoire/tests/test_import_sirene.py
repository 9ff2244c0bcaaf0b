"""The SIRENE import against the hand-built extract of jeu_essai.py (expected counts there)."""

import zipfile
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum

from essaim.observatoire.enums import StatutMillesime
from essaim.observatoire.generateur import (
    ENTETE_ETAB,
    ENTETE_UL,
    ecrire_csv,
    ecrire_parquet,
    ecrire_zip,
)
from essaim.observatoire.models import Agregat, Etablissement, Millesime, UniteLegale
from essaim.observatoire.services.import_sirene import ImportSirene
from essaim.observatoire.services.lecture import ErreurSirene
from essaim.observatoire.tests import jeu_essai

pytestmark = pytest.mark.django_db


def total(niveau, code, champ="etablissements", millesime=None):
    qs = Agregat.objects.filter(niveau=niveau, code=code, millesime__statut=StatutMillesime.PUBLIE)
    return qs.aggregate(s=Sum(champ))["s"] or 0


def test_import_compte_les_etablissements_actifs_par_territoire(jeu):
    rapport = ImportSirene(*jeu).executer()
    assert rapport.statut == "importe"
    assert (rapport.ul_lues, rapport.ul_gardees, rapport.etab_lues, rapport.etab_gardes) == (9, 6, 15, 10)
    assert rapport.ul_rejets["unité légale cessée"] == 1
    assert rapport.etab_rejets["établissement fermé"] == 1
    assert rapport.etab_rejets["établissement à l'étranger (sans code commune)"] == 1
    assert total("france", "FR") == 10 and total("france", "FR", "employeurs") == 6
    assert total("region", "32") == 6 and total("region", "32", "employeurs") == 3
    assert total("departement", "59") == 4
    assert total("epci", jeu_essai.MEL) == 3  # Lille ×2 and Roubaix; the unknown code has no EPCI
    assert total("departement", "2A") == 1 and total("departement", "2B") == 1
    assert total("departement", "974") == 1 and total("region", "04") == 1


def test_famille_derivee_de_la_categorie_juridique(jeu):
    ImportSirene(*jeu).executer()
    familles = dict(UniteLegale.objects.values_list("siren", "famille"))
    assert familles == {
        "100000001": "association",
        "100000002": "cooperative",
        "100000003": "mutuelle",
        "100000004": "fondation",
        "100000005": "societe_commerciale",
        "100000008": "association",
    }


def test_code_commune_inconnu_est_compte_et_rattache_au_departement(jeu):
    rapport = ImportSirene(*jeu).executer()
    assert rapport.communes_inconnues == {"59999": 1}
    assert "59999" in rapport.resume()
    etab = Etablissement.objects.get(siret="10000000500029")
    assert (etab.commune, etab.departement, etab.region) == ("", "59", "32")


def test_unite_non_diffusible_est_comptee_et_marquee(jeu):
    rapport = ImportSirene(*jeu).executer()
    assert rapport.non_diffusibles == 1
    assert UniteLegale.objects.get(siren="100000008").diffusible is False
    assert Etablissement.objects.get(siret="10000000800011").adresse == ""


def test_perimetre_juridique_retient_les_formes_de_l_ess_sans_le_marqueur(jeu):
    ImportSirene(*jeu, perimetre="juridique").executer()
    sirens = set(UniteLegale.objects.values_list("siren", flat=True))
    assert "100000007" in sirens  # association not flagged
    assert "100000005" not in sirens  # SAS: ESS only through the flag
    assert total("france", "FR") == 9


def test_filtre_regions_garde_les_sieges_hors_region_pour_les_adresses(jeu):
    ImportSirene(*jeu, regions=["32"]).executer()
    assert total("region", "32") == 6
    assert total("france", "FR") == 6
    siege_paris = Etablissement.objects.get(siret="10000000300011")
    assert siege_paris.dans_perimetre is False
    assert not Etablissement.objects.filter(siret="10000000300029").exists()  # Ajaccio, not a head office


def test_second_import_des_memes_fichiers_ne_change_rien(jeu):
    premier = ImportSirene(*jeu).executer()
    avant = (Millesime.objects.count(), Etablissement.objects.count(), Agregat.objects.count())
    second = ImportSirene(*jeu).executer()
    assert second.statut == "deja_importe"
    assert second.millesime_id == premier.millesime_id
    assert (Millesime.objects.count(), Etablissement.objects.count(), Agregat.objects.count()) == avant


def test_nouveau_millesime_remplace_le_precedent_et_le_conserve(jeu, tmp_path):
    ImportSirene(*jeu).executer()
    lignes = jeu_essai.etablissements() + [
        jeu_essai._e("100000002", "00029", jeu_essai.LILLE, "59000", "LILLE"),
    ]
    nouveau = ecrire_csv(tmp_path / "StockEtablissement_2026.csv", ENTETE_ETAB, lignes)
    ImportSirene(jeu[0], nouveau, date_stock=date(2026, 1, 1)).executer()
    statuts = sorted(Millesime.objects.values_list("statut", flat=True))
    assert statuts == ["archive", "publie"]
    assert total("france", "FR") == 11
    archive = Millesime.objects.get(statut="archive")
    assert (
        Agregat.objects.filter(millesime=archive, niveau="france").aggregate(s=Sum("etablissements"))["s"]
        == 10
    )


def test_import_interrompu_reprend_sans_doublon_et_sans_rien_publier_avant_la_fin(jeu):
    # A published vintage (one establishment fewer) that users keep seeing during the next import.
    ancien = ecrire_csv(jeu[1].with_name("ancien.csv"), ENTETE_ETAB, jeu_essai.etablissements()[:-1])
    ImportSirene(jeu[0], ancien, date_stock=date(2025, 1, 1)).executer()
    publie = Millesime.objects.get(statut="publie")

    # Stopped once 5 establishments are read (after the 9 legal units), as a crash would leave it.
    arret = ImportSirene(*jeu, taille_bloc=1000, limite_lignes=9 + 5).executer()
    assert arret.statut == "suspendu"
    en_cours = Millesime.objects.get(statut="en_cours")
    assert 0 < en_cours.lignes_etab_traitees < 15
    assert Millesime.objects.get(statut="publie") == publie  # users still see the previous vintage
    rapport = ImportSirene(*jeu, taille_bloc=1000).executer()
    assert rapport.statut == "importe"
    assert "Reprise" in " ".join(rapport.avertissements)
    assert rapport.etab_lues == 15 and rapport.etab_gardes == 10
    nouveau = Millesime.objects.get(statut="publie")
    assert nouveau.pk == en_cours.pk
    assert Etablissement.objects.filter(millesime=nouveau).count() == 10
    assert total("france", "FR") == 10


def test_zip_et_parquet_donnent_les_memes_chiffres(tmp_path):
    ul = ecrire_zip(tmp_path / "StockUniteLegale_utf8.zip", ENTETE_UL, jeu_essai.unites_legales())
    et = ecrire_parquet(tmp_path / "StockEtablissement.parquet", ENTETE_ETAB, jeu_essai.etablissements())
    rapport = ImportSirene(ul, et).executer()
    assert rapport.etab_gardes == 10
    assert total("region", "32") == 6


def test_csv_windows_1252_est_lu_et_signale(tmp_path):
    ul, et = jeu_essai.ecrire_jeu(tmp_path, encodage="cp1252")
    contenu = ul.read_bytes().replace(b"LES JARDINS", "LES JARDINS DE L'ÉTÉ".encode("cp1252"))
    ul.write_bytes(contenu)
    rapport = ImportSirene(ul, et).executer()
    assert any("Windows-1252" in a for a in rapport.avertissements)
    assert UniteLegale.objects.get(siren="100000001").denomination.startswith("LES JARDINS DE L'ÉTÉ")


def test_zip_tronque_donne_un_message_clair(jeu, tmp_path):
    archive = ecrire_zip(
        tmp_path / "StockEtablissement_utf8.zip", ENTETE_ETAB, jeu_essai.etablissements() * 50
    )
    archive.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    with pytest.raises(ErreurSirene, match="tronquée ou corrompue"):
        ImportSirene(jeu[0], archive).executer()
    assert not Millesime.objects.exists()


def test_entete_d_un_autre_fichier_insee_est_nomme(jeu):
    with pytest.raises(ErreurSirene, match="a l'en-tête du fichier INSEE StockEtablissement"):
        ImportSirene(jeu[1], jeu[1]).executer()


def test_colonne_obligatoire_absente_est_nommee(jeu, tmp_path):
    entete = [c for c in ENTETE_ETAB if c != "trancheEffectifsEtablissement"]
    et = ecrire_csv(tmp_path / "etab.csv", entete, jeu_essai.etablissements())
    with pytest.raises(ErreurSirene, match="absente.*trancheEffectifsEtablissement"):
        ImportSirene(jeu[0], et).executer()


def test_commande_affiche_le_resume_et_refuse_un_mauvais_fichier(jeu, capsys):
    call_command("import_sirene", "--unites-legales", str(jeu[0]), "--etablissements", str(jeu[1]))
    sortie = capsys.readouterr().out
    assert "Établissements : 15 lus, 10 gardés." in sortie
    assert "publié" in sortie
    call_command("import_sirene", "--unites-legales", str(jeu[0]), "--etablissements", str(jeu[1]))
    assert "déjà importés" in capsys.readouterr().out
    with pytest.raises(CommandError, match="StockUniteLegale est attendu"):
        call_command("import_sirene", "--unites-legales", str(jeu[1]), "--etablissements", str(jeu[1]))


def test_simulation_n_enregistre_rien(jeu, capsys):
    call_command(
        "import_sirene", "--unites-legales", str(jeu[0]), "--etablissements", str(jeu[1]), "--dry-run"
    )
    assert "Simulation" in capsys.readouterr().out
    assert not Millesime.objects.exists() and not Etablissement.objects.exists()


def test_zip_sans_csv(tmp_path, jeu):
    vide = tmp_path / "vide.zip"
    with zipfile.ZipFile(vide, "w") as archive:
        archive.writestr("lisezmoi.pdf", "rien")
    with pytest.raises(ErreurSirene, match="aucun fichier CSV"):
        ImportSirene(vide, jeu[1]).executer()


@pytest.mark.parametrize("taille_bloc", [None, 200])
def test_champ_entre_guillemets_avec_saut_de_ligne_et_virgule(tmp_path, taille_bloc):
    # Small blocks: the cuts fall inside quoted fields, which must be read on to their end.
    uls = jeu_essai.unites_legales()
    uls[0]["denominationUniteLegale"] = 'LES JARDINS, "DE LA"\nDEULE'
    etabs = jeu_essai.etablissements()
    etabs[1]["libelleVoieEtablissement"] = "DES ARTS,\nBATIMENT B"
    etabs[1]["complementAdresseEtablissement"] = 'RESIDENCE "LE PARC"'
    ul = ecrire_csv(tmp_path / "ul.csv", ENTETE_UL, uls)
    et = ecrire_csv(tmp_path / "et.csv", ENTETE_ETAB, etabs)
    rapport = ImportSirene(ul, et, taille_bloc=taille_bloc).executer()
    assert (rapport.ul_lues, rapport.etab_lues, rapport.etab_gardes) == (9, 15, 10)
    assert UniteLegale.objects.get(siren="100000001").denomination == 'LES JARDINS, "DE LA"\nDEULE'
    roubaix = Etablissement.objects.get(siret="10000000100029")
    assert roubaix.adresse == 'RESIDENCE "LE PARC", 12 RUE DES ARTS,\nBATIMENT B'
    assert total("france", "FR") == 10


def test_fichiers_non_tries_par_siren_donnent_les_memes_chiffres(tmp_path):
    ul = ecrire_csv(tmp_path / "ul.csv", ENTETE_UL, jeu_essai.unites_legales()[::-1])
    et = ecrire_csv(tmp_path / "et.csv", ENTETE_ETAB, jeu_essai.etablissements()[::-1])
    rapport = ImportSirene(ul, et, taille_bloc=300).executer()
    assert (rapport.ul_gardees, rapport.etab_gardes) == (6, 10)
    assert rapport.communes_inconnues == {"59999": 1}
    assert total("france", "FR") == 10 and total("region", "32") == 6


def test_adresse_enseigne_et_nom_sont_composes_comme_dans_sirene(tmp_path):
    uls = jeu_essai.unites_legales()
    uls[1].update(denominationUniteLegale="  ", prenomUsuelUniteLegale=" JEANNE ", nomUniteLegale="DUPONT")
    etabs = jeu_essai.etablissements()
    etabs[0].update(
        indiceRepetitionEtablissement="B",
        enseigne1Etablissement="",
        numeroVoieEtablissement="[ND]",
        denominationUsuelleEtablissement="LE JARDIN",
        coordonneeLambertAbscisseEtablissement="704000.5",
        coordonneeLambertOrdonneeEtablissement="[ND]",
    )
    etabs[1].update(
        numeroVoieEtablissement="",
        typeVoieEtablissement="",
        libelleVoieEtablissement="",
        complementAdresseEtablissement="LIEU-DIT LES PRES",
        coordonneeLambertAbscisseEtablissement="x",
    )
    ul = ecrire_csv(tmp_path / "ul.csv", ENTETE_UL, uls)
    et = ecrire_csv(tmp_path / "et.csv", ENTETE_ETAB, etabs)
    ImportSirene(ul, et).executer()
    assert UniteLegale.objects.get(siren="100000002").denomination == "JEANNE DUPONT"
    lille = Etablissement.objects.get(siret="10000000100011")
    assert (lille.adresse, lille.enseigne, lille.x_lambert, lille.y_lambert) == (
        "B RUE DES ARTS",
        "LE JARDIN",
        704000.5,
        None,
    )
    roubaix = Etablissement.objects.get(siret="10000000100029")
    assert (roubaix.adresse, roubaix.x_lambert) == ("LIEU-DIT LES PRES", None)
    assert (lille.section, lille.famille, lille.siege, lille.epci) == (
        "Q",
        "association",
        True,
        jeu_essai.MEL,
    )


def test_import_en_tache_de_fond_montre_debit_et_reste_puis_le_resume(jeu, monkeypatch):
    from essaim.commun import taches as commun_taches
    from essaim.commun.models import StatutTravail
    from essaim.observatoire.taches import importer_sirene

    messages = []
    avancer = commun_taches.Progression.avancer

    def espion(self, fait, total=None, message=None, forcer=False):
        messages.append(message)
        return avancer(self, fait, total, message, forcer=True)

    monkeypatch.setattr(commun_taches.Progression, "avancer", espion)
    travail = commun_taches.lancer(
        importer_sirene,
        "Import SIRENE",
        unites_legales=str(jeu[0]),
        etablissements=str(jeu[1]),
        date_stock="2025-01-01",
    )
    travail.refresh_from_db()
    assert travail.statut == StatutTravail.TERMINE
    assert any(m.startswith("établissements : 15 lignes,") and "lignes/s, reste ≈" in m for m in messages)
    assert "Établissements : 15 lus, 10 gardés." in travail.message
    assert travail.resultat["etablissements"]["gardes"] == 10
    assert (Millesime.objects.get().statut, str(Millesime.objects.get().date_stock)) == (
        "publie",
        "2025-01-01",
    )


def test_import_interrompu_pendant_les_unites_legales_reprend_sans_doublon(jeu):
    arret = ImportSirene(*jeu, taille_bloc=300, limite_lignes=3).executer()
    assert arret.statut == "suspendu"
    en_cours = Millesime.objects.get(statut="en_cours")
    assert 0 < en_cours.lignes_ul_traitees < 9 and en_cours.etape == "unites_legales"
    rapport = ImportSirene(*jeu, taille_bloc=300).executer()
    assert (rapport.ul_lues, rapport.ul_gardees, rapport.etab_gardes) == (9, 6, 10)
    assert UniteLegale.objects.count() == 6
    assert total("france", "FR") == 10 and total("region", "32") == 6
