import factory
from django.utils import timezone

from essaim.comptes.enums import Role
from essaim.comptes.models import Utilisateur
from essaim.territoires.models import Commune

from ..enums import EtatGeocodage, StatutStructure
from ..models import Gestion, Lieu, Structure


class UtilisateurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Utilisateur
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    role = Role.VISITEUR
    password = factory.PostGenerationMethodCall("set_password", "motdepasse-solide-42")

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)
        if create:
            self.save()


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure
        skip_postgeneration_save = True

    nom = factory.Sequence(lambda n: f"Recyclerie numéro {n}")
    statut = StatutStructure.PUBLIEE
    categorie_juridique = "9220"
    confirme_le = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def commune(self, create, extracted, **kwargs):
        """StructureFactory(commune="59350") adds a principal place there (default Lille)."""
        if not create or extracted is False:
            return
        code = extracted or "59350"
        Lieu.objects.create(
            structure=self,
            commune=Commune.objects.get(code=code),
            adresse="1 rue de la Paix",
            code_postal=Commune.objects.get(code=code).codes_postaux.split(" ")[0],
            principal=True,
            latitude=kwargs.get("lat", 50.63),
            longitude=kwargs.get("lon", 3.06),
            etat_geocodage=EtatGeocodage.GEOCODE,
        )
        self.refresh_from_db()

    @factory.post_generation
    def gestionnaires(self, create, extracted, **kwargs):
        for utilisateur in extracted or []:
            Gestion.objects.create(structure=self, utilisateur=utilisateur)
