from datetime import timedelta

import factory
from django.utils import timezone

from essaim.appels.enums import StatutCandidature, TypeCandidat
from essaim.appels.models import Appel, Candidature, Evaluation
from essaim.comptes.tests.factories import UtilisateurFactory
from essaim.territoires.models import Region

FORMULAIRE_ATELIER = [
    {"cle": "titre", "libelle": "Titre de l'atelier", "type": "texte", "obligatoire": True},
    {"cle": "description", "libelle": "Description", "type": "texte_long", "obligatoire": True},
    {
        "cle": "transitions",
        "libelle": "Transitions abordées",
        "type": "choix_multiple",
        "obligatoire": True,
        "choix": [["ecologique", "Écologique"], ["sociale", "Sociale"], ["economique", "Économique"]],
    },
    {
        "cle": "format",
        "libelle": "Format",
        "type": "choix",
        "obligatoire": True,
        "choix": [["presentiel", "Présentiel"], ["visio", "Visio"]],
    },
    {"cle": "date", "libelle": "Date envisagée", "type": "mois_ou_date", "obligatoire": True},
    {"cle": "commune", "libelle": "Commune", "type": "commune", "obligatoire": False},
    {"cle": "capacite", "libelle": "Nombre de places", "type": "nombre", "obligatoire": False, "min": 1},
]


class AppelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appel
        skip_postgeneration_save = True

    titre = factory.Sequence(lambda n: f"Appel à contributions {n}")
    slug = factory.Sequence(lambda n: f"appel-{n}")
    region = factory.LazyFunction(lambda: Region.objects.get(code="32"))
    description = "<p>Présentation de l'appel.</p>"
    ouverture = factory.LazyFunction(lambda: timezone.now() - timedelta(days=5))
    cloture = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    types_candidats = factory.LazyFunction(lambda: [TypeCandidat.ENTREPRISE_ESS, TypeCandidat.RESEAU])
    formulaire = factory.LazyFunction(lambda: [dict(q) for q in FORMULAIRE_ATELIER])
    libelles_decision = factory.LazyFunction(lambda: {"retenue": "Labellisé"})

    @factory.post_generation
    def comite(self, create, membres, **kwargs):
        if create and membres:
            self.comite.set(membres)


REPONSES_ATELIER = {
    "titre": "Comment financer la transition écologique des associations ?",
    "description": "Un atelier de co-construction avec les financeurs.",
    "transitions": ["ecologique", "economique"],
    "format": "presentiel",
    "date": "2026-05",
    "commune": "59350",
    "capacite": 40,
}


class CandidatureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidature

    appel = factory.SubFactory(AppelFactory)
    candidat = factory.SubFactory(UtilisateurFactory)
    type_candidat = TypeCandidat.ENTREPRISE_ESS
    nom_structure = "Association Les Transitions"
    reponses = factory.LazyFunction(lambda: dict(REPONSES_ATELIER))
    statut = StatutCandidature.DEPOSEE
    deposee_le = factory.LazyFunction(timezone.now)


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    candidature = factory.SubFactory(CandidatureFactory)
    evaluateur = factory.SubFactory(UtilisateurFactory)
    avis = "favorable"
    note = 4
    commentaire = "Projet solide."
