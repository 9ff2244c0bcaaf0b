"""Demo data: resources of the 2023 Hauts-de-France conference report (document 003).

Titles and publishers as the document gives them, URLs only where it gives one (no
invented publisher: an empty one when the document names none). Idempotent: an item found
by its URL, title or former spelling (the conference's consolidation lines, promoted first)
is updated in place, never duplicated."""

from django.conf import settings
from django.db import transaction

from essaim.annuaire.models import Transition
from essaim.territoires.models import Commune, Region

from .enums import Echelle, StatutRessource, TypeRessource
from .models import Ressource
from .services.bibliotheque import doublon_de

T = TypeRessource
SERIE = "Ces histoires qui font bouger l'ÉCO en Hauts-de-France"
EDITEUR_SERIE = (
    "Radios de la Fédération régionale des associations du Nord de la France, en partenariat avec la "
    "CRESS Hauts-de-France"
)
PODCASTS = "https://les-podcasts-esshdf.lepodcast.fr/"

# (type, title, publisher, URL, transitions, description, extra: echelle/commune/aliases)
RESSOURCES = [
    (
        T.OUTIL,
        "Calculateur carbone",
        "UDES",
        "https://www.udes.fr/mesure-de-limpact-environnemental",
        ["ecologique"],
        "Comptabilité carbone des employeurs de l'ESS.",
        {},
    ),
    (
        T.KIT,
        "Kit d'animation Visée 360°",
        "CERDD",
        "https://interne.cerdd.org/nextcloud/s/tm2W6K9SKoZFD3N",
        ["ecologique"],
        "Kit d'animation développé par le CERDD.",
        {},
    ),
    (T.GUIDE, "Guide TEDDA", "TEDDA", "https://www.tedda.eu/fr/ressources/", ["ecologique"], "", {}),
    (
        T.GUIDE,
        "Je parle avec mon banquier",
        "France Active",
        "",
        ["economique"],
        "Bonne pratique de trésorerie à diffuser.",
        {"alias": [("Guide France Active « Je parle avec mon banquier »", "")]},
    ),
    (T.GUIDE, "Guides IRIAE HDF", "IRIAE", "", ["sociale"], "", {}),
    (
        T.ETUDE,
        "Les nouveaux métiers 2030",
        "DREETS – France Stratégie",
        "https://www.strategie.gouv.fr/publications/metiers-2030",
        ["sociale"],
        "Étude DREETS - France Stratégie sur les nouveaux métiers 2030.",
        {},
    ),
    (
        T.FORMATION,
        "Portail de formation bénévoles",
        "",
        "https://formations-benevoles-hautsdefrance.org/",
        ["economique", "organisationnelle"],
        "",
        {},
    ),
    (
        T.PLATEFORME,
        "Plateforme Appels à projet.org",
        "",
        "https://www.appelaprojets.org/",
        ["economique"],
        "",
        {},
    ),
    (
        T.PLATEFORME,
        "Plateforme ACTIF",
        "CCI",
        "https://www.cci.fr/ressources/developpement-durable/economie-circulaire/ecologie-industrielle-et-"
        "territoriale/actif-la-plateforme-de-leconomie-circulaire",
        ["organisationnelle"],
        "Plateforme de la CCI pour la mutualisation de biens et services.",
        {},
    ),
    (
        T.PLATEFORME,
        "Boîte à Assos",
        "AAE",
        "https://boiteaasso.fr/",
        ["organisationnelle"],
        "Mutualisation de biens et services et de ressources humaines.",
        {},
    ),
    (
        T.TEXTE_JURIDIQUE,
        "Loi AGEC",
        "",
        "https://www.ecologie.gouv.fr/loi-anti-gaspillage-economie-circulaire",
        ["ecologique"],
        "Loi anti-gaspillage pour une économie circulaire.",
        {"echelle": Echelle.FRANCE},
    ),
    (
        T.TEXTE_JURIDIQUE,
        "Loi Climat et Résilience",
        "",
        "https://www.ecologie.gouv.fr/loi-climat-et-resilience-bilan-2-ans",
        ["ecologique"],
        "",
        {"echelle": Echelle.FRANCE, "alias": [("Loi Climat et Résilience", "")]},
    ),
    (
        T.TEXTE_JURIDIQUE,
        "SPASER",
        "",
        "https://www.economie.gouv.fr/daj/schema-promotion-achats-responsables-2019",
        ["economique"],
        "Schéma de promotion des achats socialement et écologiquement responsables.",
        {"echelle": Echelle.FRANCE},
    ),
    (
        T.TEXTE_JURIDIQUE,
        "Marchés réservés",
        "",
        "https://www.economie.gouv.fr/daj/guide-sur-les-aspects-sociaux-de-la-commande-publique",
        ["economique"],
        "Guide sur les aspects sociaux de la commande publique.",
        {"echelle": Echelle.FRANCE},
    ),
    (
        T.DISPOSITIF,
        "CREAP (Création d'Emplois Associatifs Pérennes)",
        "",
        "",
        ["economique"],
        "Dispositif dont l'abondement est demandé par les ateliers.",
        {},
    ),
    (T.DISPOSITIF, "Guid'Asso", "", "", ["economique"], "Accompagnement des associations.", {}),
    (
        T.DISPOSITIF,
        "Financement ACTE (Accélérateur de Coopérations Territoriales Economiques)",
        "",
        "",
        ["economique"],
        "",
        {},
    ),
    (
        T.DISPOSITIF,
        "Fonds d'expérimentation pour la transition entre ACI et EI",
        "",
        "",
        ["economique"],
        "Création d'un fonds d'expérimentation pour la transition entre ACI (Atelier Chantier d'Insertion) "
        "et EI (Entreprise d'Insertion).",
        {},
    ),
    (
        T.OUTIL,
        "VALOR'ESS",
        "UDES",
        "https://www.valoress-udes.fr/",
        ["economique"],
        "Outil de mesure d'impact initié par l'UDES.",
        {},
    ),
    (
        T.PODCAST,
        f"{SERIE} — ESAT Terres d'Opale (APF France Handicap), Calais",
        EDITEUR_SERIE,
        PODCASTS + "rencontre-avec-lesat-terres-dopale-apf-france-handicap",
        ["ecologique"],
        "Un atelier d'élevage de vers qui emploie des travailleurs porteurs de handicap et vise à "
        "produire des protéines alternatives aux protéines animales.",
        {"commune": "62193"},
    ),
    (
        T.PODCAST,
        f"{SERIE} — Aisne Collecte, Soissons",
        EDITEUR_SERIE,
        PODCASTS + "rencontre-avec-ceux-qui-transforment-les-dechets-en-energie-chez-aisne-collecte",
        ["sociale", "ecologique"],
        "Une association qui transforme les déchets organiques en énergie avec des salariés en insertion.",
        {"commune": "02722", "alias": [("Podcast « Qui font bouger l'éco » : Aisne Collecte, Soissons", "")]},
    ),
    (
        T.PODCAST,
        f"{SERIE} — Humafin', Lille",
        EDITEUR_SERIE,
        PODCASTS + "rencontre-avec-le-cabinet-dexpertise-comptable-humafin",
        ["economique"],
        "Un cabinet d'expertise-comptable devenu coopérative.",
        {
            "commune": "59350",
            "alias": [
                (
                    "Podcast « Qui font bouger l'éco » : le cabinet d'expertise-comptable coopératif "
                    "Humafin', Lille",
                    "",
                )
            ],
        },
    ),
    (
        T.PODCAST,
        f"{SERIE} — Les Ateliers de la Bergerette, Beauvais",
        EDITEUR_SERIE,
        PODCASTS + "rencontre-avec-la-recyclerie-les-ateliers-de-la-bergerette",
        ["organisationnelle"],
        "Une recyclerie dont le Repair Café est devenu un rendez-vous incontournable.",
        {
            "commune": "60057",
            "alias": [
                (
                    "Podcast « Qui font bouger l'éco » : la recyclerie Les Ateliers de la Bergerette, "
                    "Beauvais",
                    "",
                )
            ],
        },
    ),
    (
        T.PROJET_INSPIRANT,
        "Le Passage à Niveaux",
        "",
        "https://www.fondationterritorialedeslumieres.org/projet/le-passage-a-niveau/",
        ["organisationnelle"],
        "Coopération et partage de compétences.",
        {},
    ),
    (
        T.OUTIL,
        "Outils de diagnostic égalité professionnelle",
        "UDES",
        "https://www.udes.fr/outilsguides/egalite-professionnelle-entre-femmes-hommes-dans-less-passer-de-"
        "conviction-laction",
        ["organisationnelle"],
        "",
        {},
    ),
    (
        T.PLATEFORME,
        "Collectif FETE",
        "",
        "https://www.fete-egalite.org/",
        ["organisationnelle"],
        "Support et ressource à mobiliser pour l'égalité femmes-hommes.",
        {},
    ),
    (
        T.ETUDE,
        "Projet européen VISES sur l'impact social",
        "",
        "http://www.projetvisesproject.eu/",
        ["economique"],
        "",
        {},
    ),
    (
        T.FORMATION,
        "Module dédié, espace pédagogique Chair'ESS",
        "Chair'ESS",
        "https://enp.chaires.org/",
        ["economique"],
        "Travaux de recherche sur les modèles socio-économiques.",
        {},
    ),
]


def charger(stdout=None, forcer: bool = False) -> int:
    if not getattr(settings, "ESSAIM_DONNEES_DEMO", True) and not forcer:
        return 0
    region = Region.objects.filter(code="32").first()
    if region is None:
        return 0
    from essaim.conference.models import Conference

    conference = Conference.objects.filter(region=region, annee=2023).first()
    transitions = {t.code: t for t in Transition.objects.all()}
    crees = 0
    with transaction.atomic():
        for type_, titre, editeur, url, codes, description, extra in RESSOURCES:
            ressource = doublon_de(url, titre, editeur) or next(
                (r for r in (doublon_de("", a, e) for a, e in extra.get("alias", [])) if r), None
            )
            crees += ressource is None
            ressource = ressource or Ressource()
            commune = Commune.objects.filter(code=extra["commune"]).first() if "commune" in extra else None
            ressource.type, ressource.titre, ressource.url = type_, titre, url
            ressource.editeur_libre, ressource.description = editeur, description or ressource.description
            ressource.region = region
            ressource.echelle = extra.get("echelle") or (Echelle.COMMUNE if commune else Echelle.REGION)
            ressource.commune = commune
            ressource.statut, ressource.a_controler = StatutRessource.PUBLIEE, False
            ressource.est_demo = True
            ressource.source = ressource.source or "demo"
            ressource.save()
            ressource.transitions.add(*(transitions[c] for c in codes if c in transitions))
            if conference is not None:
                ressource.conferences.add(conference)
    if stdout:
        stdout.write(f"    Ressources : {crees} créée(s), {len(RESSOURCES)} ressources de démonstration.")
    return crees
