import datetime

import factory
from django.utils import timezone

from essaim.annuaire.tests.factories import StructureFactory
from essaim.clubs.enums import StatutMembre, TypeRencontre
from essaim.clubs.models import Club, Contact, Filiere, Membre, Rencontre
from essaim.territoires.models import Commune, Region

__all__ = ["StructureFactory", "ClubFactory", "RencontreFactory", "membre", "filiere"]


def filiere(code="reemploi-economie-circulaire", libelle="Réemploi et économie circulaire"):
    return Filiere.objects.get_or_create(code=code, defaults={"libelle": libelle})[0]


class ClubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Club

    nom = factory.Sequence(lambda n: f"Club Busin'ESS de test {n}")
    filiere = factory.LazyFunction(filiere)
    region = factory.LazyFunction(lambda: Region.objects.get(code="32"))
    description = "Un club pour coopérer."


class RencontreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rencontre

    club = factory.SubFactory(ClubFactory)
    titre = factory.Sequence(lambda n: f"Rencontre de test {n}")
    type = TypeRencontre.MISE_EN_RESEAU
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    commune = factory.LazyFunction(lambda: Commune.objects.get(code="59350"))
    capacite = 20


def membre(club, structure=None, gestionnaire=None, statut=StatutMembre.ACCEPTEE):
    """A member structure (managed by ``gestionnaire`` when given) with its contact."""
    structure = structure or StructureFactory(gestionnaires=[gestionnaire] if gestionnaire else [])
    objet = Membre.objects.create(
        club=club, structure=structure, statut=statut, depuis=datetime.date(2025, 1, 1)
    )
    if gestionnaire:
        Contact.objects.create(
            membre=objet, utilisateur=gestionnaire, prenom="Gaëlle", nom="Membre", email=gestionnaire.email
        )
    return objet
