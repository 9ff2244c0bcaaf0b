import datetime

import factory

from essaim.comptes.enums import Role
from essaim.comptes.models import Utilisateur
from essaim.conference.enums import Format, Transition
from essaim.conference.models import Atelier, Conference
from essaim.conference.services.editions import assurer_transitions
from essaim.territoires.models import Commune, Region


def utilisateur(role=Role.VISITEUR, regions=(), email=None, mot_de_passe="motdepasse-solide-42"):
    compte = Utilisateur.objects.create_user(
        email or f"{role}-{Utilisateur.objects.count()}@exemple.fr", mot_de_passe, role=role
    )
    compte.regions.set(Region.objects.filter(code__in=regions))
    return compte


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference
        skip_postgeneration_save = True

    region = factory.LazyFunction(lambda: Region.objects.get(code="32"))
    annee = factory.Sequence(lambda n: 2030 + n)
    slug = factory.Sequence(lambda n: f"edition-{n}")
    titre = factory.Sequence(lambda n: f"Conférence régionale de test {n}")
    theme = "Le temps des transitions"
    date_debut = factory.LazyAttribute(lambda o: datetime.date(o.annee, 4, 1))
    date_fin = factory.LazyAttribute(lambda o: datetime.date(o.annee, 12, 31))

    @factory.post_generation
    def transitions(obj, create, extracted, **kwargs):
        if create:
            assurer_transitions(obj)


class AtelierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Atelier

    conference = factory.SubFactory(ConferenceFactory)
    intitule = factory.Sequence(lambda n: f"Atelier de co-construction n° {n}")
    organisateurs_libres = "Collectif de test"
    transitions = factory.LazyFunction(lambda: [Transition.SOCIALE.value])
    date = factory.LazyAttribute(lambda o: datetime.date(o.conference.annee, 6, 15))
    format = Format.PRESENTIEL
    commune = factory.LazyFunction(lambda: Commune.objects.get(code="59350"))
    capacite = 20
    description = "Un atelier pour échanger."


def inscrire_confirmee(atelier, *args, **kwargs):
    """Someone who registered and then opened the link of the confirmation e-mail."""
    from essaim.conference.services.participants import confirmer, inscrire

    return confirmer(inscrire(atelier, *args, **kwargs))
