"""Demo edition: the 2023 Hauts-de-France conference, loaded from the CSV shipped with the app
(a copy of ../shared/data/conference-hdf-2023-ateliers.csv) plus the editorial content of its
report (document 003), so `make run` shows the report at once. Idempotent."""

import datetime
from pathlib import Path

from django.db import transaction

from essaim.commun.imports import lire_tableau
from essaim.territoires.models import Commune, Region

from .enums import Transition, TypeEvenement
from .models import Conference, DateCle, EnjeuTransversal, Evenement, MembreComite, SequenceProgramme
from .services.editions import assurer_transitions, creer_conference
from .services.import_ import importer_ateliers

FICHIER = Path(__file__).parent / "data" / "conference-hdf-2023-ateliers.csv"
SLUG = "hauts-de-france-2023"
# A small earlier edition, invented for the demonstration only, so that the comparison of the
# editions (/conferences/editions/32/) has something to compare.
FICHIER_ANTERIEURE = Path(__file__).parent / "data" / "conference-hdf-2021-demo-ateliers.csv"
SLUG_ANTERIEURE = "hauts-de-france-2021-demonstration"

PRESENTATION = (
    "La loi n° 2014-856 du 31 juillet 2014 relative à l'économie sociale et solidaire (article 8) "
    "prévoit qu'au moins tous les deux ans, le représentant de l'État dans la région et le président du "
    "conseil régional organisent une conférence régionale de l'ESS, à laquelle participent notamment la "
    "chambre régionale de l'ESS, les réseaux locaux d'acteurs, les collectivités territoriales et les "
    "partenaires sociaux.\n"
    "\n"
    "L'État, la Région Hauts-de-France et la CRESS Hauts-de-France ont organisé tout au long de l'année "
    "la 4e conférence régionale, sur le thème « Le temps des transitions » : un cycle de concertation "
    "d'avril à décembre donnant largement la parole aux acteurs de l'ESS et au monde économique avec "
    "qui l'ESS coopère.\n"
    "\n"
    "Un appel à contributions, ouvert jusqu'au 17 mars, a permis de labelliser les « ateliers de la "
    "conférence », organisés au plus près des territoires ; un webinaire d'information s'est tenu le 2 "
    "mars. Les organisateurs disposaient d'un kit : appel à contributions, fiche de candidature, modèle "
    "de fiche de synthèse, feuille d'émargement et fiche méthodologique. Les ateliers ont été "
    "encouragés à limiter leur impact environnemental."
)

CONSOLIDATION = {
    Transition.ECOLOGIQUE: {
        "problematique": (
            "Par leur rôle d'éducation à l'environnement et d'incitation au passage à l'action, les "
            "structures de l'ESS se sont érigées en fer de lance de la transition écologique. Leurs "
            "projets, qui concilient activité économique, protection de l'environnement et ambitions "
            "sociales, peuvent inspirer l'ensemble des entreprises."
        ),
        "leviers": (
            "- Cadre juridique incitateur : accord national interprofessionnel sur la transition "
            "écologique (11 avril 2023)\n- Dialogue social comme levier décisif (instances, GPEC, "
            "montée en compétences des élus)\n- Partenariats avec les OPCO pour former les salariés"
        ),
        "freins": (
            "- Méconnaissance des financements possibles (subventions, marchés, mécénat)\n- Absence de "
            "vision transversale de la transition écologique\n- Accès au foncier"
        ),
        "outils": (
            "- UDES : calculateur carbone https://www.udes.fr/mesure-de-limpact-environnemental\n- "
            "Guide TEDDA https://www.tedda.eu/fr/ressources/"
        ),
        "medias": (
            "Podcast « Qui font bouger l'éco » : l'ESAT Terres d'Opale (APF France Handicap), Calais "
            "https://les-podcasts-esshdf.lepodcast.fr/rencontre-avec-lesat-terres-dopale-apf-france-handicap"
        ),
    },
    Transition.SOCIALE: {
        "problematique": (
            "Les indicateurs socio-économiques des Hauts-de-France montrent des fragilités plus "
            "nombreuses qu'ailleurs. Les organisations de l'ESS doivent adapter leurs réponses pour "
            "accompagner les publics les plus fragiles."
        ),
        "leviers": (
            "- Renforcer la législation favorisant le réemploi des équipements numériques au profit des "
            "personnes en précarité\n- Chèques équipement pour accéder à du matériel reconditionné\n- "
            "Un droit universel d'accès au numérique"
        ),
        "freins": (
            "- Incertitude des financements\n- Difficultés de recrutement dans l'IAE\n- Injonctions "
            "contradictoires sur la durée des parcours\n- Non-recours aux dispositifs d'accès au "
            "numérique"
        ),
        "outils": (
            "- Étude France Stratégie « Les métiers en 2030 » "
            "https://www.strategie.gouv.fr/publications/metiers-2030\n- Réseau des centres sociaux "
            "connectés"
        ),
        "medias": "Podcast « Qui font bouger l'éco » : Aisne Collecte, Soissons",
    },
    Transition.ECONOMIQUE: {
        "problematique": (
            "Crises successives, modes de financement publics, évolutions réglementaires : autant de "
            "facteurs qui pèsent sur les modèles économiques des entreprises de l'ESS."
        ),
        "leviers": (
            "- Montée en compétences des dirigeants sur la gestion financière\n- Coopérations avec le "
            "monde bancaire\n- Filières de la transition écologique (ex. biodéchets dans le "
            "Saint-Quentinois)"
        ),
        "freins": (
            "- Appréhension difficile des outils de gestion et de trésorerie\n- Délais de versement des "
            "fonds européens\n- Complexité administrative et concurrence induite par les appels à "
            "projets\n- Accès au capital et aux fonds propres"
        ),
        "outils": (
            "- Guide France Active « Je parle avec mon banquier »\n- Plateforme "
            "https://www.appelaprojets.org/\n- Portail de formation des bénévoles "
            "https://formations-benevoles-hautsdefrance.org/"
        ),
        "medias": (
            "Podcast « Qui font bouger l'éco » : le cabinet d'expertise-comptable coopératif Humafin', Lille"
        ),
    },
    Transition.ORGANISATIONNELLE: {
        "problematique": (
            "Les organisations de l'ESS sont confrontées à des changements, parfois contraints, qui "
            "impactent leur fonctionnement et peuvent constituer une zone de risque."
        ),
        "leviers": (
            "- Échanges collectifs et partages de pratiques\n- Mutualisations de moyens, de ressources "
            "humaines, de projets\n- Implication des réseaux sur l'égalité femmes / hommes\n- "
            "Investissement bénévole"
        ),
        "freins": (
            "- Recrutement, attractivité des métiers, fatigue professionnelle\n- Renouvellement des "
            "gouvernances et changements de direction mal anticipés\n- Inégalités femmes / hommes "
            "persistantes"
        ),
        "outils": "- Boîte à Assos https://boiteaasso.fr/\n- Collectif FETE https://www.fete-egalite.org/",
        "medias": "Podcast « Qui font bouger l'éco » : la recyclerie Les Ateliers de la Bergerette, Beauvais",
    },
}

ENJEUX = [
    (
        "Appréhender et adapter le cadre légal et législatif",
        (
            "Une nécessaire appropriation du cadre juridique existant pour amplifier le développement "
            "de l'ESS, et « faire bouger les lignes » au regard de l'évolution des besoins."
        ),
        (
            "Loi AGEC https://www.ecologie.gouv.fr/loi-anti-gaspillage-economie-circulaire\nLoi Climat "
            "et Résilience"
        ),
    ),
    (
        "Privilégier des modes de contractualisation et de financement sur la durée",
        (
            "Les réseaux et entreprises de l'ESS souhaitent des financements pluriannuels, garants de "
            "leur pérennité et de leur ancrage territorial."
        ),
        "",
    ),
    (
        "Structurer les coopérations avec le monde économique « hors ESS »",
        (
            "Les collaborations manquent de structuration au niveau régional ; l'ESS pourrait être "
            "intégrée aux instances des projets structurants de la région."
        ),
        "",
    ),
    (
        "Renforcer les dynamiques territoriales et les coopérations ESS / collectivités",
        "Agir collectivement pour faire émerger une politique ESS au sein de chacun des EPCI de la région.",
        "",
    ),
    (
        "Promouvoir et développer les SCIC et les CAE",
        "Des statuts encore méconnus des collectivités, leviers de développement des territoires.",
        "URSCOP https://www.les-scop-hautsdefrance.coop/",
    ),
    (
        "Apporter des ressources sur l'évaluation et la mesure d'impact",
        "Poursuivre les collaborations initiées entre réseaux, acteurs et partenaires publics.",
        "VISES http://www.projetvisesproject.eu/\nVALOR'ESS https://www.valoress-udes.fr/",
    ),
    (
        "Une politique ambitieuse et coordonnée de soutien à l'innovation sociale",
        (
            "Co-construire les actions avec les pouvoirs publics, dans une gouvernance partenariale et "
            "sur un temps long."
        ),
        "",
    ),
]

COMITE = [
    ("État (SGAR)", "Juliette Culot"),
    ("Région Hauts-de-France", "Quentin Pille, Alice Orieux-Jeannelle"),
    ("CRESS Hauts-de-France", "Julien Cordier, Vincent Jouanneau"),
    ("Pas-de-Calais Actif", "Benoît Bara"),
    ("Initiative Somme France Active Picardie", "Mounir Yahyaoui"),
    ("France Médiation", "Aurélie Miroir"),
    ("Institut Godin", "Emmanuelle Besançon, Nicolas Chochoy"),
    ("Galilée", "Blandine Brillouet"),
    ("Chair'ESS", "Nathalie Bernard"),
    ("IRIAE", "Sophie-Charlotte Pedrono, Sylvain Dursent"),
    ("APES", "Nathalie Bardaille, Luc Belval"),
    ("Nord Actif", "Adrien Lefevere"),
    ("Hauts les Coop !", "Laurent Courouble"),
    ("Le Mouvement Associatif", "Claire Bizet"),
]


def _edition_anterieure(region, stdout=None):
    if Conference.objects.filter(slug=SLUG_ANTERIEURE).exists():
        return
    with transaction.atomic():
        conference = creer_conference(
            region,
            2021,
            slug=SLUG_ANTERIEURE,
            titre="3e conférence régionale de l'ESS 2021 — Hauts-de-France (démonstration)",
            theme="Édition de démonstration",
            presentation=(
                "Édition inventée pour la démonstration d'Essaim : ses sept ateliers sont fictifs. "
                "Elle permet de comparer les éditions de la région."
            ),
            date_debut=datetime.date(2021, 5, 1),
            date_fin=datetime.date(2021, 11, 30),
        )
        assurer_transitions(conference)
        rapport = importer_ateliers(conference, lire_tableau(FICHIER_ANTERIEURE))
    if stdout:
        stdout.write(f"    Conférence 2021 {region.nom} (démonstration) : {rapport.resume()}")


def charger(stdout=None):
    region = Region.objects.filter(code="32").first()
    if region is None:
        return
    _edition_anterieure(region, stdout)
    conference = Conference.objects.filter(slug=SLUG).first()
    if conference and conference.ateliers.exists():
        return
    with transaction.atomic():
        conference = conference or Conference.objects.filter(region=region, annee=2023).first()
        if conference is None:
            conference = creer_conference(
                region,
                2023,
                slug=SLUG,
                titre="4e conférence régionale de l'ESS 2023 — Hauts-de-France",
                theme="Le temps des transitions",
                presentation=PRESENTATION,
                co_organisateurs=(
                    "État (Préfecture de région, SGAR)\nRégion Hauts-de-France\nCRESS Hauts-de-France"
                ),
                date_debut=datetime.date(2023, 4, 1),
                date_fin=datetime.date(2023, 12, 31),
            )
        assurer_transitions(conference)
        _contenu(conference)
        rapport = importer_ateliers(conference, lire_tableau(FICHIER))
    if stdout:
        stdout.write(f"    Conférence {conference.annee} {region.nom} : {rapport.resume()}")


def _contenu(conference):
    for tc in conference.transitions.all():
        for champ, valeur in CONSOLIDATION[Transition(tc.transition)].items():
            setattr(tc, champ, valeur)
        tc.save()
    for numero, (titre, texte, exemples) in enumerate(ENJEUX, start=1):
        EnjeuTransversal.objects.update_or_create(
            conference=conference,
            numero=numero,
            defaults={"titre": titre, "texte": texte, "exemples": exemples},
        )
    for ordre, (organisation, personnes) in enumerate(COMITE):
        MembreComite.objects.get_or_create(
            conference=conference,
            organisation=organisation,
            defaults={"personnes": personnes, "ordre": ordre},
        )
    for jour, libelle in [
        ((3, 2), "Webinaire d'information sur l'appel à contributions"),
        ((3, 17), "Clôture de l'appel à contributions"),
        ((3, 27), "Lancement à Arras"),
        ((11, 6), "Comité partenarial de synthèse au SIILAB, Lille"),
        ((12, 12), "Clôture de la conférence et restitution des travaux"),
    ]:
        DateCle.objects.get_or_create(conference=conference, date=datetime.date(2023, *jour), libelle=libelle)
    lancement, cree = Evenement.objects.get_or_create(
        conference=conference,
        type=TypeEvenement.LANCEMENT,
        defaults={
            "titre": "Lancement de la 4e conférence régionale",
            "date": datetime.date(2023, 3, 27),
            "heure_debut": datetime.time(13, 30),
            "heure_fin": datetime.time(17, 0),
            "lieu": "Université d'Artois",
            "commune": Commune.objects.filter(code="62041").first(),
            "animation": "Yannick Boucher, chef du service économique de La Voix du Nord",
        },
    )
    if cree:
        programme = [
            (
                "Introduction de la conférence",
                "",
                (
                    "Pasquale Mammone, Président, Université d'Artois\nJean-Gabriel Delacroy, "
                    "SGAR\nArnaud Decagny, Vice-Président, Région Hauts-de-France\nPeggy Robert, "
                    "Présidente, CRESS Hauts-de-France"
                ),
            ),
            (
                "Table ronde n° 1 : politiques publiques ESS en région : bilan, stratégies et perspectives",
                (
                    "Quelles stratégies communes ? Quelle articulation entre les échelles régionale, "
                    "départementale, territoriale ?"
                ),
                (
                    "Jean-Gabriel Delacroy, SGAR\nArnaud Decagny, Région Hauts-de-France\nPeggy Robert, "
                    "CRESS Hauts-de-France\nBénédicte Messeanne Grobelny, Conseil départemental du "
                    "Pas-de-Calais\nCédric Delmotte, Communauté urbaine d'Arras"
                ),
            ),
            (
                "Table ronde n° 2 : « Le temps des transitions »",
                "Comprendre les transitions, regards croisés des entreprises de l'ESS.",
                (
                    "Eric Vidalenc, ADEME\nEmilie Leferme, Humafin (transition économique)\nNicolas "
                    "Delnatte, Fondation d'entreprise Caisse d'Epargne HdF (transition "
                    "sociale)\nMarie-Hélène Dutrieux, ESAT APF Côte d'Opale (transition "
                    "écologique)\nFrançois-Xavier Deal, Association emplois et services (transition "
                    "organisationnelle)"
                ),
            ),
        ]
        for ordre, (titre, description, intervenants) in enumerate(programme):
            SequenceProgramme.objects.create(
                evenement=lancement,
                ordre=ordre,
                titre=titre,
                description=description,
                intervenants=intervenants,
            )
    Evenement.objects.get_or_create(
        conference=conference,
        type=TypeEvenement.CLOTURE,
        defaults={
            "titre": "Clôture de la conférence et restitution des ateliers",
            "date": datetime.date(2023, 12, 12),
            "description": "Présentation de la synthèse des ateliers et des enjeux transversaux.",
        },
    )
