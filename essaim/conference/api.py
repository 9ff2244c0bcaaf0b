"""Public read-only API v1 of the conference: editions, their key figures and workshops."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView, get_object_or_404
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from essaim.territoires.models import Region

from .models import Atelier, Conference
from .services import comparaison
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


_CHIFFRES_EDITION = inline_serializer(
    "ChiffresEdition",
    {
        "edition": serializers.CharField(help_text="Identifiant (slug) de l'édition"),
        "annee": serializers.IntegerField(),
        "titre": serializers.CharField(),
        "url": serializers.CharField(),
        "ateliers": serializers.IntegerField(),
        "participants": serializers.IntegerField(),
        "ateliers_avec_participants": serializers.IntegerField(),
        "moyenne_participants": serializers.FloatField(),
        "par_mois": serializers.DictField(child=serializers.IntegerField()),
        "par_departement": serializers.DictField(child=serializers.IntegerField()),
        "par_transition": serializers.DictField(child=serializers.IntegerField()),
        "organisateurs": serializers.IntegerField(),
        "participants_detail": inline_serializer(
            "ParticipantsEdition",
            {
                "participants_declares": serializers.IntegerField(),
                "inscrits": serializers.IntegerField(),
                "emarges": serializers.IntegerField(),
            },
        ),
        "organisateurs_nouveaux": serializers.IntegerField(
            allow_null=True, help_text="Absents des éditions précédentes ; null pour la première"
        ),
        "part_organisateurs_nouveaux": serializers.FloatField(allow_null=True),
    },
)
_ERREUR = inline_serializer("ErreurConference", {"erreur": serializers.CharField()})


class ChiffresEditions(APIView):
    """Key figures of every published edition of a région, oldest first."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="conferences_chiffres_region",
        summary="Chiffres clés de chaque édition d'une région",
        description=(
            "Pour chaque édition publiée de la région, de la plus ancienne à la plus récente : les "
            "chiffres clés du rapport (mêmes clés que `conference_report --format json`), les "
            "participants déclarés, inscrits et émargés, et les organisateurs nouveaux dans "
            "l'édition. `une_seule_edition` vaut vrai quand il n'y a rien à comparer."
        ),
        parameters=[
            OpenApiParameter(
                "region",
                {"type": "string", "pattern": r"^[0-9]{2}$"},
                required=True,
                description="Code INSEE de la région (ex. 32 pour les Hauts-de-France).",
            )
        ],
        responses={
            200: inline_serializer(
                "ChiffresEditions",
                {
                    "region": inline_serializer(
                        "RegionConference", {"code": serializers.CharField(), "nom": serializers.CharField()}
                    ),
                    "une_seule_edition": serializers.BooleanField(),
                    "message": serializers.CharField(),
                    "editions": serializers.ListField(child=_CHIFFRES_EDITION),
                },
            ),
            400: OpenApiResponse(_ERREUR, description="Région absente, mal formée ou inconnue"),
        },
        tags=["conferences"],
    )
    def get(self, request):
        code = request.query_params.get("region", "").strip()
        if not code:
            return Response({"erreur": "Paramètre « region » manquant (code INSEE, ex. 32)."}, status=400)
        region = Region.objects.filter(code=code).first()
        if region is None:
            return Response({"erreur": f"Région inconnue : « {code} »."}, status=400)
        editions = comparaison.chiffres_des_editions(region.code)
        if not editions:
            message = "Aucune édition publiée dans cette région."
        elif len(editions) == 1:
            message = "Une seule édition publiée dans cette région : rien à comparer."
        else:
            message = f"{len(editions)} éditions publiées."
        return Response(
            {
                "region": {"code": region.code, "nom": region.nom},
                "une_seule_edition": len(editions) == 1,
                "message": message,
                "editions": [
                    comparaison.en_api(e, request.build_absolute_uri(e["conference"].get_absolute_url()))
                    for e in editions
                ],
            }
        )
