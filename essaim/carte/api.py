"""Public API v1 of the directory: list, detail, facets and the cluster map (GeoJSON).

Read-only, anonymous, throttled (429 + Retry-After), cacheable (ETag / Last-Modified from
the index's state), CORS-open. Every bad parameter is a 400 with a French JSON message.
"""

import hashlib

from django.http import Http404
from django.utils.http import http_date, quote_etag
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import APIException, NotFound
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from . import geo
from .lecture import PAGE_MAX, etat_index
from .serializers import (
    CarteSerializer,
    FacettesSerializer,
    ListeStructuresSerializer,
    StructureDetailSerializer,
    representer,
)
from .services import carte as carte_service
from .services import liste
from .services.filtres import FiltresInvalides, lire_filtres

TAILLE_PAGE = 50
TAILLE_PAGE_MAX = 200


class ParametresInvalides(APIException):
    status_code = status.HTTP_400_BAD_REQUEST
    default_detail = "Paramètres invalides."
    default_code = "parametres_invalides"

    def __init__(self, erreurs: dict):
        super().__init__()
        self.detail = {"detail": "Paramètres invalides.", "erreurs": erreurs}


PARAMETRES_FILTRES = [
    OpenApiParameter(
        "q",
        str,
        description=(
            "Recherche plein texte (nom, sigle, description, thèmes, commune) ; tolère une faute de frappe."
        ),
    ),
    OpenApiParameter(
        "theme",
        str,
        many=True,
        description=(
            "Code de thème de transition (répétable ; OU entre valeurs). Un thème parent inclut ses "
            "sous-thèmes."
        ),
    ),
    OpenApiParameter(
        "transition", str, many=True, description="ecologique, sociale, economique, organisationnelle."
    ),
    OpenApiParameter(
        "famille",
        str,
        many=True,
        description="Famille de l'ESS : association, cooperative, mutuelle, fondation, societe_commerciale.",
    ),
    OpenApiParameter("agrement", str, many=True, description="Statut ou agrément (ESUS, SCOP, SIAE-ACI…)."),
    OpenApiParameter("region", str, many=True, description="Code INSEE de région (ex. 32)."),
    OpenApiParameter("departement", str, many=True, description="Code INSEE de département (ex. 59)."),
    OpenApiParameter("epci", str, many=True, description="SIREN de l'EPCI."),
    OpenApiParameter(
        "commune", str, many=True, description="Code INSEE de commune (inclut ses arrondissements)."
    ),
]


def filtres_de(request):
    try:
        return lire_filtres(request.query_params)
    except FiltresInvalides as e:
        raise ParametresInvalides(e.erreurs) from None


def _entier(request, nom: str, defaut: int, mini: int, maxi: int) -> int:
    brut = request.query_params.get(nom)
    if brut in (None, ""):
        return defaut
    try:
        valeur = int(brut)
    except ValueError:
        raise ParametresInvalides({nom: [f"Nombre entier attendu, reçu « {brut[:40]} »."]}) from None
    if not mini <= valeur <= maxi:
        raise ParametresInvalides({nom: [f"Doit être compris entre {mini} et {maxi}, reçu {valeur}."]})
    return valeur


VRAI, FAUX = ("1", "true", "oui"), ("0", "false", "non")


def _booleen(request, nom: str) -> bool:
    """A boolean query parameter: given once, as 1/true/oui or 0/false/non, else a 400."""
    valeurs = request.query_params.getlist(nom)
    if not valeurs:
        return False
    if len(valeurs) > 1 or valeurs[0].lower() not in VRAI + FAUX:
        raise ParametresInvalides(
            {nom: [f"Booléen attendu (true ou false), reçu « {', '.join(valeurs)[:40]} »."]}
        )
    return valeurs[0].lower() in VRAI


class VueCacheable(APIView):
    """GET views answering 304 when the index has not changed since the client's copy."""

    def get(self, request, *args, **kwargs):
        version, derniere = etat_index()
        etag = quote_etag(hashlib.sha256(f"{version}|{request.get_full_path()}".encode()).hexdigest()[:32])
        if request.headers.get("If-None-Match") == etag:
            reponse = Response(status=status.HTTP_304_NOT_MODIFIED)
        else:
            reponse = self.lire(request, *args, **kwargs)
        reponse["ETag"] = etag
        if derniere is not None:
            reponse["Last-Modified"] = http_date(derniere.timestamp())
        reponse["Cache-Control"] = "public, max-age=60"
        return reponse

    def lire(self, request, *args, **kwargs):
        raise NotImplementedError


class StructuresListe(VueCacheable):
    @extend_schema(
        operation_id="structures_liste",
        summary="Liste paginée des structures publiées",
        parameters=[
            *PARAMETRES_FILTRES,
            OpenApiParameter(
                "page",
                {"type": "integer", "minimum": 1, "maximum": PAGE_MAX},
                description=f"Numéro de page (1 à {PAGE_MAX}).",
            ),
            OpenApiParameter(
                "page_size",
                {"type": "integer", "minimum": 1, "maximum": TAILLE_PAGE_MAX},
                description=f"Résultats par page (1 à {TAILLE_PAGE_MAX}, {TAILLE_PAGE} par défaut).",
            ),
            OpenApiParameter("facettes", bool, description="1 pour ajouter les comptes par filtre."),
        ],
        responses=ListeStructuresSerializer,
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def lire(self, request):
        filtres = filtres_de(request)
        page = _entier(request, "page", 1, 1, PAGE_MAX)
        taille = _entier(request, "page_size", TAILLE_PAGE, 1, TAILLE_PAGE_MAX)
        total = liste.compter(filtres)
        ids = liste.ids_page(filtres, (page - 1) * taille, taille) if (page - 1) * taille < total else []
        base = request.build_absolute_uri(request.path)
        autres = [(k, v) for k, v in request.query_params.lists() for v in v if k not in ("page",)]

        def lien(numero):
            from urllib.parse import urlencode

            return f"{base}?{urlencode([*autres, ('page', numero)])}"

        donnees = {
            "count": total,
            "next": lien(page + 1) if page * taille < total and page < PAGE_MAX else None,
            "previous": lien(page - 1) if page > 1 else None,
            "results": [representer(r, request) for r in liste.lignes(ids)],
        }
        if _booleen(request, "facettes"):
            donnees["facettes"] = liste.facettes(filtres)["facettes"]
        return Response(donnees)


class StructureDetail(VueCacheable):
    @extend_schema(
        operation_id="structures_detail", summary="Une structure publiée", responses=StructureDetailSerializer
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def lire(self, request, pk):
        lignes = liste.lignes([pk], liste.CHAMPS_COMPLETS)
        if not lignes:
            raise NotFound("Aucune structure publiée ne porte cet identifiant.")
        return Response(representer(lignes[0], request, complet=True))


class StructuresFacettes(VueCacheable):
    @extend_schema(
        operation_id="structures_facettes",
        summary="Comptes par valeur de filtre (facettes) pour les filtres donnés",
        parameters=PARAMETRES_FILTRES,
        responses=FacettesSerializer,
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def lire(self, request):
        return Response(liste.facettes(filtres_de(request)))


class RenduGeoJSON(JSONRenderer):
    media_type = "application/geo+json"
    format = "geojson"


class Carte(VueCacheable):
    renderer_classes = [RenduGeoJSON, JSONRenderer, BrowsableAPIRenderer]

    def perform_content_negotiation(self, request, force=False):
        """An unknown ``?format=`` is a 400 like any bad parameter (DRF answers 404), and
        errors are plain JSON (DRF would render them with the first renderer, GeoJSON)."""
        if force:
            return JSONRenderer(), JSONRenderer.media_type
        try:
            return super().perform_content_negotiation(request, force)
        except (Http404, NotFound):
            raise ParametresInvalides({"format": ["Format inconnu : geojson ou json."]}) from None

    def handle_exception(self, exc):
        reponse = super().handle_exception(exc)
        self.request.accepted_renderer, self.request.accepted_media_type = JSONRenderer(), "application/json"
        return reponse

    @extend_schema(
        operation_id="carte",
        summary="Carte : agrégats (clusters) et structures isolées en GeoJSON",
        description=(
            "FeatureCollection de points. Un agrégat porte `properties.cluster = true` et "
            "`properties.count` ; une structure isolée porte `properties.id` et `properties.nom`. "
            "La somme des `count` égale le nombre exact de structures correspondantes dans la bbox."
        ),
        parameters=[
            OpenApiParameter("bbox", str, required=True, description="ouest,sud,est,nord en degrés WGS84."),
            OpenApiParameter(
                "zoom",
                {"type": "integer", "minimum": 0, "maximum": carte_service.ZOOM_MAX},
                required=True,
                description=f"Niveau de zoom de la carte (0 à {carte_service.ZOOM_MAX}).",
            ),
            *PARAMETRES_FILTRES,
        ],
        responses={(200, "application/geo+json"): CarteSerializer},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def lire(self, request):
        try:
            bbox = geo.lire_bbox(request.query_params.get("bbox"))
        except geo.BboxInvalide as e:
            raise ParametresInvalides({"bbox": [str(e)]}) from None
        if "zoom" not in request.query_params:
            raise ParametresInvalides({"zoom": ["Paramètre zoom obligatoire (0 à 20)."]})
        zoom = _entier(request, "zoom", 5, 0, carte_service.ZOOM_MAX)
        filtres = filtres_de(request)
        return Response(carte_service.features(bbox, zoom, filtres))
