"""« Mon espace »: what waits for each role, with counts and links, never outside the scope."""

import datetime
import re

import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone

from essaim.annuaire.enums import MotifSignalement, StatutDemande, StatutStructure
from essaim.annuaire.models import Revendication, Signalement
from essaim.annuaire.reference import charger
from essaim.annuaire.tests.factories import StructureFactory
from essaim.appels.tests.factories import AppelFactory, CandidatureFactory, EvaluationFactory
from essaim.commun.models import StatutTravail, Travail
from essaim.comptes.enums import Role
from essaim.conference.enums import StatutFiche, StatutInscription
from essaim.conference.models import FicheSynthese, Inscription
from essaim.conference.tests.factories import AtelierFactory, ConferenceFactory, utilisateur

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _vocabulaires(db):
    charger()


def _bloc(contenu: str, cle: str) -> str:
    """The HTML of one block of the page ("" when the block is absent)."""
    trouve = re.search(rf'<section class="carte-contenu" id="bloc-{cle}".*?</section>', contenu, re.S)
    return trouve.group(0) if trouve else ""


def _nombre(bloc: str, href: str) -> int:
    trouve = re.search(
        rf'<a href="{re.escape(href)}">[^<]*</a> <span class="badge[^"]*" data-nombre="(\d+)"', bloc
    )
    assert trouve, f"{href} absent du bloc"
    return int(trouve.group(1))


@pytest.fixture
def monde(db):
    """Two régions' worth of pending work."""
    hdf_attente = StructureFactory(nom="Fiche HDF en attente", statut=StatutStructure.EN_ATTENTE)
    StructureFactory(nom="Deuxième fiche HDF en attente", statut=StatutStructure.EN_ATTENTE)
    StructureFactory(nom="Fiche normande en attente", statut=StatutStructure.EN_ATTENTE, commune="14118")
    publiee = StructureFactory(nom="Fiche HDF publiée")
    Signalement.objects.create(
        structure=publiee, motif=MotifSignalement.values[0], commentaire="Fermée", email="a@b.fr"
    )
    demandeur = utilisateur(Role.GESTIONNAIRE, email="demandeur@exemple.fr")
    Revendication.objects.create(
        structure=publiee, demandeur=demandeur, fonction="Directrice", statut=StatutDemande.EN_ATTENTE
    )
    return {"hdf_attente": hdf_attente, "publiee": publiee, "demandeur": demandeur}


def test_anonyme_est_invite_a_se_connecter(client):
    reponse = client.get("/mon-espace/")
    assert reponse.status_code == 302 and reponse["Location"].startswith("/comptes/login/")


def test_l_entete_mene_a_mon_espace_et_la_connexion_aussi(client):
    compte = utilisateur(Role.VISITEUR, email="ines@exemple.fr")
    client.force_login(compte)
    assert '<a href="/mon-espace/">Mon espace</a>' in client.get("/").content.decode()
    client.logout()
    EmailAddress.objects.create(user=compte, email=compte.email, verified=True, primary=True)
    reponse = client.post("/comptes/login/", {"login": "ines@exemple.fr", "password": "motdepasse-solide-42"})
    assert reponse["Location"] == "/mon-espace/"


def test_charge_de_mission_voit_la_moderation_de_sa_region(client, monde):
    staff = utilisateur(Role.CHARGE_MISSION, regions=["32"])
    client.force_login(staff)
    contenu = client.get("/mon-espace/").content.decode()
    moderation = _bloc(contenu, "moderation")
    assert "Annuaire : modération" in moderation
    assert _nombre(moderation, "/annuaire/moderation/#t-fiches") == 2  # not the Normandy one
    assert _nombre(moderation, "/annuaire/moderation/#t-signalements") == 1
    assert _nombre(moderation, "/annuaire/moderation/#t-revendications") == 1
    assert _nombre(moderation, "/annuaire/moderation/#t-modifs") == 0
    assert _nombre(moderation, "/annuaire/doublons/") >= 0
    for lien in ("/annuaire/imports/", "/annuaire/moderation/reglages/", "/appels/nouveau/"):
        assert f'href="{lien}"' in contenu


def test_charge_de_mission_d_une_autre_region_ne_voit_pas_ces_fiches(client, monde):
    staff = utilisateur(Role.CHARGE_MISSION, regions=["28"])
    client.force_login(staff)
    moderation = _bloc(client.get("/mon-espace/").content.decode(), "moderation")
    assert _nombre(moderation, "/annuaire/moderation/#t-fiches") == 1
    assert _nombre(moderation, "/annuaire/moderation/#t-signalements") == 0
    assert _nombre(moderation, "/annuaire/moderation/#t-revendications") == 0


def test_gestionnaire_voit_ses_fiches_sa_demande_et_ses_inscriptions_mais_pas_la_moderation(client, monde):
    demandeur = monde["demandeur"]
    StructureFactory(nom="Ma recyclerie", statut=StatutStructure.BROUILLON, gestionnaires=[demandeur])
    conference = ConferenceFactory(annee=timezone.localdate().year + 1)
    atelier = AtelierFactory(conference=conference, intitule="Atelier à venir")
    passe = AtelierFactory(conference=conference, intitule="Atelier passé", date=datetime.date(2020, 1, 1))
    for a in (atelier, passe):
        Inscription.objects.create(
            atelier=a,
            utilisateur=demandeur,
            prenom="Inès",
            nom="D",
            email=demandeur.email,
            statut=StatutInscription.CONFIRMEE,
            conserver_jusqu_au=timezone.localdate() + datetime.timedelta(days=365),
        )
    CandidatureFactory(candidat=demandeur)
    client.force_login(demandeur)
    contenu = client.get("/mon-espace/").content.decode()
    assert _bloc(contenu, "moderation") == "" and "/annuaire/moderation/" not in contenu
    assert _bloc(contenu, "appels") == "" and _bloc(contenu, "conference") == ""
    structures = _bloc(contenu, "structures")
    assert "Ma recyclerie" in structures and "Brouillon" in structures
    assert "Demande de gestion en attente : Fiche HDF publiée" in structures
    assert 'href="/annuaire/inscription/"' in structures
    inscriptions = _bloc(contenu, "inscriptions")
    assert "Atelier à venir" in inscriptions and "Atelier passé" not in inscriptions
    assert _nombre(inscriptions, "/appels/mes-candidatures/") == 1


def test_membre_du_comite_voit_les_candidatures_qu_il_n_a_pas_evaluees(client):
    membre = utilisateur(Role.PARTENAIRE, regions=["32"], email="comite@exemple.fr")
    appel = AppelFactory(titre="Appel des transitions", comite=[membre])
    CandidatureFactory(appel=appel)
    CandidatureFactory(appel=appel)
    EvaluationFactory(candidature=CandidatureFactory(appel=appel), evaluateur=membre)
    deux_avis = CandidatureFactory(appel=appel)
    EvaluationFactory(candidature=deux_avis, evaluateur=membre)
    EvaluationFactory(candidature=deux_avis)  # another member's review
    AppelFactory(titre="Appel d'un autre comité")
    client.force_login(membre)
    contenu = client.get("/mon-espace/").content.decode()
    appels = _bloc(contenu, "appels")
    assert _nombre(appels, f"/appels/{appel.slug}/comite/") == 2
    assert "Appel d'un autre comité" not in contenu and "Créer un appel" not in contenu
    assert _bloc(contenu, "moderation") == ""


def test_organisateur_voit_sa_fiche_de_synthese_en_retard_et_le_staff_celles_a_valider(client):
    conference = ConferenceFactory(annee=2025)
    en_retard = AtelierFactory(
        conference=conference, intitule="Atelier sans fiche", date=datetime.date(2025, 3, 1)
    )
    deposee = AtelierFactory(
        conference=conference, intitule="Atelier fiche déposée", date=datetime.date(2025, 3, 2)
    )
    FicheSynthese.objects.create(atelier=deposee, statut=StatutFiche.DEPOSEE)
    AtelierFactory(conference=conference, intitule="Atelier d'un autre", date=datetime.date(2025, 3, 3))
    organisateur = utilisateur(Role.GESTIONNAIRE, email="orga@exemple.fr")
    en_retard.responsables.add(organisateur)
    client.force_login(organisateur)
    bloc = _bloc(client.get("/mon-espace/").content.decode(), "conference")
    assert "Fiche de synthèse en retard : Atelier sans fiche" in bloc
    assert f'href="/conferences/{conference.slug}/ateliers/{en_retard.pk}/fiche/"' in bloc
    assert "Atelier d&#x27;un autre" not in bloc and "à valider" not in bloc

    staff = utilisateur(Role.CHARGE_MISSION, regions=["32"])
    client.force_login(staff)
    bloc = _bloc(client.get("/mon-espace/").content.decode(), "conference")
    assert _nombre(bloc, f"/conferences/{conference.slug}/gestion/") == 1
    assert _nombre(bloc, "/conferences/") == 2  # two workshops past without a filed sheet
    client.force_login(utilisateur(Role.CHARGE_MISSION, regions=["28"]))
    assert _bloc(client.get("/mon-espace/").content.decode(), "conference") == ""


def test_mes_imports_termines_ou_en_echec(client):
    staff = utilisateur(Role.CHARGE_MISSION, regions=["32"])
    autre = utilisateur(Role.CHARGE_MISSION, regions=["32"])
    fini = Travail.objects.create(
        nature="import",
        libelle="Import des fiches de mars",
        statut=StatutTravail.TERMINE,
        cree_par=staff,
        region_code="32",
        fin=timezone.now(),
    )
    echoue = Travail.objects.create(
        nature="import",
        libelle="Import raté",
        statut=StatutTravail.ECHEC,
        cree_par=staff,
        region_code="32",
        fin=timezone.now(),
    )
    Travail.objects.create(
        nature="import",
        libelle="Import de quelqu'un d'autre",
        statut=StatutTravail.TERMINE,
        cree_par=autre,
        region_code="32",
        fin=timezone.now(),
    )
    client.force_login(staff)
    bloc = _bloc(client.get("/mon-espace/").content.decode(), "travaux")
    assert f'href="/taches/{fini.pk}/">Import des fiches de mars</a>' in bloc and "Terminé" in bloc
    assert f'href="/taches/{echoue.pk}/">Import raté</a>' in bloc and "Échec" in bloc
    assert "quelqu&#x27;un d&#x27;autre" not in bloc


def test_chaque_lien_de_mon_espace_mene_a_une_page(client, monde):
    """Every back-office page linked from « Mon espace » answers for the role that sees it."""
    staff = utilisateur(Role.CHARGE_MISSION, regions=["32"])
    ConferenceFactory()
    AppelFactory()
    client.force_login(staff)
    contenu = client.get("/mon-espace/").content.decode()
    liens = set(re.findall(r'<li><a href="(/[^"#]*)', contenu))
    assert len(liens) >= 8
    assert {"/observatoire/chiffres/importer/", "/observatoire/millesimes/"} <= liens
    assert any(lien.endswith("/gestion/import/") for lien in liens)
    for lien in liens:
        reponse = client.get(lien)
        assert reponse.status_code == 200, lien
        assert "<h1" in reponse.content.decode(), lien


def test_mon_espace_en_anglais(client, monde):
    client.force_login(utilisateur(Role.CHARGE_MISSION, regions=["32"]))
    client.cookies["django_language"] = "en"
    contenu = client.get("/mon-espace/").content.decode()
    assert "My space" in contenu and "Records to moderate" in contenu and "My organisations" in contenu
    assert "Fiches à modérer" not in contenu and "Mes structures" not in contenu


def test_les_grands_nombres_ont_un_separateur_de_milliers(client):
    staff = utilisateur(Role.CHARGE_MISSION, regions=["32"])
    travail = Travail.objects.create(
        nature="import",
        libelle="Gros import",
        statut=StatutTravail.EN_COURS,
        cree_par=staff,
        fait=9403,
        total=12000,
    )
    client.force_login(staff)
    contenu = client.get(f"/taches/{travail.pk}/").content.decode()
    assert re.search(r"9[\u202f\u00a0 ]403 / 12[\u202f\u00a0 ]000", contenu) and "9403" not in contenu


@pytest.mark.parametrize(
    "adresse",
    [
        "/annuaire/moderation/",
        "/annuaire/imports/",
        "/annuaire/doublons/",
        "/appels/nouveau/",
        "/mon-espace/",
    ],
)
def test_un_anonyme_sur_une_page_de_gestion_est_invite_a_se_connecter_en_francais(client, adresse):
    reponse = client.get(adresse, follow=True)
    contenu = reponse.content.decode()
    assert '<html lang="fr">' in contenu and "Forbidden" not in contenu
    assert "Se connecter" in contenu and "/comptes/login/?next=" in (
        contenu + "".join(url for url, _ in reponse.redirect_chain)
    )
