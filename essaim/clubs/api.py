"""Public read-only API v1 of the clubs."""

from django.db.models import Count, Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import AllowAny

from .enums import StatutClub, StatutMembre, StatutRencontre
from .models import Club


class ClubSerializer(serializers.ModelSerializer):
    filiere = serializers.CharField(source="filiere.libelle")
    code_filiere = serializers.CharField(source="filiere.code")
    region = serializers.CharField(source="region_id")
    membres = serializers.IntegerField(source="nb_membres", help_text="Nombre de structures membres.")
    rencontres = serializers.IntegerField(
        source="nb_rencontres", help_text="Nombre de rencontres (hors annulées)."
    )
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Club
        fields = [
            "slug",
            "nom",
            "filiere",
            "code_filiere",
            "region",
            "description",
            "membres",
            "rencontres",
            "url",
        ]


class ClubsPublics:
    permission_classes = [AllowAny]
    serializer_class = ClubSerializer

    def get_queryset(self):
        qs = (
            Club.objects.filter(statut=StatutClub.ACTIF)
            .select_related("filiere")
            .annotate(
                nb_membres=Count("membres", filter=Q(membres__statut=StatutMembre.ACCEPTEE), distinct=True),
                nb_rencontres=Count(
                    "rencontres", filter=~Q(rencontres__statut=StatutRencontre.ANNULEE), distinct=True
                ),
            )
            .order_by("nom")
        )
        region = self.request.query_params.get("region")
        filiere = self.request.query_params.get("filiere")
        if region:
            qs = qs.filter(region_id=region)
        if filiere:
            qs = qs.filter(filiere__code=filiere)
        return qs


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter("region", str, description="Code INSEE de la région (ex. 32)."),
            OpenApiParameter("filiere", str, description="Code de la filière (ex. alimentation-durable)."),
        ]
    )
)
class ClubsListe(ClubsPublics, ListAPIView):
    """The active Clubs Busin'ESS #Filières: filière, région, member structures and sessions."""


class ClubDetail(ClubsPublics, RetrieveAPIView):
    lookup_field = "slug"
