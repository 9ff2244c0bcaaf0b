"""Public read-only API of published calls: GET /api/v1/appels/ and /api/v1/appels/<slug>/."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny

from .models import Appel, PieceKit
from .services.formulaire import normaliser_question


class PieceKitSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = PieceKit
        fields = ["titre", "nature", "url"]

    def get_url(self, piece) -> str:
        from django.urls import reverse

        chemin = reverse("appels:kit", args=[piece.appel.slug, piece.pk])
        requete = self.context.get("request")
        return requete.build_absolute_uri(chemin) if requete else chemin


class AppelSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id", help_text="Code INSEE de la région")
    est_ouvert = serializers.BooleanField(read_only=True)
    url = serializers.SerializerMethodField()
    webinaire = serializers.SerializerMethodField()

    class Meta:
        model = Appel
        fields = [
            "slug",
            "titre",
            "chapeau",
            "region",
            "ouverture",
            "cloture",
            "est_ouvert",
            "types_candidats",
            "url",
            "webinaire",
        ]

    def get_url(self, appel) -> str:
        requete = self.context.get("request")
        return requete.build_absolute_uri(appel.get_absolute_url()) if requete else appel.get_absolute_url()

    def get_webinaire(self, appel) -> dict | None:
        if not appel.webinaire_date:
            return None
        return {
            "titre": appel.webinaire_titre,
            "date": appel.webinaire_date.isoformat(),
            "duree_minutes": appel.webinaire_duree,
            "lien": appel.webinaire_lien,
        }


class AppelDetailSerializer(AppelSerializer):
    questions = serializers.SerializerMethodField()
    kit = PieceKitSerializer(many=True, read_only=True)

    class Meta(AppelSerializer.Meta):
        fields = [*AppelSerializer.Meta.fields, "description", "questions", "kit"]

    def get_questions(self, appel) -> list[dict]:
        return [normaliser_question(q) for q in appel.formulaire or []]


@extend_schema(
    summary="Appels à candidatures publiés",
    parameters=[
        OpenApiParameter("region", str, description="Code INSEE de la région, par exemple 32"),
        OpenApiParameter("ouverts", bool, description="Seulement les appels ouverts aujourd'hui"),
    ],
)
class AppelListeAPI(generics.ListAPIView):
    serializer_class = AppelSerializer
    permission_classes = [AllowAny]  # public; the schema then marks authentication optional

    def list(self, request, *args, **kwargs):
        # Parameters outside their documented type are a 400, never silently ignored.
        erreurs = {}
        ouverts = request.query_params.getlist("ouverts")
        if len(ouverts) > 1 or (ouverts and ouverts[0] not in ("", "true", "false", "1", "0", "oui", "non")):
            erreurs["ouverts"] = ["Booléen attendu : true ou false."]
        if erreurs:
            raise ValidationError(erreurs)
        return super().list(request, *args, **kwargs)

    def get_queryset(self):
        qs = Appel.objects.filter(publie=True).select_related("region").order_by("cloture")
        if region := self.request.query_params.get("region"):
            qs = qs.filter(region_id=region)
        if self.request.query_params.get("ouverts") in ("1", "true", "oui"):
            maintenant = timezone.now()
            qs = qs.filter(ouverture__lte=maintenant, cloture__gt=maintenant)
        return qs


@extend_schema(summary="Un appel à candidatures, avec ses questions et son kit")
class AppelDetailAPI(generics.RetrieveAPIView):
    serializer_class = AppelDetailSerializer
    permission_classes = [AllowAny]  # public; the schema then marks authentication optional
    lookup_field = "slug"
    queryset = Appel.objects.filter(publie=True).select_related("region").prefetch_related("kit")
