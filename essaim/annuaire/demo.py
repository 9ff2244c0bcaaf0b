"""Demo data: 320 fictitious but plausible records over real Hauts-de-France communes, with
their real coordinates (``Commune.latitude``/``longitude``, jittered by up to ~2 km). Every
record is flagged ``est_demo`` and shown with a "donnée de démonstration" badge.

Idempotent: records are keyed by ``source="demo"`` + ``source_id``; a second run does
nothing. Disabled by ``settings.ESSAIM_DONNEES_DEMO = False``.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.text import slugify

from essaim.commun.flux import ecritures_courtes, travail_de_masse
from essaim.commun.lots import lot
from essaim.territoires.models import Commune

from .enums import EtatGeocodage, StatutStructure
from .models import Agrement, Lieu, Structure, Theme, Transition
from .reference import charger as charger_reference
from .services.historisation import une_seule_entree

NOMBRE = 320
SOURCE = "demo"

# (pattern, catégorie juridique, theme codes, agrément codes, transitions, NAF)
MODELES = [
    (
        "Recyclerie {lieu}",
        "9220",
        ["seconde-vie-produits", "gestion-ressources-dechets"],
        ["SIAE-ACI"],
        ["ecologique", "sociale"],
        "38.32Z",
    ),
    (
        "Ressourcerie {lieu}",
        "9220",
        ["seconde-vie-produits"],
        ["SIAE-ACI", "ESUS"],
        ["ecologique", "sociale"],
        "47.79Z",
    ),
    (
        "Repair café {lieu}",
        "9220",
        ["seconde-vie-produits", "sensibilisation-education"],
        [],
        ["ecologique"],
        "94.99Z",
    ),
    (
        "Atelier vélo solidaire {lieu}",
        "9220",
        ["mobilite", "seconde-vie-produits"],
        ["SIAE-ACI"],
        ["ecologique", "sociale"],
        "95.29Z",
    ),
    (
        "Jardins de cocagne {lieu}",
        "9220",
        ["agriculture-alimentation"],
        ["SIAE-ACI", "ESUS"],
        ["ecologique", "sociale"],
        "01.13Z",
    ),
    ("AMAP {lieu}", "9220", ["agriculture-alimentation"], [], ["ecologique", "economique"], "94.99Z"),
    (
        "Épicerie solidaire {lieu}",
        "9220",
        ["agriculture-alimentation", "recuperation-invendus"],
        ["ESUS"],
        ["sociale"],
        "47.11B",
    ),
    (
        "Énergies citoyennes {pays}",
        "5560",
        ["energie"],
        ["SCIC", "ESUS"],
        ["ecologique", "economique"],
        "35.11Z",
    ),
    (
        "SCOP {metier} {pays}",
        "5458",
        ["batiment-durable"],
        ["SCOP"],
        ["economique", "organisationnelle"],
        "43.31Z",
    ),
    (
        "Coopérative d'activité {pays}",
        "5458",
        ["recherche-developpement"],
        ["CAE", "SCOP"],
        ["economique", "organisationnelle"],
        "70.22Z",
    ),
    (
        "Éco-construction {pays}",
        "5560",
        ["batiment-durable", "ecoconception"],
        ["SCIC"],
        ["ecologique"],
        "41.20B",
    ),
    (
        "Maison de la nature {lieu}",
        "9220",
        ["biodiversite-eau", "sensibilisation-education"],
        ["JEP"],
        ["ecologique"],
        "91.04Z",
    ),
    ("Conservatoire des vergers {pays}", "9220", ["biodiversite-eau"], ["RUP"], ["ecologique"], "91.04Z"),
    ("Emmaüs {lieu}", "9220", ["seconde-vie-produits"], ["SIAE-ACI"], ["sociale"], "47.79Z"),
    (
        "ESAT {lieu}",
        "9220",
        ["agriculture-alimentation", "gestion-ressources-dechets"],
        ["ESAT"],
        ["sociale"],
        "88.10C",
    ),
    (
        "Entreprise adaptée {metier}",
        "5710",
        ["gestion-ressources-dechets"],
        ["EA", "ESUS"],
        ["sociale"],
        "81.29A",
    ),
    (
        "Numérique solidaire {pays}",
        "9220",
        ["numerique-responsable", "seconde-vie-produits"],
        ["ESUS"],
        ["sociale", "ecologique"],
        "95.11Z",
    ),
    ("Mutuelle {pays}", "8210", ["sensibilisation-education"], [], ["sociale"], "65.12Z"),
    (
        "Fondation {pays} pour l'environnement",
        "9300",
        ["biodiversite-eau", "recherche-developpement"],
        ["RUP"],
        ["ecologique"],
        "94.99Z",
    ),
    (
        "Insertion {metier} {pays}",
        "9220",
        ["batiment-durable"],
        ["SIAE-EI"],
        ["sociale", "economique"],
        "43.39Z",
    ),
    ("Intérim solidaire {pays}", "5710", ["mobilite"], ["SIAE-ETTI", "ESUS"], ["sociale"], "78.20Z"),
    (
        "Association intermédiaire {lieu}",
        "9220",
        ["gestion-ressources-dechets"],
        ["SIAE-AI"],
        ["sociale"],
        "78.30Z",
    ),
    ("GEIQ {metier} {pays}", "9220", ["batiment-durable"], ["GEIQ"], ["sociale", "economique"], "78.30Z"),
    (
        "Garage solidaire {lieu}",
        "9220",
        ["mobilite", "seconde-vie-produits"],
        ["SIAE-ACI"],
        ["sociale"],
        "45.20A",
    ),
    (
        "Mobilité partagée {pays}",
        "5560",
        ["mobilite"],
        ["SCIC"],
        ["ecologique", "organisationnelle"],
        "49.39B",
    ),
    (
        "Zéro déchet {lieu}",
        "9220",
        ["gestion-ressources-dechets", "sensibilisation-education"],
        [],
        ["ecologique"],
        "94.99Z",
    ),
    (
        "Compostage collectif {lieu}",
        "9220",
        ["gestion-ressources-dechets", "agriculture-alimentation"],
        [],
        ["ecologique"],
        "38.21Z",
    ),
    (
        "Tiers-lieu {lieu}",
        "5560",
        ["numerique-responsable", "ecoconception"],
        ["SCIC", "ESUS"],
        ["organisationnelle", "sociale"],
        "82.11Z",
    ),
]
METIERS = [
    "Bâtisseurs",
    "Menuiserie",
    "Peinture",
    "Espaces verts",
    "Couverture",
    "Nettoyage",
    "Isolation",
    "Maraîchage",
]
PAYS = [
    "des Flandres",
    "du Hainaut",
    "de l'Artois",
    "du Boulonnais",
    "de l'Audomarois",
    "du Ternois",
    "du Vimeu",
    "du Ponthieu",
    "du Santerre",
    "du Beauvaisis",
    "du Valois",
    "de Thiérache",
    "du Laonnois",
    "du Soissonnais",
    "du Cambrésis",
    "de l'Avesnois",
    "de la Pévèle",
    "du Douaisis",
    "de la Côte d'Opale",
    "du Noyonnais",
    "de la Baie de Somme",
    "du Clermontois",
]
RUES = [
    "rue de la République",
    "rue Jean Jaurès",
    "rue Victor Hugo",
    "place du Général de Gaulle",
    "rue Pasteur",
    "rue de la Gare",
    "rue du Moulin",
    "rue des Écoles",
    "avenue Roger Salengro",
    "rue Gambetta",
    "rue Léon Blum",
    "chemin des Prés",
    "rue de l'Église",
    "rue Voltaire",
    "boulevard de Strasbourg",
]
DESCRIPTIONS = [
    "<p>Structure de l'économie sociale et solidaire ancrée dans son territoire, {nom} agit pour la "
    "transition "
    "en associant habitants, bénévoles et salariés.</p>",
    "<p>{nom} accompagne les habitants vers des pratiques plus sobres et solidaires : ateliers, accueil du "
    "public et partenariats avec les collectivités.</p><ul><li>Accueil du public</li><li>Ateliers</li></ul>",
    "<p>Fondée par des citoyens engagés, {nom} développe une activité utile au territoire et crée "
    "des emplois "
    "non délocalisables.</p>",
]


QUARTIERS = [
    "centre",
    "gare",
    "faubourg",
    "les Prés",
    "le Moulin",
    "Saint-Martin",
    "la Citadelle",
    "les Marais",
    "le Bourg",
    "les Hauts",
    "la Plaine",
    "le Port",
]


# Real Hauts-de-France communes the demo records are spread over (their points come from
# the territories data, ``Commune.latitude``/``longitude``).
COMMUNES_DEMO = (
    "59350",
    "59512",
    "59599",
    "59009",
    "59183",
    "59606",
    "59178",
    "59122",
    "59392",
    "59295",
    "59043",
    "59360",
    "59368",
    "59378",
    "59328",
    "59017",
    "59560",
    "59279",
    "59526",
    "59155",
    "59271",
    "59291",
    "59014",
    "59172",
    "59152",
    "59343",
    "59410",
    "59650",
    "59011",
    "59067",
    "59036",
    "59249",
    "59481",
    "62041",
    "62160",
    "62193",
    "62498",
    "62510",
    "62119",
    "62765",
    "62427",
    "62178",
    "62215",
    "62624",
    "62525",
    "62318",
    "62268",
    "62065",
    "62826",
    "62048",
    "62767",
    "80021",
    "80001",
    "80016",
    "80620",
    "80561",
    "80253",
    "80410",
    "80212",
    "80685",
    "80721",
    "80489",
    "60057",
    "60159",
    "60175",
    "60463",
    "60612",
    "60157",
    "60471",
    "60141",
    "60395",
    "60360",
    "60176",
    "60509",
    "02691",
    "02408",
    "02722",
    "02168",
    "02810",
    "02381",
    "02738",
    "02173",
    "02361",
    "02095",
)


def _communes():
    codes = {c.code: c for c in Commune.objects.filter(code__in=COMMUNES_DEMO, latitude__isnull=False)}
    return [
        (codes[code], codes[code].latitude, codes[code].longitude) for code in COMMUNES_DEMO if code in codes
    ]


def charger(stdout=None, nombre: int = NOMBRE, forcer: bool = False):
    # Short write transactions on SQLite (one on PostgreSQL; loading is idempotent, an
    # interrupted run completes the next time), then the map index updated once per record.
    with travail_de_masse("données de démonstration de l'annuaire"), lot(), ecritures_courtes() as tranche:
        return _charger(stdout, nombre, forcer, tranche)


def _charger(stdout, nombre: int, forcer: bool, tranche):
    if not getattr(settings, "ESSAIM_DONNEES_DEMO", True) and not forcer:
        return 0
    existants = set(Structure.objects.filter(source=SOURCE).values_list("source_id", flat=True))
    if len(existants) >= nombre:
        return 0
    charger_reference()
    themes = {t.code: t for t in Theme.objects.all()}
    agrements = {a.code: a for a in Agrement.objects.all()}
    transitions = {t.code: t for t in Transition.objects.all()}
    communes = _communes()
    hasard = random.Random(20231201)
    maintenant = timezone.now()
    crees = 0
    noms_pris = set(Structure.objects.filter(source=SOURCE).values_list("nom", flat=True))
    for i in range(1, nombre + 1):
        # Draw every random value whatever happens, so record i is the same on every run.
        modele, cj, codes_themes, codes_agr, codes_tr, naf = hasard.choice(MODELES)
        commune, lat, lon = hasard.choice(communes)
        pays, metier = hasard.choice(PAYS), hasard.choice(METIERS)
        jitter = (hasard.uniform(-0.015, 0.015), hasard.uniform(-0.022, 0.022))
        rue, numero = hasard.choice(RUES), hasard.randint(1, 180)
        description, anciennete = hasard.choice(DESCRIPTIONS), hasard.randint(5, 700)
        en_attente, second_lieu = hasard.random() < 0.04, hasard.random() < 0.1
        source_id = f"demo-{i:04d}"
        quartier = hasard.choice(QUARTIERS)
        if source_id in existants:
            continue
        nom = modele.format(
            lieu=f"de {commune.nom}" if commune.nom[0] not in "AEIOUÉÈ" else f"d'{commune.nom}",
            pays=pays,
            metier=metier,
        )
        if nom in noms_pris:  # two records of the same kind in one town: tell them apart
            nom = f"{nom} – {quartier}"
        noms_pris.add(nom)
        slug_site = slugify(nom)[:30].strip("-")
        structure = Structure(
            nom=nom,
            description=description.format(nom=nom),
            categorie_juridique=cj,
            naf=naf,
            statut=StatutStructure.EN_ATTENTE if en_attente else StatutStructure.PUBLIEE,
            est_demo=True,
            source=SOURCE,
            source_id=source_id,
            site_web=f"https://{slug_site}.exemple.org",
            email_public=f"contact@{slug_site}.exemple.org",
            confirme_le=maintenant - timedelta(days=anciennete),
            provenance={"*": {"source": "démonstration (fictif)", "date": maintenant.date().isoformat()}},
        )
        with une_seule_entree(structure):
            structure.themes.set([themes[c] for c in codes_themes if c in themes])
            structure.agrements.set([agrements[c] for c in codes_agr if c in agrements])
            structure.transitions.set([transitions[c] for c in codes_tr if c in transitions])
            code_postal = (commune.codes_postaux or "").split(" ")[0]
            Lieu.objects.create(
                structure=structure,
                adresse=f"{numero} {rue}",
                code_postal=code_postal,
                commune=commune,
                latitude=round(lat + jitter[0], 5),
                longitude=round(lon + jitter[1], 5),
                etat_geocodage=EtatGeocodage.GEOCODE,
                principal=True,
            )
            if second_lieu:
                Lieu.objects.create(
                    structure=structure,
                    nom="Antenne",
                    adresse=f"{numero + 7} {hasard.choice(RUES)}",
                    code_postal=code_postal,
                    commune=commune,
                    latitude=round(lat - jitter[0], 5),
                    longitude=round(lon - jitter[1], 5),
                    etat_geocodage=EtatGeocodage.GEOCODE,
                )
        crees += 1
        tranche.suite()
    if stdout is not None:
        stdout.write(f"Annuaire : {crees} fiches de démonstration créées.")
    return crees
