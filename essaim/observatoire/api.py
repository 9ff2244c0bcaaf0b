"""Public figures API: GET /api/v1/observatoire/chiffres/?territoire=<niveau>:<code>[&millesime=…]
and GET /api/v1/observatoire/series/?territoire=<niveau>:<code> (one point per imported vintage)."""

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

from .services.chiffres import TerritoireInvalide, analyser_territoire, calculer, couvre, regions_importees
from .services.domaines import version_correspondance
from .services.millesimes import MillesimeInvalide, etat_millesimes, millesime_a_la_date, millesime_publie
from .services.series import serie, series_chiffres_importes

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
        "par_domaine_tee": serializers.DictField(
            child=serializers.IntegerField(),
            help_text="Domaine de la transition → établissements actifs (correspondance NAF ; "
            "« non-classe » pour les codes hors de la table : la somme égale « etablissements »)",
        ),
        "par_tranche_effectifs": serializers.DictField(child=serializers.IntegerField()),
        "emplois_salaries_estimes": serializers.DictField(),
        "part_ess": serializers.DictField(),
    },
)
_ERREUR = inline_serializer("ErreurObservatoire", {"erreur": serializers.CharField()})
_TERRITOIRE = OpenApiParameter(
    "territoire",
    {"type": "string", "pattern": r"^(france|[a-z]+:[0-9A-Za-z]+)$"},
    required=True,
    description="niveau:code — niveau parmi france, region, departement, epci, commune "
    "(ex. france, region:32, departement:59, epci:200093201, commune:59350).",
)
_SERIES = inline_serializer(
    "SeriesTerritoire",
    {
        "territoire": inline_serializer(
            "TerritoireSerie",
            {
                "niveau": serializers.CharField(),
                "code": serializers.CharField(),
                "nom": serializers.CharField(),
            },
        ),
        "series": inline_serializer(
            "PointSerie",
            {
                "millesime": serializers.DateField(help_text="Date du stock SIRENE"),
                "etablissements": serializers.IntegerField(),
                "etablissements_employeurs": serializers.IntegerField(),
                "par_famille": inline_serializer(
                    "ParFamilleSerie",
                    {
                        f: serializers.IntegerField()
                        for f in (
                            "association",
                            "cooperative",
                            "mutuelle",
                            "fondation",
                            "societe_commerciale",
                        )
                    },
                ),
                "etablissements_actifs_tous_secteurs": serializers.IntegerField(allow_null=True),
                "part_ess": serializers.FloatField(allow_null=True),
                "publie": serializers.BooleanField(),
                "par_domaine_tee": serializers.DictField(
                    child=serializers.IntegerField(), help_text="Domaine de la transition → établissements"
                ),
                "source": serializers.CharField(),
                "perimetre": serializers.CharField(),
            },
            many=True,
        ),
        "changements": serializers.ListField(
            child=serializers.DictField(),
            help_text="Changements de périmètre ou de méthode entre deux millésimes",
        ),
        "chiffres_importes": serializers.ListField(
            child=serializers.DictField(), help_text="Séries des chiffres agrégés reçus, par source"
        ),
    },
)


def _territoire(request):
    return analyser_territoire(request.query_params.get("territoire", ""))


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
            _TERRITOIRE,
            OpenApiParameter(
                "millesime",
                {"type": "string", "format": "date"},
                required=False,
                description="Date du stock SIRENE (AAAA-MM-JJ) d'un millésime importé ; par défaut le "
                "millésime publié.",
            ),
        ],
        responses={
            200: _CHIFFRES,
            400: OpenApiResponse(_ERREUR, description="Territoire ou millésime absent, mal formé ou inconnu"),
            404: OpenApiResponse(
                _ERREUR,
                description="Aucun millésime SIRENE publié, aucun à cette date, ou territoire hors des "
                "régions importées",
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
            niveau, code = _territoire(request)
        except TerritoireInvalide as erreur:
            return Response({"erreur": str(erreur)}, status=400)
        demande = request.query_params.get("millesime", "")
        if demande:
            try:
                millesime = millesime_a_la_date(demande)
            except MillesimeInvalide as erreur:
                statut = 404 if str(erreur).startswith("Aucun") else 400
                return Response({"erreur": str(erreur)}, status=statut)
        else:
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
        fin = millesime.fin and millesime.fin.timestamp()
        cle = f"observatoire:api:{millesime.pk}:{fin}:{version_correspondance()}:{niveau}:{code}"
        donnees = cache.get(cle)
        if donnees is None:
            donnees = calculer(niveau, code, millesime).as_api()
            cache.set(cle, donnees, 600)
        return Response(donnees)


class SeriesAPI(APIView):
    """Figures of a territory for every imported SIRENE vintage, oldest first."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="observatoire_series",
        summary="Séries de l'ESS d'un territoire sur les millésimes SIRENE",
        description=(
            "Un point par millésime importé (publié ou non), du plus ancien au plus récent, chacun égal "
            "aux chiffres de ce seul stock ; les changements de périmètre ou de méthode entre deux "
            "millésimes ; les séries des chiffres agrégés reçus d'autres sources, par source."
        ),
        parameters=[_TERRITOIRE],
        responses={
            200: _SERIES,
            400: OpenApiResponse(_ERREUR, description="Territoire absent, mal formé ou inconnu"),
        },
        tags=["observatoire"],
    )
    def get(self, request):
        try:
            niveau, code = _territoire(request)
        except TerritoireInvalide as erreur:
            return Response({"erreur": str(erreur)}, status=400)
        cle = f"observatoire:series:{etat_millesimes()}:{version_correspondance()}:{niveau}:{code}"
        donnees = cache.get(cle)
        if donnees is None:
            donnees = serie(niveau, code, avec_chiffres_importes=False, avec_domaines=True)
            cache.set(cle, donnees, 600)
        # Figures received from partners can be imported at any time: never served from the cache.
        return Response({**donnees, "chiffres_importes": series_chiffres_importes(niveau, code)})
