"""Public read-only API v1 of the conference: editions, their key figures and workshops."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView, get_object_or_404
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Atelier, Conference
from .services.chiffres import ateliers_de, chiffres_cles, participants_atelier


class ConferenceSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Conference
        fields = ["slug", "titre", "theme", "region", "annee", "date_debut", "date_fin", "url"]


class AtelierSerializer(serializers.ModelSerializer):
    organisateurs = serializers.ListField(source="liste_organisateurs", child=serializers.CharField())
    commune = serializers.CharField(source="commune_id", allow_null=True)
    departement = serializers.CharField(source="code_departement")
    participants = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Atelier
        fields = [
            "id",
            "intitule",
            "organisateurs",
            "transitions",
            "date",
            "precision_date",
            "format",
            "commune",
            "departement",
            "capacite",
            "participants",
            "url",
        ]

    def get_participants(self, atelier) -> int | None:
        return participants_atelier(atelier)


class EditionsPubliees:
    permission_classes = [AllowAny]

    def get_queryset(self):
        return Conference.objects.filter(publiee=True).select_related("region")


class ConferencesListe(EditionsPubliees, ListAPIView):
    """The published editions of the conférence régionale de l'ESS."""

    serializer_class = ConferenceSerializer


class ConferenceDetail(EditionsPubliees, RetrieveAPIView):
    serializer_class = ConferenceSerializer
    lookup_field = "slug"


class ChiffresCles(APIView):
    """Key figures, computed from the workshops (same object as `conference_report --format json`)."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses=inline_serializer(
            "ChiffresCles",
            {
                "ateliers": serializers.IntegerField(),
                "participants": serializers.IntegerField(),
                "ateliers_avec_participants": serializers.IntegerField(),
                "moyenne_participants": serializers.FloatField(),
                "par_mois": serializers.DictField(child=serializers.IntegerField()),
                "par_departement": serializers.DictField(child=serializers.IntegerField()),
                "par_transition": serializers.DictField(child=serializers.IntegerField()),
                "organisateurs": serializers.IntegerField(),
            },
        )
    )
    def get(self, request, slug):
        conference = get_object_or_404(Conference, slug=slug, publiee=True)
        return Response(chiffres_cles(conference))


class AteliersListe(ListAPIView):
    """The labelled workshops of an edition."""

    permission_classes = [AllowAny]
    serializer_class = AtelierSerializer
    pagination_class = None

    def get_queryset(self):
        conference = get_object_or_404(Conference, slug=self.kwargs["slug"], publiee=True)
        return ateliers_de(conference)
