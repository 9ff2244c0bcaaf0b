"""Several SIRENE vintages side by side: series, figures of a given vintage, bad input
(a date already imported, an older vintage), staff choosing the published vintage."""

from datetime import date

import pytest
from django.core.management import CommandError, call_command

from essaim.observatoire.generateur import ENTETE_ETAB, ecrire_csv
from essaim.observatoire.models import Millesime, PublicationMillesime
from essaim.observatoire.services.chiffres import calculer
from essaim.observatoire.services.domaines import charger_reference
from essaim.observatoire.services.import_sirene import ImportSirene
from essaim.observatoire.tests import jeu_essai

pytestmark = pytest.mark.django_db
SERIES, CHIFFRES = "/api/v1/observatoire/series/", "/api/v1/observatoire/chiffres/"
# Second stock: the Roubaix establishment (association, Nord) closed, a new SCOP establishment
# opened in Lille (employer), the Bastia one (fondation, Corse) closed.
FERMES = {("100000001", "00029"), ("100000004", "00029")}


def stock_2026(dossier):
    lignes = []
    for ligne in jeu_essai.etablissements():
        if (ligne["siren"], ligne["nic"]) in FERMES:
            ligne["etatAdministratifEtablissement"] = "F"
        lignes.append(ligne)
    lignes.append(
        jeu_essai._e(
            "100000002", "00029", jeu_essai.LILLE, "59000", "LILLE", caractereEmployeurEtablissement="O"
        )
    )
    return ecrire_csv(dossier / "StockEtablissement_2026.csv", ENTETE_ETAB, lignes)


@pytest.fixture
def deux_stocks(jeu, tmp_path):
    call_command(
        "import_sirene", "--unites-legales", jeu[0], "--etablissements", jeu[1], "--date", "2025-01-01"
    )
    call_command(
        "import_sirene",
        "--unites-legales",
        jeu[0],
        "--etablissements",
        stock_2026(tmp_path),
        "--date",
        "2026-01-01",
    )
    return jeu


def test_deux_millesimes_coexistent_et_la_serie_a_un_point_par_stock(client, deux_stocks):
    assert sorted(Millesime.objects.values_list("date_stock", "statut")) == [
        (date(2025, 1, 1), "archive"),
        (date(2026, 1, 1), "publie"),
    ]
    for territoire, attendu in {
        "departement:59": [(4, 2), (4, 3)],
        "region:94": [(2, 1), (1, 1)],
        "france": [(10, 6), (9, 7)],
    }.items():
        donnees = client.get(SERIES, {"territoire": territoire}).json()
        points = donnees["series"]
        assert [p["millesime"] for p in points] == ["2025-01-01", "2026-01-01"]
        assert [(p["etablissements"], p["etablissements_employeurs"]) for p in points] == attendu
        for point in points:  # each point equals the figures API for that vintage alone
            seul = client.get(CHIFFRES, {"territoire": territoire, "millesime": point["millesime"]}).json()
            assert seul["millesime"] == point["millesime"]
            assert seul["etablissements"] == point["etablissements"]
            assert seul["etablissements_employeurs"] == point["etablissements_employeurs"]
            assert seul["par_famille"] == point["par_famille"]
    nord = client.get(SERIES, {"territoire": "departement:59"}).json()
    assert nord["territoire"] == {"niveau": "departement", "code": "59", "nom": "Nord"}
    assert [p["par_famille"]["cooperative"] for p in nord["series"]] == [0, 1]
    assert [p["par_famille"]["association"] for p in nord["series"]] == [2, 1]
    assert nord["changements"] == []
    # The published vintage stays the default of the figures API.
    assert client.get(CHIFFRES, {"territoire": "france"}).json()["millesime"] == "2026-01-01"


@pytest.mark.parametrize(
    "valeur, statut, attendu",
    [("2024-13-01", 400, "Millésime invalide"), ("2020-01-01", 404, "2025-01-01, 2026-01-01")],
)
def test_millesime_invalide_ou_absent(client, deux_stocks, valeur, statut, attendu):
    reponse = client.get(CHIFFRES, {"territoire": "france", "millesime": valeur})
    assert reponse.status_code == statut
    assert attendu in reponse.json()["erreur"]


def test_millesime_deja_importe_le_dit_et_propose_remplacer(jeu, tmp_path):
    call_command(
        "import_sirene", "--unites-legales", jeu[0], "--etablissements", jeu[1], "--date", "2025-01-01"
    )
    autre = stock_2026(tmp_path)
    with pytest.raises(CommandError, match=r"01/01/2025 est déjà importé.*--remplacer"):
        call_command(
            "import_sirene", "--unites-legales", jeu[0], "--etablissements", autre, "--date", "2025-01-01"
        )
    assert Millesime.objects.count() == 1
    # The same command again (same files, same date): already imported, nothing changes.
    assert ImportSirene(*jeu, date_stock=date(2025, 1, 1)).executer().statut == "deja_importe"
    call_command(
        "import_sirene",
        "--unites-legales",
        jeu[0],
        "--etablissements",
        autre,
        "--date",
        "2025-01-01",
        "--remplacer",
    )
    m = Millesime.objects.get()
    assert (m.date_stock, m.statut, m.fichier_etablissements) == (date(2025, 1, 1), "publie", autre.name)
    assert calculer("france", "FR", m).etablissements == 9


def test_millesime_plus_ancien_que_le_publie_est_garde_non_publie(jeu, tmp_path):
    ImportSirene(jeu[0], stock_2026(tmp_path), date_stock=date(2026, 1, 1)).executer()
    rapport = ImportSirene(*jeu, date_stock=date(2025, 1, 1)).executer()
    assert rapport.statut == "importe_non_publie"
    assert "plus ancien" in " ".join(rapport.avertissements)
    assert Millesime.objects.get(statut="publie").date_stock == date(2026, 1, 1)
    ancien = Millesime.objects.get(date_stock=date(2025, 1, 1))
    assert ancien.statut == "archive"
    assert calculer("france", "FR", ancien).etablissements == 10


def test_changement_de_perimetre_entre_deux_millesimes_est_signale(client, jeu, tmp_path):
    ImportSirene(*jeu, date_stock=date(2025, 1, 1)).executer()
    ImportSirene(*jeu, date_stock=date(2026, 1, 1), perimetre="juridique").executer()
    donnees = client.get(SERIES, {"territoire": "france"}).json()
    assert [p["etablissements"] for p in donnees["series"]] == [10, 9]
    assert donnees["changements"][0]["de"] == "2025-01-01"
    assert "méthode de sélection" in donnees["changements"][0]["motifs"][0]
    html = client.get("/observatoire/france/FR/").content.decode()
    assert "le périmètre ou la méthode a changé" in html


def test_page_territoire_montre_l_evolution_ecart_et_pourcentage(client, deux_stocks):
    html = client.get("/observatoire/region/94/").content.decode()
    assert 'id="g-evolution"' in html and "<title>01/01/2025 : 2</title>" in html
    assert "Évolution sur les millésimes SIRENE importés" in html
    assert "Du stock du 01/01/2025 à celui du 01/01/2026 : -1 établissements de l'ESS (-50,0\u00a0%)" in html
    reponse = client.get("/observatoire/region/94/evolution.csv")
    csv = b"".join(reponse.streaming_content).decode("utf-8-sig")
    assert "Stock du 01/01/2025" in csv and "Stock du 01/01/2026 (publié)" in csv


def test_par_domaine_tee_somme_au_plus_les_etablissements_et_non_classe(client, deux_stocks):
    charger_reference()
    for territoire in ("france", "region:32", "departement:59", "epci:" + jeu_essai.MEL, "commune:59350"):
        donnees = client.get(CHIFFRES, {"territoire": territoire}).json()
        domaines = donnees["par_domaine_tee"]
        assert sum(domaines.values()) == donnees["etablissements"], territoire
    serie = client.get(SERIES, {"territoire": "departement:59"}).json()["series"]
    assert [p["par_domaine_tee"]["economie-circulaire"] for p in serie] == [1, 1]
    assert [sum(p["par_domaine_tee"].values()) for p in serie] == [p["etablissements"] for p in serie]
    nord = client.get(CHIFFRES, {"territoire": "departement:59"}).json()["par_domaine_tee"]
    # 38.32Z (recyclerie) → économie circulaire; 88.99B and 94.99Z → non classé.
    assert nord["economie-circulaire"] == 1
    assert nord["non-classe"] == 3
    html = client.get("/observatoire/departement/59/").content.decode()
    assert "L'ESS dans les domaines de la transition" in html and "Économie circulaire" in html
    assert "éco-activités" in html and "Annuaire, par thèmes de transition déclarés" in html


def test_le_personnel_choisit_le_millesime_publie(client, deux_stocks, django_user_model):
    from essaim.commun.roles import Role

    ancien = Millesime.objects.get(date_stock=date(2025, 1, 1))
    visiteur = django_user_model.objects.create_user("visiteur@exemple.fr", password="x")
    client.force_login(visiteur)
    assert client.post("/observatoire/millesimes/", {"publier": ancien.pk}).status_code == 403
    admin = django_user_model.objects.create_user("admin@exemple.fr", password="x", role=Role.ADMINISTRATEUR)
    client.force_login(admin)
    html = client.get("/observatoire/millesimes/").content.decode()
    assert "Publier le millésime du 01/01/2025" in html
    reponse = client.post("/observatoire/millesimes/", {"publier": ancien.pk})
    assert reponse.status_code == 302
    ancien.refresh_from_db()
    assert ancien.statut == "publie"
    assert Millesime.objects.get(date_stock=date(2026, 1, 1)).statut == "archive"
    assert client.get(CHIFFRES, {"territoire": "france"}).json()["millesime"] == "2025-01-01"
    assert len(client.get(SERIES, {"territoire": "france"}).json()["series"]) == 2
    # Each publication is logged: the two imports, then this staff member's choice.
    journal = [
        (p.millesime.date_stock.year, p.precedent and p.precedent.date_stock.year, p.par)
        for p in PublicationMillesime.objects.all()
    ]
    assert journal == [(2025, 2026, admin), (2026, 2025, None), (2025, None, None)]
    html = client.get("/observatoire/millesimes/").content.decode()
    assert "Journal des publications" in html and "admin@exemple.fr" in html
    client.logout()
    anonyme = client.get("/observatoire/millesimes/").content.decode()
    assert "admin@exemple.fr" not in anonyme and "l'équipe de la CRESS" in anonyme


def test_la_table_des_statuts_de_millesime_refuse_un_import_en_cours():
    from essaim.commun.statuts import transition_permise
    from essaim.observatoire.enums import StatutMillesime
    from essaim.observatoire.services.millesimes import MillesimeInvalide, publier

    assert transition_permise(StatutMillesime, StatutMillesime.ARCHIVE, StatutMillesime.PUBLIE)
    assert not transition_permise(StatutMillesime, StatutMillesime.ECHEC, StatutMillesime.PUBLIE)
    en_cours = Millesime.objects.create(perimetre="flag", statut=StatutMillesime.EN_COURS)
    with pytest.raises(MillesimeInvalide, match="n'est pas terminé"):
        publier(en_cours)
    assert not PublicationMillesime.objects.exists()


def test_chiffres_agreges_recus_ont_leur_serie_par_source(client, jeu):
    from essaim.observatoire.models import ChiffreImporte

    ImportSirene(*jeu, date_stock=date(2025, 1, 1)).executer()
    commun = {"niveau": "departement", "code": "59"}
    for annee, emplois in ((2021, 1000), (2022, 1100)):
        ChiffreImporte.objects.create(
            source="INSEE Flores", millesime=str(annee), annee=annee, emplois=emplois, **commun
        )
    for famille, emplois in (("association", 700), ("cooperative", 90)):
        ChiffreImporte.objects.create(
            source="URSSAF", millesime="2023", annee=2023, famille=famille, emplois=emplois, **commun
        )
    series = client.get(SERIES, {"territoire": "departement:59"}).json()["chiffres_importes"]
    par_source = {s["source"]: s["series"] for s in series}
    assert [(p["annee"], p["millesime"], p["emplois"]) for p in par_source["INSEE Flores"]] == [
        (2021, "2021", 1000),
        (2022, "2022", 1100),
    ]
    urssaf = par_source["URSSAF"][0]
    assert urssaf["emplois"] == 790 and urssaf["par_famille"]["cooperative"]["emplois"] == 90


def test_un_millesime_regional_ne_compte_pas_ailleurs_dans_la_serie(client, jeu):
    ImportSirene(*jeu, date_stock=date(2025, 1, 1)).executer()
    ImportSirene(*jeu, date_stock=date(2026, 1, 1), regions=["32"]).executer()
    nord = client.get(SERIES, {"territoire": "departement:59"}).json()
    assert [p["millesime"] for p in nord["series"]] == ["2025-01-01", "2026-01-01"]
    assert "régions importées" in nord["changements"][0]["motifs"][0]
    corse = client.get(SERIES, {"territoire": "region:94"}).json()
    assert [(p["millesime"], p["etablissements"]) for p in corse["series"]] == [("2025-01-01", 2)]
