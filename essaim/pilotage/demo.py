"""Demo plans (idempotent): the CRESS Normandie strategic plan 2022–2025 (document 004: its
ambition, 8 priorities and 2 cross-cutting conditions worded as in the document, 5 principles)
and the ADEME × CRESS Île-de-France convention 2018–2020 (document 001: three years, aims,
actions, transition domains). The documents give no figures: objectives, targets and
measures are plausible values, marked as demonstration (``demo`` and the comments)."""

import datetime
from decimal import Decimal

from django.db import transaction

from essaim.territoires.models import Region

from .enums import Frequence, Mode, NaturePriorite, StatutAction, StatutObjectif, TypeObjectif, TypeValeur
from .models import Action, Indicateur, Mesure, Objectif, Plan, Priorite

DEMO = "Valeur de démonstration (le document ne donne pas de chiffres)."

NORMANDIE = {
    "slug": "cress-normandie-2022-2025",
    "region": "28",
    "titre": "Projet politique et stratégique de la CRESS Normandie",
    "annee_debut": 2022,
    "annee_fin": 2025,
    "ambition": (
        "Créer une ambition collective forte pour accentuer la connaissance et reconnaissance de l'ESS "
        "et contribuer au changement d'échelle de l'ESS en Normandie."
    ),
    "principes": "\n".join(
        [
            "La subsidiarité : la CRESS intervient là où les acteurs ou réseaux d'acteurs de l'ESS ne "
            "peuvent agir seuls.",
            "La coopération et l'intermédiation : la CRESS facilite le travail entre acteurs et réseaux "
            "d'acteurs de l'ESS.",
            "L'impulsion : la CRESS crée les conditions de prise en charge de problématiques sociétales "
            "aujourd'hui mal satisfaites.",
            "L'implication des membres : la CRESS recherche à impliquer le plus possible ses membres dans "
            "chacune de ses actions.",
            "La démocratie : la CRESS est attachée au respect des principes démocratiques en son sein.",
        ]
    ),
    "publics": (
        "Nous agissons prioritairement avec les adhérents de la CRESS rassemblés au sein d'espaces de "
        "travail collectifs, et notamment les réseaux d'ESS membres. Nos actions servent, directement ou "
        "indirectement, les intérêts des organisations de l'ESS en région, sur l'ensemble des territoires "
        "normands."
    ),
    "document_source": "CRESS Normandie, Projet politique et stratégique 2022-2025 (document 004)",
}

PRIORITES_NORMANDIE = [
    "Fédérer l'ensemble des réseaux d'ESS normands pour assoir la représentativité de la diversité de "
    "l'ESS et faciliter les concertations",
    "Renforcer le sentiment d'appartenance à l'ESS en agissant en proximité envers les gouvernances, "
    "salariés et bénéficiaires de nos organisations",
    "Animer un cadre de plaidoyer aux plans régional et local pour porter les réalisations et "
    "revendications de l'ESS, en lien avec ESS France",
    "Mieux évaluer les besoins transversaux des entreprises d'ESS, imaginer des réponses collectives "
    "adaptées (publiques et/ou privées) et faciliter leur mise en œuvre à l'échelle régionale, voire "
    "locale si nécessaire",
    "Renforcer les coopérations économiques entre acteurs de l'ESS, acteurs du développement économique "
    "local, au bénéfice d'emplois de proximité et des transitions écologiques et solidaires",
    "Sensibiliser et intéresser les nouvelles générations à l'ESS, faciliter la place que les jeunes "
    "souhaitent prendre dans l'ESS",
    "Réaffirmer l'intérêt de l'Observatoire régional de l'ESS et accentuer la communication de la CRESS "
    "au service de la promotion et du développement de l'ESS",
    "Contribuer à la formalisation et à la mise en œuvre de la Stratégie Régionale de l'ESS pilotée par "
    "la Région ; positionner la CRESS dans l'animation de certaines orientations / actions",
]
CONDITIONS_NORMANDIE = [
    "créer les conditions et le cadre d'un « NOUS ESS » et « NOUS CRESS »",
    "définir des objectifs quantitatifs à qualitatifs à atteindre et en assurer le suivi",
]

# (priority index, title, type, status, indicator or None)
# indicator: (code, label, unit, kind, baseline, target, {year: value}) or ("auto", code, calcul, target)
OBJECTIFS_NORMANDIE = [
    (
        0,
        "Rassembler les réseaux d'ESS normands au sein de la CRESS",
        "quantitatif",
        "en_cours",
        (
            "reseaux-adherents",
            "Réseaux d'ESS adhérents",
            "réseaux",
            "nombre",
            18,
            26,
            {2022: 19, 2023: 21, 2024: 23},
        ),
    ),
    (
        1,
        "Aller au-devant des gouvernances et des salariés des organisations",
        "quantitatif",
        "en_cours",
        (
            "rencontres-proximite",
            "Rencontres de proximité organisées",
            "rencontres",
            "nombre",
            6,
            20,
            {2022: 8, 2023: 12, 2024: 15},
        ),
    ),
    (2, "Porter un plaidoyer régional et local commun", "qualitatif", "en_cours", None),
    (
        3,
        "Recenser les fiches de l'annuaire de l'ESS normande",
        "quantitatif",
        "en_cours",
        ("auto", "fiches-annuaire-normandie", "annuaire-fiches-publiees", 1500),
    ),
    (
        4,
        "Développer les coopérations économiques territoriales",
        "quantitatif",
        "partiel",
        (
            "cooperations-economiques",
            "Coopérations économiques accompagnées",
            "coopérations",
            "nombre",
            4,
            15,
            {2022: 5, 2023: 8, 2024: 10},
        ),
    ),
    (
        5,
        "Faire découvrir l'ESS aux jeunes",
        "quantitatif",
        "en_cours",
        (
            "jeunes-sensibilises",
            "Jeunes sensibilisés à l'ESS",
            "jeunes",
            "nombre",
            800,
            3000,
            {2022: 1100, 2023: 1700, 2024: 2300},
        ),
    ),
    (
        6,
        "Faire de l'observatoire la référence chiffrée de l'ESS normande",
        "quantitatif",
        "en_cours",
        ("auto", "couverture-observatoire", "observatoire-couverture-annuaire", 40),
    ),
    (7, "Contribuer à la Stratégie Régionale de l'ESS", "qualitatif", "atteint", None),
    (8, "Faire vivre un « NOUS ESS » partagé par les membres", "qualitatif", "en_cours", None),
    (
        9,
        "Suivre les objectifs du plan dans Essaim",
        "quantitatif",
        "en_cours",
        (
            "indicateurs-a-jour",
            "Indicateurs mis à jour dans l'année",
            "%",
            "pourcentage",
            0,
            100,
            {2022: 40, 2023: 65, 2024: 80},
        ),
    ),
]

IDF = {
    "slug": "ademe-cress-idf-2018-2020",
    "region": "11",
    "titre": "Convention ADEME Île-de-France × CRESS Île-de-France : ESS et transition écologique",
    "annee_debut": 2018,
    "annee_fin": 2020,
    "ambition": (
        "Soutenir l'innovation sociale et économique appliquée à la transition écologique et énergétique, "
        "en s'appuyant sur les modèles économiques de l'ESS."
    ),
    "principes": "",
    "publics": (
        "Domaines de la TEE visés : économie circulaire ; bâtiment et énergie ; services de mobilité "
        "douce ; alimentation durable."
    ),
    "document_source": "ADEME Île-de-France, « Economie Sociale et Solidaire : un partenariat francilien », "
    "5 septembre 2018 (document 001)",
}
VISEES_IDF = [
    "Promouvoir les liens entre le modèle entrepreneurial de l'ESS, l'innovation sociale et la TEE",
    "Sensibiliser les structures de l'ESS aux enjeux de la TEE",
    "Accompagner la structuration et le développement d'activités pérennes sur le champ de la TEE",
    "Accompagner les territoires dans la mise en œuvre de leurs politiques publiques de TEE "
    "en lien avec l'ESS",
    "Caractériser des modèles économiques et faire émerger des projets (FREC, Plan Bâtiment Durable)",
]
ACTIONS_IDF = [
    (
        "Observer et analyser la place des structures de l'ESS dans la transition écologique et énergétique",
        "Panorama des acteurs de l'ESS de la TEE",
        [0, 4],
    ),
    ("Identifier les opportunités et freins et qualifier les filières émergentes", "Note de filières", [4]),
    ("Accompagner la structuration d'acteurs via le Dispositif Local d'Accompagnement (DLA)", "", [2]),
    ("Appel à projets d'entrepreneuriat social dans les domaines de la TEE", "Lauréats de l'appel", [2, 4]),
    ("Soutenir les territoires pour des projets de transition en lien avec l'ESS", "", [3]),
]


def _plan(donnees) -> Plan | None:
    region = Region.objects.filter(code=donnees["region"]).first()
    if region is None:
        return None
    valeurs = {k: v for k, v in donnees.items() if k not in ("slug", "region")}
    plan, _cree = Plan.objects.update_or_create(
        slug=donnees["slug"], defaults={**valeurs, "region": region, "public": True, "demo": True}
    )
    return plan


def _priorites(plan, libelles, nature):
    resultat = []
    for ordre, titre in enumerate(libelles, start=1):
        priorite, _ = Priorite.objects.update_or_create(
            plan=plan, nature=nature, ordre=ordre, defaults={"titre": titre}
        )
        resultat.append(priorite)
    return resultat


def _indicateur(objectif, plan, spec):
    if spec[0] == "auto":
        _a, code, calcul, cible = spec
        from essaim.commun.indicateurs import obtenir

        c = obtenir(calcul)
        Indicateur.objects.update_or_create(
            plan=plan,
            code=code,
            defaults={
                "objectif": objectif,
                "libelle": c.libelle,
                "unite": c.unite,
                "type_valeur": TypeValeur.POURCENTAGE if c.unite == "%" else TypeValeur.NOMBRE,
                "cible": Decimal(cible),
                "date_cible": datetime.date(plan.annee_fin, 12, 31),
                "mode": Mode.AUTOMATIQUE,
                "calcul": calcul,
                "parametres": {"region": plan.region_id},
                "source": f"Calcul automatique d'Essaim : {c.libelle}",
                "frequence": Frequence.ANNUELLE,
            },
        )
        return
    code, libelle, unite, type_valeur, reference, cible, valeurs = spec
    indicateur, _ = Indicateur.objects.update_or_create(
        plan=plan,
        code=code,
        defaults={
            "objectif": objectif,
            "libelle": libelle,
            "unite": unite,
            "type_valeur": type_valeur,
            "reference": Decimal(reference),
            "date_reference": datetime.date(plan.annee_debut - 1, 12, 31),
            "cible": Decimal(cible),
            "date_cible": datetime.date(plan.annee_fin, 12, 31),
            "source": "Suivi interne de la CRESS (démonstration)",
            "frequence": Frequence.ANNUELLE,
        },
    )
    for annee, valeur in valeurs.items():
        Mesure.objects.get_or_create(
            indicateur=indicateur,
            periode=str(annee),
            defaults={
                "valeur": Decimal(valeur),
                "date": datetime.date(annee + 1, 1, 31),
                "commentaire": DEMO,
            },
        )


def _objectif(priorite, ordre, titre, type_, statut):
    objectif, _ = Objectif.objects.update_or_create(
        priorite=priorite,
        ordre=ordre,
        defaults={"titre": titre, "type": type_, "statut": statut, "demo": True},
    )
    return objectif


def charger_normandie():
    plan = _plan(NORMANDIE)
    if plan is None:
        return None
    priorites = _priorites(plan, PRIORITES_NORMANDIE, NaturePriorite.PRIORITE)
    priorites += _priorites(plan, CONDITIONS_NORMANDIE, NaturePriorite.CONDITION)
    for i, titre, type_, statut, spec in OBJECTIFS_NORMANDIE:
        objectif = _objectif(priorites[i], 1, titre, type_, statut)
        objectif.horizon = datetime.date(2025, 12, 31)
        objectif.save()
        if spec:
            _indicateur(objectif, plan, spec)
        elif not objectif.notes.exists():
            objectif.notes.create(
                periode="2024",
                date=datetime.date(2024, 12, 15),
                texte=f"Avancement 2024 : travaux engagés. {DEMO}",
            )
    return plan


def charger_idf():
    plan = _plan(IDF)
    if plan is None:
        return None
    priorites = _priorites(plan, VISEES_IDF, NaturePriorite.PRIORITE)
    objectifs = []
    for priorite in priorites:
        objectifs.append(
            _objectif(
                priorite,
                1,
                f"{priorite.titre} (objectif de la convention)",
                TypeObjectif.QUALITATIF,
                StatutObjectif.ATTEINT,
            )
        )
    _indicateur(
        objectifs[1],
        plan,
        (
            "structures-sensibilisees-tee",
            "Structures de l'ESS sensibilisées à la TEE",
            "structures",
            "nombre",
            0,
            300,
            {2018: 60, 2019: 150, 2020: 260},
        ),
    )
    for titre, livrables, liens in ACTIONS_IDF:
        action, _ = Action.objects.update_or_create(
            plan=plan,
            titre=titre,
            defaults={
                "debut": datetime.date(2018, 7, 1),
                "fin": datetime.date(2020, 12, 31),
                "statut": StatutAction.TERMINEE,
                "livrables": livrables,
            },
        )
        action.objectifs.set([objectifs[i] for i in liens])
    return plan


def charger(stdout=None):
    with transaction.atomic():
        plans = [p for p in (charger_normandie(), charger_idf()) if p is not None]
    if stdout:
        stdout.write(f"    Plans stratégiques : {', '.join(p.titre for p in plans)}")
