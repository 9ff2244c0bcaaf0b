"""Public figures API: GET /api/v1/observatoire/chiffres/?territoire=<niveau>:<code>."""

from django.core.cache import cache
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .services.chiffres import (
    TerritoireInvalide,
    analyser_territoire,
    calculer,
    couvre,
    millesime_publie,
    regions_importees,
)

_FAMILLES = inline_serializer(
    "ParFamille",
    {
        f: serializers.IntegerField()
        for f in ("association", "cooperative", "mutuelle", "fondation", "societe_commerciale")
    },
)
_CHIFFRES = inline_serializer(
    "ChiffresTerritoire",
    {
        "territoire": inline_serializer(
            "Territoire",
            {
                "niveau": serializers.CharField(),
                "code": serializers.CharField(),
                "nom": serializers.CharField(),
            },
        ),
        "source": serializers.CharField(),
        "millesime": serializers.DateField(help_text="Date du stock SIRENE"),
        "perimetre": serializers.CharField(),
        "donnees_de_demonstration": serializers.BooleanField(),
        "etablissements": serializers.IntegerField(help_text="Établissements actifs du périmètre ESS"),
        "etablissements_employeurs": serializers.IntegerField(
            help_text="Dont caractereEmployeurEtablissement = O"
        ),
        "par_famille": _FAMILLES,
        "par_section_naf": serializers.DictField(child=serializers.IntegerField()),
        "par_tranche_effectifs": serializers.DictField(child=serializers.IntegerField()),
        "emplois_salaries_estimes": serializers.DictField(),
        "part_ess": serializers.DictField(),
    },
)
_ERREUR = inline_serializer("ErreurObservatoire", {"erreur": serializers.CharField()})


class ChiffresAPI(APIView):
    """Key figures of the ESS for a territory, from the published SIRENE vintage."""

    permission_classes = [AllowAny]  # public; the schema then marks authentication optional

    @extend_schema(
        operation_id="observatoire_chiffres",
        summary="Chiffres clés de l'ESS d'un territoire",
        description=(
            "Établissements actifs de l'ESS (périmètre SIRENE), employeurs, répartition par famille, "
            "section NAF et tranche d'effectifs, estimation des emplois, part de l'ESS. "
            "Chaque réponse indique sa source, son millésime et son périmètre."
        ),
        parameters=[
            OpenApiParameter(
                "territoire",
                {"type": "string", "pattern": r"^(france|[a-z]+:[0-9A-Za-z]+)$"},
                required=True,
                description="niveau:code — niveau parmi france, region, departement, epci, commune "
                "(ex. france, region:32, departement:59, epci:200093201, commune:59350).",
            )
        ],
        responses={
            200: _CHIFFRES,
            400: OpenApiResponse(_ERREUR, description="Territoire absent, mal formé ou inconnu"),
            404: OpenApiResponse(
                _ERREUR, description="Aucun millésime SIRENE publié, ou territoire hors des régions importées"
            ),
        },
        examples=[
            OpenApiExample(
                "Erreur", value={"erreur": "Niveau de territoire inconnu : « canton »"}, status_codes=["400"]
            )
        ],
        tags=["observatoire"],
    )
    def get(self, request):
        try:
            niveau, code = analyser_territoire(request.query_params.get("territoire", ""))
        except TerritoireInvalide as erreur:
            return Response({"erreur": str(erreur)}, status=400)
        millesime = millesime_publie()
        if millesime is None:
            return Response({"erreur": "Aucun millésime SIRENE n'est encore publié."}, status=404)
        if not couvre(millesime, niveau, code):
            regions = ", ".join(regions_importees(millesime))
            return Response(
                {"erreur": f"Aucune donnée importée pour ce territoire (régions importées : {regions})."},
                status=404,
            )
        # Figures only change with a new vintage: cached per vintage and territory.
        cle = f"observatoire:api:{millesime.pk}:{millesime.fin and millesime.fin.timestamp()}:{niveau}:{code}"
        donnees = cache.get(cle)
        if donnees is None:
            donnees = calculer(niveau, code, millesime).as_api()
            cache.set(cle, donnees, 600)
        return Response(donnees)
