"""API: the supported territories (public) and the follow-up files (staff only)."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response

from essaim.territoires.models import Region

from .enums import NatureSuivi
from .models import Suivi
from .rules import suivis_gerables
from .services.territoires import lignes_region


class TerritoireAccompagneSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="SIREN de l'EPCI")
    nom = serializers.CharField()
    statut_politique_ess = serializers.CharField(
        allow_null=True, help_text="ancree, emergence, a_construire ou null"
    )
    pilote = serializers.BooleanField()
    projets = serializers.IntegerField(help_text="Projets de transition avec des structures de l'ESS")


@extend_schema(
    summary="Territoires accompagnés : la politique ESS de chaque EPCI d'une région",
    parameters=[
        OpenApiParameter("region", str, required=True, description="Code INSEE de la région, par exemple 32")
    ],
    responses={
        200: inline_serializer(
            "TerritoiresAccompagnes",
            {
                "count": serializers.IntegerField(help_text="Nombre d'EPCI de la région"),
                "results": TerritoireAccompagneSerializer(many=True),
            },
        ),
        400: OpenApiResponse(description='Région absente ou inconnue : {"region": [message]}'),
    },
)
class TerritoiresAPI(generics.GenericAPIView):
    """Every EPCI of the région in one answer (a région has at most a few hundred)."""

    serializer_class = TerritoireAccompagneSerializer
    permission_classes = [AllowAny]  # public; the schema then marks authentication optional
    pagination_class = None

    def get(self, request, *args, **kwargs):
        region = request.query_params.get("region", "")
        if not Region.objects.filter(code=region).exists():
            raise ValidationError({"region": [f"Code de région inconnu : « {region} »."]})
        donnees = self.get_serializer(lignes_region(region), many=True).data
        return Response({"count": len(donnees), "results": donnees})


class EstPersonnel(BasePermission):
    message = "Réservé au personnel de la CRESS."

    def has_permission(self, request, view):
        return request.user.has_perm("accompagnement.lister_suivis")


class SuiviSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    candidature = serializers.IntegerField(source="candidature_id", allow_null=True)
    structure = serializers.IntegerField(source="structure_id", allow_null=True)
    accompagnateur = serializers.StringRelatedField()
    actions_en_retard = serializers.SerializerMethodField()

    class Meta:
        model = Suivi
        fields = [
            "id",
            "nature",
            "titre",
            "statut",
            "region",
            "ouvert_le",
            "candidature",
            "structure",
            "accompagnateur",
            "actions_en_retard",
        ]

    def get_actions_en_retard(self, suivi) -> int:
        return suivi.actions_en_retard().count()


@extend_schema(
    summary="Suivis d'accompagnement des régions de l'utilisateur (personnel seulement)",
    parameters=[OpenApiParameter("nature", str, enum=NatureSuivi.values)],
)
class SuivisAPI(generics.ListAPIView):
    serializer_class = SuiviSerializer
    permission_classes = [EstPersonnel]

    def get_queryset(self):
        qs = suivis_gerables(self.request.user).select_related("accompagnateur").order_by("pk")
        nature = self.request.query_params.get("nature")
        if nature:
            if nature not in NatureSuivi.values:
                raise ValidationError(
                    {"nature": [f"Nature inconnue : « {nature} » ({', '.join(NatureSuivi.values)})."]}
                )
            qs = qs.filter(nature=nature)
        return qs
