"""Demo data (idempotent): laureates of the demo call at different stages, DLA referrals of
directory records, and the supported territories of Hauts-de-France (Arras and Valenciennes
as pilots, as in the CRESS's conference synthesis)."""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from essaim.annuaire.models import Structure
from essaim.appels.demo import SLUG
from essaim.appels.enums import Decision, StatutCandidature, TypeCandidat
from essaim.appels.models import Appel, Candidature
from essaim.appels.services.candidatures import decider
from essaim.conference.models import TransitionConference
from essaim.territoires.models import EPCI, Departement, Region

from .enums import BesoinDLA, EtapeDLA, IssueDLA, Periode, QualiteReferent, StatutAction, TypeEvenement
from .models import Action, Convention, Evenement, Orientation, ProjetTransition, Referent
from .services import dla, territoires
from .services.suivis import declarer_resultat

REGION = "32"
LAUREATS = [
    {
        "email": "ressourcerie.lens@essaim.local",
        "structure": "Ressourcerie du Bassin minier (association)",
        "reponses": {
            "nom_projet": "Ressourcerie du Bassin minier : collecte, réemploi et boutique solidaire",
            "resume": "Collecte d'objets, réparation et revente à petit prix, "
            "avec des salariés en insertion.",
            "stade": "developpement",
            "domaines": ["economie_circulaire", "insertion"],
            "commune": "62498",
            "emplois": 6,
            "budget": 240000,
            "contact": "ressourcerie.lens@essaim.local",
        },
        "stade": "resultats",
    },
    {
        "email": "cantine.roubaix@essaim.local",
        "structure": "La Cantine des Quartiers (SCIC)",
        "reponses": {
            "nom_projet": "La Cantine des Quartiers : restauration durable et accessible",
            "resume": "Un restaurant coopératif qui cuisine des produits locaux à prix solidaires.",
            "stade": "amorcage",
            "domaines": ["alimentation"],
            "commune": "59512",
            "emplois": 5,
            "budget": 160000,
            "contact": "cantine.roubaix@essaim.local",
        },
        "stade": "convention",
    },
    {
        "email": "numerique.amiens@essaim.local",
        "structure": "Clic Solidaire (association)",
        "reponses": {
            "nom_projet": "Clic Solidaire : reconditionnement d'ordinateurs et médiation numérique",
            "resume": "Des ordinateurs reconditionnés et des ateliers "
            "pour les personnes éloignées du numérique.",
            "stade": "idee",
            "domaines": ["numerique"],
            "commune": "80021",
            "emplois": 2,
            "contact": "numerique.amiens@essaim.local",
        },
        "stade": "ouvert",
    },
]

# (EPCI SIREN, pilot, status history [(status, date)], projects)
TERRITOIRES = [
    (
        "200033579",
        True,
        [("a_construire", (2022, 3, 1)), ("emergence", (2023, 6, 15)), ("ancree", (2025, 1, 20))],
    ),
    ("245901160", True, [("emergence", (2023, 2, 10)), ("ancree", (2024, 11, 5))]),
    ("200093201", False, [("emergence", (2024, 9, 1))]),
    ("200041762", False, [("a_construire", (2023, 5, 1)), ("emergence", (2025, 4, 1))]),
    ("246200364", False, [("a_construire", (2024, 1, 15))]),
    ("200069631", False, [("a_construire", (2025, 3, 3))]),
]


def _utilisateur(email, prenom="", nom=""):
    user, cree = get_user_model().objects.get_or_create(
        email=email, defaults={"first_name": prenom, "last_name": nom}
    )
    if cree:
        user.set_unusable_password()
        user.save()
    return user


def _laureats(stdout):
    appel = Appel.objects.filter(slug=SLUG).first()
    if appel is None or appel.candidatures.filter(decision=Decision.RETENUE).exists():
        return
    charge = get_user_model().objects.filter(email="charge.hdf@essaim.local").first()
    partenaire = get_user_model().objects.filter(email="partenaire.hdf@essaim.local").first()
    aujourd_hui = timezone.localdate()
    for donnees in LAUREATS:
        candidature = Candidature.objects.create(
            appel=appel,
            candidat=_utilisateur(donnees["email"]),
            type_candidat=TypeCandidat.ENTREPRISE_ESS,
            nom_structure=donnees["structure"],
            statut=StatutCandidature.DEPOSEE,
            deposee_le=timezone.now() - datetime.timedelta(days=8),
            reponses=donnees["reponses"],
        )
        decider(candidature, decision=Decision.RETENUE, par=charge, notifier=False)
        suivi = candidature.suivi
        suivi.accompagnateur = partenaire
        suivi.save(update_fields=["accompagnateur"])
        if donnees["stade"] == "ouvert":
            continue
        debut = aujourd_hui - datetime.timedelta(days=400 if donnees["stade"] == "resultats" else 20)
        Convention.objects.create(
            suivi=suivi,
            intitule="Convention d'accompagnement et de soutien",
            montant=15000 if donnees["stade"] == "resultats" else 10000,
            debut=debut,
            fin=debut + datetime.timedelta(days=3 * 365),
            signee_le=debut,
            conditions="Versement en deux fois ; bilan à 12 mois ; participation au Mois de l'ESS.",
        )
        jalons = [
            ("Diagnostic de départ partagé", 30, StatutAction.FAITE),
            (
                "Plan de financement bouclé",
                120,
                StatutAction.FAITE if donnees["stade"] == "resultats" else StatutAction.A_FAIRE,
            ),
            ("Premier recrutement", 10 if donnees["stade"] == "convention" else 200, StatutAction.A_FAIRE),
        ]
        for libelle, jours, statut in jalons:
            Action.objects.create(
                suivi=suivi,
                libelle=libelle,
                echeance=debut + datetime.timedelta(days=jours),
                jalon=True,
                statut=statut,
            )
        Evenement.objects.create(
            suivi=suivi,
            type=TypeEvenement.SEANCE,
            date=debut + datetime.timedelta(days=15),
            titre="Séance de lancement",
            texte="Revue du plan d'affaires et du calendrier des recrutements.",
            prochaines_etapes="Rencontrer deux financeurs solidaires ; préparer le tableau de trésorerie.",
            accompagnateur=partenaire,
            auteur=partenaire,
        )
        Evenement.objects.create(
            suivi=suivi,
            type=TypeEvenement.NOTE,
            date=debut + datetime.timedelta(days=16),
            titre="Point de vigilance",
            texte="Trésorerie tendue au démarrage : à surveiller.",
            interne=True,
            auteur=charge,
        )
        if donnees["stade"] == "resultats":
            declarer_resultat(
                suivi, periode=Periode.MOIS_6, valeurs={"emplois": 2, "budget": 90000}, par=charge
            )
            declarer_resultat(
                suivi, periode=Periode.MOIS_12, valeurs={"emplois": 4, "budget": 210000}, par=charge
            )
    if stdout:
        stdout.write("  Lauréats de l'appel entrepreneuriat social : trois suivis à différents stades.")


def _territoires(stdout):
    if not EPCI.objects.filter(code="200033579").exists():
        return
    structures = list(Structure.objects.filter(region_id=REGION, statut="publiee").order_by("pk")[:6])
    charge = get_user_model().objects.filter(email="charge.hdf@essaim.local").first()
    for code, pilote, historique, *_reste in TERRITOIRES:
        epci = EPCI.objects.filter(code=code).first()
        if epci is None:
            continue
        t = territoires.territoire_de(epci, REGION)
        if t.changements.exists():
            continue
        t.pilote = pilote
        t.save(update_fields=["pilote"])
        for statut, (a, m, j) in historique:
            territoires.changer_statut_politique(t, statut=statut, date=datetime.date(a, m, j), par=charge)
        if pilote:
            Referent.objects.create(
                territoire=t,
                qualite=QualiteReferent.ELU,
                nom="Élue déléguée à l'ESS",
                fonction="Vice-présidente",
            )
            Referent.objects.create(
                territoire=t,
                qualite=QualiteReferent.AGENT,
                nom="Chargé de mission ESS",
                fonction="Développement économique",
            )
            Convention.objects.create(
                suivi=t.suivi,
                intitule="Convention d'objectifs et de moyens ESS",
                montant=30000,
                debut=datetime.date(2025, 1, 1),
                fin=datetime.date(2027, 12, 31),
            )
            projet = ProjetTransition.objects.create(
                territoire=t,
                intitule="Feuille de route économie circulaire"
                if code == "200033579"
                else "Plan Bâtiment Durable",
                description="Projet mené avec les structures de l'ESS du territoire.",
                domaine="ecologique",
                debut=datetime.date(2025, 3, 1),
            )
            projet.structures.set(structures[:2] if code == "200033579" else structures[2:4])
            t.ptce.set(structures[4:5])
    if stdout:
        stdout.write("  Territoires accompagnés des Hauts-de-France (Arras et Valenciennes pilotes).")


def _orientations(stdout):
    if Orientation.objects.filter(region_id=REGION).exists():
        return
    structures = list(
        Structure.objects.filter(region_id=REGION, statut="publiee")
        .select_related("commune")
        .order_by("pk")[:3]
    )
    if not structures:
        return
    freins = list(TransitionConference.objects.filter(conference__region_id=REGION).exclude(freins="")[:1])
    charge = get_user_model().objects.filter(email="charge.hdf@essaim.local").first()
    besoins = [BesoinDLA.MODELE_ECONOMIQUE, BesoinDLA.GOUVERNANCE, BesoinDLA.TRANSITION_ECOLOGIQUE]
    for i, structure in enumerate(structures):
        departement = (
            Departement.objects.filter(code=structure.commune.departement_id).first()
            if structure.commune
            else None
        )
        orientation = dla.orienter(
            Orientation(
                structure=structure,
                region=Region.objects.get(code=REGION),
                departement=departement,
                besoin=besoins[i],
                domaine="ecologique" if i == 2 else "economique",
                prescripteur="CRESS Hauts-de-France",
                date_orientation=timezone.localdate() - datetime.timedelta(days=300 - 100 * i),
            ),
            par=charge,
        )
        if freins:
            orientation.freins.set(freins)
        if i == 0:
            dla.passer_etape(
                orientation,
                EtapeDLA.DIAGNOSTIC,
                date=orientation.date_orientation + datetime.timedelta(days=30),
            )
            dla.passer_etape(
                orientation,
                EtapeDLA.INGENIERIE,
                date=orientation.date_orientation + datetime.timedelta(days=90),
            )
            dla.passer_etape(
                orientation,
                EtapeDLA.TERMINEE,
                date=orientation.date_orientation + datetime.timedelta(days=200),
                issue=IssueDLA.ACCOMPAGNEE,
            )
        elif i == 1:
            dla.passer_etape(
                orientation,
                EtapeDLA.DIAGNOSTIC,
                date=orientation.date_orientation + datetime.timedelta(days=20),
            )
    if stdout:
        stdout.write(f"  {len(structures)} orientations DLA de structures de l'annuaire.")


@transaction.atomic
def charger(stdout=None):
    if not Region.objects.filter(code=REGION).exists():
        return
    _laureats(stdout)
    _territoires(stdout)
    _orientations(stdout)
