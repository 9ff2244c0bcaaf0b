"""Public read-only API v1 of the library: the published items, filtered like the pages.

Same style as the conference's API (DRF generic views, ``commun.pagination``: ``count``,
``next``, ``previous``, ``results``); a bad filter is a 400 naming the parameter."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import AllowAny

from essaim.annuaire.models import Theme, Transition

from .enums import TypeRessource
from .models import Ressource
from .services import recherche


class ParametresInvalides(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "Paramètres invalides."
    default_code = "parametres_invalides"

    def __init__(self, erreurs: dict):
        super().__init__()
        self.detail = {"detail": "Paramètres invalides.", "erreurs": erreurs}


class RessourceSerializer(serializers.ModelSerializer):
    type_libelle = serializers.CharField(source="get_type_display")
    editeur = serializers.CharField()
    editeur_structure = serializers.SerializerMethodField()
    transitions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    themes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    region = serializers.CharField(source="region_id")
    territoire = serializers.SerializerMethodField()
    conferences = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    page = serializers.SerializerMethodField()

    class Meta:
        model = Ressource
        fields = [
            "slug",
            "titre",
            "type",
            "type_libelle",
            "url",
            "editeur",
            "editeur_structure",
            "description",
            "transitions",
            "themes",
            "region",
            "territoire",
            "date",
            "licence",
            "langue",
            "etat_lien",
            "lien_mort_depuis",
            "conferences",
            "page",
            "modifie_le",
        ]

    def get_editeur_structure(self, ressource) -> str | None:
        s = ressource.editeur_structure
        return s.slug if s is not None and s.est_publiee else None

    def get_territoire(self, ressource) -> dict:
        objet = ressource.territoire
        return {
            "echelle": ressource.echelle,
            "code": "FR" if objet is None else objet.code,
            "libelle": ressource.libelle_territoire,
        }

    def get_page(self, ressource) -> str:
        return self.context["request"].build_absolute_uri(ressource.get_absolute_url())


PARAMETRES = [
    OpenApiParameter(
        "q", str, description="Mots du titre, de l'éditeur ou de la description (accents ignorés)."
    ),
    OpenApiParameter(
        "type",
        str,
        many=True,
        description="Type (répétable ; OU entre valeurs) : " + ", ".join(TypeRessource.values),
    ),
    OpenApiParameter(
        "transition", str, many=True, description="ecologique, sociale, economique, organisationnelle."
    ),
    OpenApiParameter(
        "theme", str, many=True, description="Code de thème ; un thème parent inclut ses sous-thèmes."
    ),
    OpenApiParameter(
        "territoire",
        str,
        description=(
            "france, region:32, departement:59, epci:<SIREN>, commune:<code INSEE> ; un code nu est lu "
            "d'après sa forme. Une région inclut les ressources de ses départements et communes."
        ),
    ),
    OpenApiParameter(
        "region",
        str,
        description="Région de rattachement (code INSEE, ex. 32), ressources nationales comprises.",
    ),
    OpenApiParameter("conference", str, description="Identifiant d'URL d'une édition de la conférence."),
    OpenApiParameter("page", {"type": "integer", "minimum": 1}, description="Numéro de page."),
]


def _publiees():
    return (
        Ressource.objects.publiees()
        .select_related("editeur_structure", "region", "departement", "epci", "commune")
        .prefetch_related(
            Prefetch("transitions", queryset=Transition.objects.only("code")),
            Prefetch("themes", queryset=Theme.objects.only("code")),
            "conferences",
        )
    )


class RessourcesListe(ListAPIView):
    """The published items of the resource library."""

    permission_classes = [AllowAny]
    serializer_class = RessourceSerializer

    @extend_schema(
        operation_id="ressources_liste",
        summary="Liste paginée des ressources publiées",
        parameters=PARAMETRES,
        responses={
            200: RessourceSerializer(many=True),
            400: OpenApiResponse(description="Un filtre invalide ou inconnu (message par paramètre)."),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        try:
            filtres = recherche.lire_filtres(self.request.query_params)
        except recherche.FiltresInvalides as e:
            raise ParametresInvalides(e.erreurs) from None
        return recherche.filtrer(filtres, _publiees()).order_by("titre", "pk")


class RessourceDetail(RetrieveAPIView):
    permission_classes = [AllowAny]
    serializer_class = RessourceSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return _publiees()
