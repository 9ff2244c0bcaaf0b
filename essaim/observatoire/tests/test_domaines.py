"""The NAF rév. 2 → transition domain correspondence: shipped default, idempotent loading,
staff edits with history, counting on real NAF codes (nothing dropped)."""

import csv
import re

import pytest

from essaim.commun import naf
from essaim.observatoire.models import CorrespondanceNAF, DomaineTransition
from essaim.observatoire.services.domaines import (
    FICHIER_CORRESPONDANCE,
    FICHIER_DOMAINES,
    NON_CLASSE,
    SOURCE_CORRESPONDANCE,
    charger_reference,
    par_domaine,
)

pytestmark = pytest.mark.django_db


def test_fichier_livre_est_bien_forme():
    domaines = {
        ligne["code"] for ligne in csv.DictReader(FICHIER_DOMAINES.open(encoding="utf-8"), delimiter=";")
    }
    assert {"economie-circulaire", "batiment-energie", "mobilite-douce", "alimentation-durable"} <= domaines
    lignes = list(csv.DictReader(FICHIER_CORRESPONDANCE.open(encoding="utf-8"), delimiter=";"))
    codes = [ligne["code_naf"] for ligne in lignes]
    assert len(codes) == len(set(codes))
    for ligne in lignes:
        assert re.fullmatch(r"\d{2}\.\d{2}[A-Z]", ligne["code_naf"]), ligne
        assert ligne["domaine"] in domaines and ligne["libelle_naf"] and ligne["justification"], ligne
    # Real NAF rév. 2 sub-classes, with their INSEE labels (nomenclature shipped in commun).
    nomenclature = naf.nomenclature()
    for ligne in lignes:
        assert nomenclature.get(ligne["code_naf"]) == ligne["libelle_naf"], ligne
    assert "éco-activités" in SOURCE_CORRESPONDANCE and "Eurostat" in SOURCE_CORRESPONDANCE


def test_vrais_codes_naf_classes_et_non_classes():
    charger_reference()
    activites = {
        "38.11Z": 2,  # Collecte des déchets non dangereux
        "38.32Z": 3,  # Récupération de déchets triés
        "47.79Z": 1,  # Commerce de détail de biens d'occasion en magasin (ressourcerie)
        "95.29Z": 1,  # Réparation d'autres biens personnels et domestiques (atelier vélo)
        "43.29A": 4,  # Travaux d'isolation
        "35.11Z": 1,  # Production d'électricité
        "49.39B": 2,  # Autres transports routiers de voyageurs (transport solidaire)
        "01.13Z": 5,  # Culture de légumes (maraîchage)
        "37.00Z": 1,  # Collecte et traitement des eaux usées
        "88.99B": 7,  # Action sociale sans hébergement n.c.a.
        "94.99Z": 9,  # Autres organisations fonctionnant par adhésion volontaire
        "85.3K": 1,  # NAF rév. 1 code still found on old establishments
        "": 2,  # activity not filled in
    }
    comptes = par_domaine(activites)
    assert comptes["economie-circulaire"] == 7
    assert comptes["batiment-energie"] == 5
    assert comptes["mobilite-douce"] == 2
    assert comptes["alimentation-durable"] == 5
    assert comptes["eau-biodiversite"] == 1
    assert comptes[NON_CLASSE] == 19
    assert sum(comptes.values()) == sum(activites.values())  # never dropped
    assert list(comptes)[-1] == NON_CLASSE


def test_chargement_idempotent_garde_les_modifications_du_personnel():
    assert charger_reference() > 50
    n = CorrespondanceNAF.objects.count()
    assert charger_reference() == 0 and CorrespondanceNAF.objects.count() == n
    # Staff move a code and delete another: history kept, the next load brings neither back.
    mobilite = DomaineTransition.objects.get(code="mobilite-douce")
    velo = CorrespondanceNAF.objects.get(code_naf="95.29Z")
    velo.domaine = mobilite
    velo.justification = "ateliers vélo : mobilité douce (choix de la CRESS)"
    velo.save()
    CorrespondanceNAF.objects.get(code_naf="47.11B").delete()
    assert charger_reference() == 0
    assert CorrespondanceNAF.objects.get(code_naf="95.29Z").domaine == mobilite
    assert not CorrespondanceNAF.objects.filter(code_naf="47.11B").exists()
    assert [h.domaine.code for h in velo.history.order_by("history_date")] == [
        "economie-circulaire",
        "mobilite-douce",
    ]
    assert par_domaine({"95.29Z": 1, "47.11B": 1}) == {
        "economie-circulaire": 0,
        "batiment-energie": 0,
        "mobilite-douce": 1,
        "alimentation-durable": 0,
        "eau-biodiversite": 0,
        NON_CLASSE: 1,
    }


def test_admin_de_la_correspondance_avec_historique(admin_client):
    charger_reference()
    correspondance = CorrespondanceNAF.objects.get(code_naf="38.32Z")
    assert admin_client.get("/admin/observatoire/correspondancenaf/").status_code == 200
    url = f"/admin/observatoire/correspondancenaf/{correspondance.pk}/history/"
    assert admin_client.get(url).status_code == 200
