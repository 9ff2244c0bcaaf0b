import factory

from essaim.territoires.models import Region

from ..enums import StatutRessource, TypeRessource
from ..models import Ressource


class RessourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ressource

    type = TypeRessource.GUIDE
    titre = factory.Sequence(lambda n: f"Guide de la coopération n° {n}")
    url = factory.Sequence(lambda n: f"https://ressources.exemple.fr/guide-{n}")
    editeur_libre = "CRESS Hauts-de-France"
    description = "<p>Un guide pour coopérer.</p>"
    region = factory.LazyFunction(lambda: Region.objects.get(code="32"))
    statut = StatutRessource.PUBLIEE
