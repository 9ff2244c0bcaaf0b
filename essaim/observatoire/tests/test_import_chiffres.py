import pytest
from django.core.management import call_command

from essaim.commun.imports import lire_tableau
from essaim.comptes.enums import Role
from essaim.observatoire.models import ChiffreImporte
from essaim.observatoire.services.import_chiffres import ImporteurChiffres

pytestmark = pytest.mark.django_db

CSV = (
    "niveau;code;famille;secteur;année;établissements employeurs;emplois salariés;ETP;masse salariale\n"
    "departement;59;Associations;;2022;4120;61200;52300,5;1850000000\n"
    "region;32;Coopérative;Santé;2022;310;5400;;\n"
    "canton;12;;;2022;1;1;;\n"
    "departement;XX;;;2022;1;1;;\n"
    "departement;62;;;2022;;;;\n"
)


def _fichier(tmp_path, contenu=CSV, nom="chiffres.csv"):
    chemin = tmp_path / nom
    chemin.write_text(contenu, encoding="utf-8")
    return chemin


def test_import_des_chiffres_agreges_avec_erreurs_par_ligne(tmp_path):
    rapport = ImporteurChiffres("INSEE Flores", "2022").importer(lire_tableau(_fichier(tmp_path)))
    assert (rapport.creees, rapport.rejetees) == (2, 3)
    raisons = " ".join(e.raison for e in rapport.erreurs)
    assert "n'est pas un niveau connu" in raisons
    assert "aucun département de code « XX »" in raisons
    assert "aucun chiffre sur la ligne" in raisons
    nord = ChiffreImporte.objects.get(code="59")
    assert (nord.famille, nord.emplois, str(nord.etp)) == ("association", 61200, "52300.5")


def test_reimport_identique_ne_change_rien(tmp_path):
    ImporteurChiffres("INSEE Flores", "2022").importer(lire_tableau(_fichier(tmp_path)))
    rapport = ImporteurChiffres("INSEE Flores", "2022").importer(lire_tableau(_fichier(tmp_path)))
    assert (rapport.creees, rapport.inchangees) == (0, 2)


def test_sources_jamais_melangees(tmp_path, client):
    ImporteurChiffres("INSEE Flores", "2022").importer(lire_tableau(_fichier(tmp_path)))
    autre = _fichier(
        tmp_path,
        "niveau;code;année;emplois;source\ndepartement;59;2022;60000;URSSAF\n"
        "departement;59;2021;60000;INSEE Flores\n",
        "urssaf.csv",
    )
    rapport = ImporteurChiffres("URSSAF", "2022").importer(lire_tableau(autre))
    assert rapport.creees == 1 and rapport.rejetees == 1
    assert "différente de la source déclarée" in rapport.erreurs[0].raison
    assert any("restent séparés" in a for a in rapport.avertissements)
    html = client.get("/observatoire/departement/59/").content.decode()
    assert "INSEE Flores — millésime 2022" in html and "URSSAF — millésime 2022" in html


def test_commande_simulation(tmp_path, capsys):
    call_command(
        "import_chiffres",
        str(_fichier(tmp_path)),
        "--source",
        "INSEE Flores",
        "--millesime",
        "2022",
        "--dry-run",
    )
    sortie = capsys.readouterr().out
    assert "Simulation" in sortie and "ligne 4" in sortie
    assert not ChiffreImporte.objects.exists()


# Web import of figures by role and région: (role, régions, rows created). The file holds a
# row for the Nord (59) and one for Hauts-de-France (32), both in région 32.
MATRICE_IMPORT = {
    "visiteur": (Role.VISITEUR, [], None),
    "gestionnaire": (Role.GESTIONNAIRE, [], None),
    "partenaire_hdf": (Role.PARTENAIRE, ["32"], None),
    "charge_hdf": (Role.CHARGE_MISSION, ["32"], 2),
    "charge_normandie": (Role.CHARGE_MISSION, ["28"], 0),
    "charge_sans_region": (Role.CHARGE_MISSION, [], 0),
    "administrateur": (Role.ADMINISTRATEUR, [], 2),
}


@pytest.mark.parametrize("profil", sorted(MATRICE_IMPORT))
def test_matrice_de_l_import_web_des_chiffres(client, tmp_path, profil):
    from essaim.comptes.tests.factories import UtilisateurFactory

    role, regions, creees = MATRICE_IMPORT[profil]
    client.force_login(UtilisateurFactory(role=role, regions=regions))
    with open(_fichier(tmp_path), "rb") as f:
        reponse = client.post(
            "/observatoire/chiffres/importer/", {"fichier": f, "source": "INSEE Flores", "millesime": "2022"}
        )
    if creees is None:
        assert reponse.status_code == 403
        assert not ChiffreImporte.objects.exists()
        return
    assert ChiffreImporte.objects.filter(source="INSEE Flores").count() == creees
    page = client.get(reponse["Location"]).content.decode()
    assert f"{creees} créées" in page and "ligne 4" in page
    if creees == 0:
        # Regression: a Normandie chargé·e imported figures of région 32 and département 59.
        assert "ligne 2 : le territoire departement « 59 » est hors de vos régions" in page
        assert "ligne 3 : le territoire region « 32 » est hors de vos régions" in page
        client.logout()
        assert "INSEE Flores" not in client.get("/observatoire/departement/59/").content.decode()


def test_import_des_chiffres_d_une_autre_region_refuse_ligne_par_ligne(tmp_path):
    """The rows of one's own région are kept, the others rejected; France is for administrators."""
    from essaim.comptes.tests.factories import charge_de_mission

    contenu = (
        "niveau;code;année;emplois\ndepartement;14;2022;100\ndepartement;59;2022;200\n"
        "commune;59350;2022;300\nfrance;FR;2022;400\nregion;28;2022;500\n"
    )
    rapport = ImporteurChiffres("INSEE Flores", "2022", utilisateur=charge_de_mission("28")).importer(
        lire_tableau(_fichier(tmp_path, contenu))
    )
    assert (rapport.creees, rapport.rejetees) == (2, 3)
    assert sorted(ChiffreImporte.objects.values_list("code", flat=True)) == ["14", "28"]
    assert [(e.ligne, e.valeur) for e in rapport.erreurs] == [(3, "59"), (4, "59350"), (5, "FR")]
    assert all("hors de vos régions" in e.raison for e in rapport.erreurs)
