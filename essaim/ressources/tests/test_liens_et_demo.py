"""Background link check (recorded answers, offline), demo data and the API contract."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from essaim.commun.models import Travail

from .. import demo
from ..enums import EtatLien, StatutRessource
from ..models import Ressource
from ..providers import liens
from ..services.liens import appliquer_resultat, lancer_verification
from .factories import RessourceFactory

pytestmark = pytest.mark.django_db


def test_verification_en_tache_de_fond_avec_reponses_enregistrees(vocabulaires, _liens_enregistres):
    valide = RessourceFactory(url="https://www.udes.fr/mesure-de-limpact-environnemental")
    morte = RessourceFactory(url="https://www.economie.gouv.fr/daj/schema-promotion-achats-responsables-2019")
    protegee = RessourceFactory(url="https://www.site-protege.fr/outil")
    hors_ligne = RessourceFactory(url="https://inconnu.exemple.fr/page")
    travail = lancer_verification([valide.pk, morte.pk, protegee.pk, hors_ligne.pk])
    travail.refresh_from_db()
    assert travail.resultat == {"verifies": 4, "valide": 1, "mort": 1, "injoignable": 2}
    for r in (valide, morte, protegee, hors_ligne):
        r.refresh_from_db()
    assert valide.etat_lien == EtatLien.VALIDE and valide.lien_verifie_le
    assert morte.etat_lien == EtatLien.MORT and morte.lien_mort_depuis
    assert morte.lien_detail == "Page introuvable (erreur 404)"
    # A site that blocks robots, or no network: nothing is flagged dead.
    assert protegee.etat_lien == EtatLien.INJOIGNABLE and protegee.lien_mort_depuis is None
    assert hors_ligne.etat_lien == EtatLien.INJOIGNABLE
    assert "Pas de réponse" in hors_ligne.lien_detail


def test_un_lien_mort_garde_sa_date_et_hors_ligne_ne_l_efface_pas(vocabulaires):
    ressource = RessourceFactory()
    premier = timezone.now() - timezone.timedelta(days=10)
    appliquer_resultat(ressource.pk, liens.ResultatLien(EtatLien.MORT, 404, "Page introuvable"), premier)
    appliquer_resultat(ressource.pk, liens.ResultatLien(EtatLien.MORT, 404, "Page introuvable"))
    appliquer_resultat(ressource.pk, liens.ResultatLien(EtatLien.INJOIGNABLE, None, "Pas de réponse"))
    ressource.refresh_from_db()
    assert ressource.etat_lien == EtatLien.MORT and ressource.lien_mort_depuis == premier
    appliquer_resultat(ressource.pk, liens.ResultatLien(EtatLien.VALIDE, 200, "Réponse 200"))
    ressource.refresh_from_db()
    assert ressource.etat_lien == EtatLien.VALIDE and ressource.lien_mort_depuis is None
    assert ressource.history.count() == 1  # checks write no history


def test_le_transport_reel_degrade_sans_reseau():
    # The network is blocked in tests: the real transport answers "unreachable", never raises.
    resultat = liens.verifier("https://www.udes.fr/mesure-de-limpact-environnemental")
    assert resultat.etat in (EtatLien.INJOIGNABLE, EtatLien.VALIDE)


def test_commande_simulation_puis_verification(vocabulaires):
    RessourceFactory(url="https://www.appelaprojets.org/")
    RessourceFactory(url="")
    sortie = io.StringIO()
    call_command("verifier_liens_ressources", "--dry-run", stdout=sortie)
    assert "1 lien(s) à vérifier (simulation" in sortie.getvalue()
    assert not Travail.objects.exists()
    call_command("verifier_liens_ressources", stdout=io.StringIO())
    assert Ressource.objects.get(url__contains="appelaprojets").etat_lien == EtatLien.VALIDE


def test_demo_du_document_003_idempotente_et_contrat_de_l_api(
    client, vocabulaires, django_capture_on_commit_callbacks
):
    from essaim.conference import demo as demo_conference

    with django_capture_on_commit_callbacks(execute=True):
        demo_conference.charger()
    promues = Ressource.objects.count()
    assert promues >= 10  # the consolidation and the issues of the 2023 edition
    demo.charger(forcer=True)
    demo.charger(forcer=True)
    assert Ressource.objects.count() == promues + (Ressource.objects.filter(source="demo").count())
    titres = set(Ressource.objects.values_list("titre", flat=True))
    for attendu in (
        "Calculateur carbone",
        "Kit d'animation Visée 360°",
        "Je parle avec mon banquier",
        "Les nouveaux métiers 2030",
        "Plateforme ACTIF",
        "Boîte à Assos",
        "Loi AGEC",
        "SPASER",
        "Guid'Asso",
        "VALOR'ESS",
    ):
        assert attendu in titres
    # The consolidation's podcast lines without URL became the document's episodes.
    assert not Ressource.objects.filter(titre__startswith="Podcast « Qui font bouger").exists()
    assert not Ressource.objects.filter(titre="Guide France Active « Je parle avec mon banquier »").exists()
    assert Ressource.objects.filter(titre="Loi Climat et Résilience").count() == 1
    banquier = Ressource.objects.get(titre="Je parle avec mon banquier")
    assert banquier.editeur == "France Active" and banquier.url == ""
    assert banquier.conferences.filter(slug=demo_conference.SLUG).exists()
    assert client.get("/api/v1/ressources/?type=podcast").json()["count"] >= 4
    assert client.get("/api/v1/ressources/").json()["count"] >= 20
    assert client.get("/api/v1/ressources/?territoire=32").json()["count"] >= 15
    assert not Ressource.objects.exclude(statut=StatutRessource.PUBLIEE).exists()


def test_indicateur_ressources_publiees_par_region_et_periode(vocabulaires):
    import datetime

    from essaim.commun import indicateurs
    from essaim.territoires.models import Region

    jour = datetime.datetime(2025, 3, 10, 12, tzinfo=datetime.UTC)
    RessourceFactory(publiee_le=jour)
    RessourceFactory(publiee_le=jour.replace(year=2024))
    RessourceFactory(publiee_le=jour, statut=StatutRessource.ARCHIVEE)
    RessourceFactory(publiee_le=jour, region=Region.objects.get(code="28"))
    annee = {"debut": datetime.date(2025, 1, 1), "fin": datetime.date(2025, 12, 31)}
    assert indicateurs.calculer("ressources-publiees", region="32", **annee) == 1
    assert indicateurs.calculer("ressources-publiees", region="28", **annee) == 1
    assert indicateurs.obtenir("ressources-publiees").app == "ressources"
