import factory
from allauth.account.models import EmailAddress

from essaim.comptes.enums import Role
from essaim.comptes.models import Utilisateur
from essaim.territoires.models import Region

MOT_DE_PASSE = "motdepasse-solide-42"


class UtilisateurFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Utilisateur
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Test{n}")
    role = Role.VISITEUR
    password = factory.PostGenerationMethodCall("set_password", MOT_DE_PASSE)

    @factory.post_generation
    def regions(self, create, codes, **kwargs):
        if create and codes:
            self.regions.set(Region.objects.filter(code__in=codes))
        if create:
            self.save()
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


def charge_de_mission(*codes, **kwargs):
    return UtilisateurFactory(role=Role.CHARGE_MISSION, regions=list(codes), **kwargs)


def partenaire(*codes, **kwargs):
    return UtilisateurFactory(role=Role.PARTENAIRE, regions=list(codes), **kwargs)


def administrateur(**kwargs):
    return UtilisateurFactory(role=Role.ADMINISTRATEUR, is_superuser=True, **kwargs)
