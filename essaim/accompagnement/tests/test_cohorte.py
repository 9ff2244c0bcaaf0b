"""The cohort dashboard of a call: figures computed from data built here, page and XLSX."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from essaim.accompagnement.enums import Periode, StatutAction
from essaim.accompagnement.models import Action, Convention
from essaim.accompagnement.services.cohorte import suivis_de_l_appel, tableau_cohorte
from essaim.accompagnement.services.suivis import declarer_resultat
from essaim.comptes.tests.factories import charge_de_mission

from .factories import appel_a_projets, jours, laureat

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohorte():
    appel = appel_a_projets(titre="Appel entrepreneuriat social")
    a = laureat(appel, nom="Atelier vélo", emplois=4, chiffre_affaires=100000).suivi
    b = laureat(appel, nom="Boutique solidaire", emplois=6, chiffre_affaires=200000).suivi
    laureat(appel, nom="Cantine", emplois=2, chiffre_affaires=None)
    Convention.objects.create(
        suivi=a, intitule="Convention", montant=12000, debut=jours(-400), fin=jours(700)
    )
    Action.objects.create(
        suivi=a, libelle="Diagnostic", echeance=jours(-300), jalon=True, statut=StatutAction.FAITE
    )
    Action.objects.create(suivi=a, libelle="Recrutement", echeance=jours(-5), jalon=True)
    Action.objects.create(suivi=b, libelle="Local trouvé", echeance=jours(30), jalon=True)
    declarer_resultat(a, periode=Periode.MOIS_6, valeurs={"emplois": 1, "chiffre_affaires": 30000})
    declarer_resultat(a, periode=Periode.MOIS_12, valeurs={"emplois": 3, "chiffre_affaires": 90000})
    declarer_resultat(b, periode=Periode.MOIS_6, valeurs={"emplois": 2})
    return appel


def test_les_chiffres_de_la_cohorte_sont_calcules_a_partir_des_suivis(cohorte):
    t = tableau_cohorte(cohorte, suivis_de_l_appel(cohorte))
    assert t["nombre"] == 3
    assert t["jalons_en_retard"] == 1
    assert t["avec_resultats"] == 2
    totaux = {x["cle"]: x for x in t["totaux"]}
    # Forecasts of the three applications; results: the latest declaration of each laureate.
    assert totaux["emplois"]["prevu"] == 12 and totaux["emplois"]["realise"] == 5
    assert totaux["emplois"]["declares"] == 2
    assert totaux["chiffre_affaires"]["prevu"] == 300000 and totaux["chiffre_affaires"]["realise"] == 90000
    lignes = {ligne["suivi"].titre: ligne for ligne in t["lignes"]}
    assert lignes["Atelier vélo"]["avancement"] == 50
    assert [a.libelle for a in lignes["Atelier vélo"]["en_retard"]] == ["Recrutement"]
    assert lignes["Atelier vélo"]["montant"] == 12000
    assert lignes["Cantine"]["avancement"] is None and lignes["Cantine"]["periodes"] == []


def test_le_tableau_de_bord_et_son_export_xlsx(client, cohorte):
    client.force_login(charge_de_mission("32"))
    url = reverse("accompagnement:cohorte", args=[cohorte.slug])
    texte = client.get(url).content.decode()
    assert '<strong id="nombre-laureats">3</strong>' in texte
    assert '<strong id="jalons-en-retard">1</strong>' in texte
    assert "Atelier vélo" in texte and "Recrutement" in texte
    reponse = client.get(url + "?format=xlsx")
    assert reponse["Content-Disposition"].endswith(f'cohorte-{cohorte.slug}.xlsx"')
    feuille = load_workbook(io.BytesIO(b"".join(reponse.streaming_content))).active
    lignes = list(feuille.values)
    entetes = lignes[0]
    assert (
        "Emplois créés à 3 ans (ETP) — prévu" in entetes
        and "Emplois créés à 3 ans (ETP) — 12 mois" in entetes
    )
    velo = next(ligne for ligne in lignes if ligne[0] == "Atelier vélo")
    assert velo[entetes.index("Emplois créés à 3 ans (ETP) — prévu")] == 4
    assert velo[entetes.index("Emplois créés à 3 ans (ETP) — 12 mois")] == 3
    assert velo[entetes.index("Jalons et actions en retard")] == 1


@pytest.mark.parametrize(
    "qui,attendu", [("staff_region", 200), ("staff_autre_region", 403), ("partenaire", 403)]
)
def test_le_tableau_de_bord_est_reserve_au_personnel_de_la_region(client, cohorte, qui, attendu):
    from essaim.comptes.tests.factories import partenaire

    user = {
        "staff_region": lambda: charge_de_mission("32"),
        "staff_autre_region": lambda: charge_de_mission("28"),
    }.get(qui, lambda: partenaire("32"))()
    client.force_login(user)
    assert client.get(reverse("accompagnement:cohorte", args=[cohorte.slug])).status_code == attendu
