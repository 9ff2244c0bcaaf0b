"""Seed the directory's vocabularies (themes, transitions, agréments). Idempotent: existing
rows keep staff's edited labels; missing rows are created."""

from django.db import transaction
from django.utils import translation

from essaim.commun.ess import Transition as TransitionESS

from .models import Agrement, Theme, Transition

THEMES = [
    (
        "economie-circulaire",
        "Économie circulaire",
        [
            ("gestion-ressources-dechets", "Gestion des ressources et des déchets"),
            ("seconde-vie-produits", "Seconde vie des produits (réparation, réemploi, recyclerie)"),
            ("ecoconception", "Écoconception"),
            ("recuperation-invendus", "Récupération d'invendus"),
        ],
    ),
    ("agriculture-alimentation", "Agriculture et alimentation durables", []),
    ("batiment-durable", "Bâtiment durable", []),
    ("energie", "Énergie", []),
    ("mobilite", "Mobilité douce et solidaire", []),
    ("biodiversite-eau", "Biodiversité et eau", []),
    ("sensibilisation-education", "Sensibilisation et éducation à l'environnement", []),
    ("numerique-responsable", "Numérique responsable", []),
    ("recherche-developpement", "Recherche et développement", []),
]


AGREMENTS = [
    ("ESUS", "Entreprise solidaire d'utilité sociale"),
    ("SCOP", "Société coopérative et participative"),
    ("SCIC", "Société coopérative d'intérêt collectif"),
    ("CAE", "Coopérative d'activité et d'emploi"),
    ("SIAE-ACI", "SIAE — Atelier et chantier d'insertion"),
    ("SIAE-EI", "SIAE — Entreprise d'insertion"),
    ("SIAE-ETTI", "SIAE — Entreprise de travail temporaire d'insertion"),
    ("SIAE-AI", "SIAE — Association intermédiaire"),
    ("SIAE-EITI", "SIAE — Entreprise d'insertion par le travail indépendant"),
    ("GEIQ", "Groupement d'employeurs pour l'insertion et la qualification"),
    ("ESAT", "Établissement et service d'accompagnement par le travail"),
    ("EA", "Entreprise adaptée"),
    ("RUP", "Reconnue d'utilité publique"),
    ("JEP", "Agrément jeunesse et éducation populaire"),
]


@transaction.atomic
def charger(stdout=None):
    crees = 0
    for ordre, (code, libelle, enfants) in enumerate(THEMES, start=1):
        parent, cree = Theme.objects.get_or_create(
            code=code, defaults={"libelle": libelle, "ordre": ordre * 10}
        )
        crees += cree
        for rang, (code_enfant, libelle_enfant) in enumerate(enfants, start=1):
            _, cree = Theme.objects.get_or_create(
                code=code_enfant,
                defaults={"libelle": libelle_enfant, "parent": parent, "ordre": ordre * 10 + rang},
            )
            crees += cree
    with translation.override("fr"):  # the labels stored are the French ones
        for t in TransitionESS:
            crees += Transition.objects.get_or_create(code=t.value, defaults={"libelle": str(t.label)})[1]
    for code, libelle in AGREMENTS:
        crees += Agrement.objects.get_or_create(code=code, defaults={"libelle": libelle})[1]
    if stdout is not None:
        stdout.write(f"Annuaire : {crees} entrées de vocabulaire créées.")
    return crees
