"""Demo data: a call for projects in social entrepreneurship, to show the app is generic
(the conference's call for workshops is created by the conference module)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from essaim.territoires.models import Region

from .enums import NaturePiece, StatutCandidature, TypeCandidat
from .models import Appel, Candidature, PieceKit

SLUG = "entrepreneuriat-social-2026-hdf"

FORMULAIRE = [
    {"cle": "nom_projet", "libelle": "Nom du projet", "type": "texte", "obligatoire": True},
    {
        "cle": "resume",
        "libelle": "Résumé du projet",
        "type": "texte_long",
        "obligatoire": True,
        "aide": "Le besoin social auquel le projet répond, le public visé, l'activité (2 000 signes).",
    },
    {
        "cle": "stade",
        "libelle": "Stade d'avancement",
        "type": "choix",
        "obligatoire": True,
        "choix": [["idee", "Idée"], ["amorcage", "Amorçage"], ["developpement", "Développement"]],
    },
    {
        "cle": "statut_envisage",
        "libelle": "Statut juridique (envisagé)",
        "type": "choix",
        "obligatoire": False,
        "choix": [
            ["association", "Association"],
            ["scop", "SCOP"],
            ["scic", "SCIC"],
            ["sas_esus", "SAS agréée ESUS"],
            ["autre", "Autre"],
        ],
    },
    {
        "cle": "domaines",
        "libelle": "Domaines d'impact",
        "type": "choix_multiple",
        "obligatoire": True,
        "choix": [
            ["insertion", "Insertion par l'activité économique"],
            ["alimentation", "Alimentation durable"],
            ["economie_circulaire", "Économie circulaire"],
            ["mobilite", "Mobilité solidaire"],
            ["numerique", "Numérique responsable"],
        ],
    },
    {"cle": "commune", "libelle": "Commune d'implantation", "type": "commune", "obligatoire": True},
    {"cle": "lancement", "libelle": "Lancement de l'activité", "type": "mois_ou_date", "obligatoire": False},
    {
        "cle": "emplois",
        "libelle": "Emplois créés à 3 ans (ETP)",
        "type": "nombre",
        "obligatoire": True,
        "min": 0,
    },
    {
        "cle": "budget",
        "libelle": "Budget prévisionnel de la 1re année (€)",
        "type": "nombre",
        "obligatoire": False,
    },
    {"cle": "site", "libelle": "Site web ou page du projet", "type": "url", "obligatoire": False},
    {
        "cle": "contact",
        "libelle": "E-mail du porteur ou de la porteuse",
        "type": "email",
        "obligatoire": True,
    },
    {
        "cle": "partenaires",
        "libelle": "Structures partenaires",
        "type": "structures",
        "obligatoire": False,
        "aide": "Une par ligne : incubateur, financeur, réseau d'accompagnement…",
    },
    {
        "cle": "business_plan",
        "libelle": "Plan d'affaires",
        "type": "fichier",
        "obligatoire": False,
        "extensions": ["pdf", "odt", "docx"],
        "taille_max_mo": 5,
    },
]

DESCRIPTION = """<p>La CRESS Hauts-de-France et ses partenaires lancent l'appel à projets
<strong>entrepreneuriat social 2026</strong> : il accompagne la création et le développement
d'entreprises de l'ESS qui répondent à un besoin social ou environnemental du territoire.</p>
<h3>Ce que l'appel apporte</h3>
<ul><li>un accompagnement de 12 mois par un réseau spécialisé ;</li>
<li>une mise en relation avec les financeurs solidaires de la région ;</li>
<li>une visibilité lors du Mois de l'ESS.</li></ul>
<h3>Calendrier</h3>
<p>Dépôt des candidatures en ligne, examen par un comité de sélection réunissant la CRESS, la Région
et les réseaux d'accompagnement, puis réponse par e-mail à chaque candidat.</p>"""


@transaction.atomic
def charger_demo(stdout=None):
    region = Region.objects.filter(code="32").first()
    if region is None:
        return
    if Appel.objects.filter(slug=SLUG).exists():
        if stdout:
            stdout.write("  Appel de démonstration déjà présent.")
        return
    maintenant = timezone.now()
    appel = Appel.objects.create(
        titre="Appel à projets entrepreneuriat social 2026",
        slug=SLUG,
        region=region,
        chapeau="Créer ou développer une entreprise de l'ESS en Hauts-de-France : candidatez en ligne.",
        description=DESCRIPTION,
        ouverture=maintenant - timedelta(days=10),
        cloture=maintenant + timedelta(days=50),
        types_candidats=[TypeCandidat.ENTREPRISE_ESS, TypeCandidat.RESEAU],
        formulaire=FORMULAIRE,
        libelles_decision={"retenue": "Lauréat", "refusee": "Non retenu"},
        webinaire_titre="Webinaire de présentation de l'appel à projets",
        webinaire_date=maintenant + timedelta(days=7),
        webinaire_duree=60,
        webinaire_lien="https://visio.example.org/entrepreneuriat-social-2026",
        contact_email="appels@cress-hdf.example.org",
    )
    PieceKit.objects.create(
        appel=appel,
        titre="Règlement de l'appel à projets",
        nature=NaturePiece.TEXTE_APPEL,
        fichier=ContentFile(
            "Appel à projets entrepreneuriat social 2026 — règlement\n\n"
            "1. Objet\n2. Structures éligibles\n3. Critères de sélection\n4. Calendrier\n".encode(),
            name="reglement-entrepreneuriat-social-2026.txt",
        ),
    )
    Utilisateur = get_user_model()
    membres = Utilisateur.objects.filter(email__in=["partenaire.hdf@essaim.local", "charge.hdf@essaim.local"])
    appel.comite.set(membres)
    porteur, cree = Utilisateur.objects.get_or_create(
        email="porteuse.projet@essaim.local", defaults={"first_name": "Inès", "last_name": "Porteuse"}
    )
    if cree:
        porteur.set_unusable_password()
        porteur.save()
    Candidature.objects.create(
        appel=appel,
        candidat=porteur,
        type_candidat=TypeCandidat.ENTREPRISE_ESS,
        nom_structure="Vélo Solidaire (SCIC en création)",
        statut=StatutCandidature.DEPOSEE,
        deposee_le=maintenant - timedelta(days=2),
        reponses={
            "nom_projet": "Vélo Solidaire : atelier de réparation et location de vélos",
            "resume": "Un atelier d'autoréparation et de location de vélos reconditionnés, qui emploie "
            "des personnes en insertion et facilite la mobilité des habitants des quartiers prioritaires.",
            "stade": "amorcage",
            "statut_envisage": "scic",
            "domaines": ["insertion", "mobilite", "economie_circulaire"],
            "commune": "59350",
            "lancement": "2026-09",
            "emplois": 4,
            "budget": 185000,
            "contact": "porteuse.projet@essaim.local",
            "partenaires": [{"nom": "France Active Hauts-de-France", "structure_id": None}],
        },
    )
    if stdout:
        stdout.write("  Appel « entrepreneuriat social 2026 » (Hauts-de-France) et une candidature.")
