"""API v1 of strategic plans: the plans a client may read, and one plan's tree of priorities →
objectives → indicators with their series. Public plans are readable anonymously; private ones
by the région's staff and the partners they are shared with (session authentication)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import AllowAny

from .models import Plan
from .rules import plans_visibles
from .services.tableau import arbre


def _nombre(v):
    if v is None:
        return None
    return float(v) if not float(v).is_integer() else int(v)


class PilotagePlanSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_id")
    periode = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Plan
        fields = ["slug", "titre", "region", "periode", "annee_debut", "annee_fin", "public", "url"]


class PilotagePointSerializer(serializers.Serializer):
    periode = serializers.CharField()
    valeur = serializers.FloatField(allow_null=True)


class PilotageIndicateurSerializer(serializers.Serializer):
    code = serializers.CharField()
    libelle = serializers.CharField()
    unite = serializers.CharField()
    mode = serializers.CharField()
    calcul = serializers.CharField()
    reference = serializers.FloatField(allow_null=True)
    cible = serializers.FloatField(allow_null=True)
    date_cible = serializers.DateField(allow_null=True)
    valeur_actuelle = serializers.FloatField(allow_null=True)
    serie = PilotagePointSerializer(many=True)


class PilotageObjectifSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    titre = serializers.CharField()
    type = serializers.CharField()
    statut = serializers.CharField()
    horizon = serializers.DateField(allow_null=True)
    indicateurs = PilotageIndicateurSerializer(many=True)


class PilotagePrioriteSerializer(serializers.Serializer):
    ordre = serializers.IntegerField()
    nature = serializers.CharField()
    titre = serializers.CharField()
    objectifs = PilotageObjectifSerializer(many=True)


def _indicateur(ligne) -> dict:
    i = ligne.indicateur
    return {
        "code": i.code,
        "libelle": i.libelle,
        "unite": i.unite,
        "mode": i.mode,
        "calcul": i.calcul,
        "reference": _nombre(i.reference),
        "cible": _nombre(i.cible),
        "date_cible": i.date_cible,
        "valeur_actuelle": _nombre(ligne.valeur_actuelle),
        "serie": [{"periode": p, "valeur": _nombre(v)} for p, v in ligne.serie],
    }


def _priorite(bloc) -> dict:
    p = bloc["priorite"]
    return {
        "ordre": p.ordre,
        "nature": p.nature,
        "titre": p.titre,
        "objectifs": [
            {
                "id": o["objectif"].pk,
                "titre": o["objectif"].titre,
                "type": o["objectif"].type,
                "statut": o["objectif"].statut,
                "horizon": o["objectif"].horizon,
                "indicateurs": [_indicateur(ligne) for ligne in o["indicateurs"]],
            }
            for o in bloc["objectifs"]
        ],
    }


class PilotagePlanDetailSerializer(PilotagePlanSerializer):
    ambition = serializers.CharField()
    principes = serializers.SerializerMethodField()
    priorites = serializers.SerializerMethodField()
    conditions = serializers.SerializerMethodField()

    class Meta(PilotagePlanSerializer.Meta):
        fields = [*PilotagePlanSerializer.Meta.fields, "ambition", "principes", "priorites", "conditions"]

    def _arbre(self, plan):
        if not hasattr(self, "_cache_arbre"):
            self._cache_arbre = arbre(plan)
        return self._cache_arbre

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_principes(self, plan):
        return plan.liste_principes()

    @extend_schema_field(PilotagePrioriteSerializer(many=True))
    def get_priorites(self, plan):
        return [_priorite(b) for b in self._arbre(plan)["priorites"]]

    @extend_schema_field(PilotagePrioriteSerializer(many=True))
    def get_conditions(self, plan):
        return [_priorite(b) for b in self._arbre(plan)["conditions"]]


class PlansVisibles:
    permission_classes = [AllowAny]

    def get_queryset(self):
        return plans_visibles(self.request.user).select_related("region").order_by("-annee_debut", "titre")


class PlansListe(PlansVisibles, ListAPIView):
    """Strategic plans: public ones, and the private ones the client may read."""

    serializer_class = PilotagePlanSerializer


class PlanDetail(PlansVisibles, RetrieveAPIView):
    """A plan: priorities → objectives → indicators with target, current value and series."""

    serializer_class = PilotagePlanDetailSerializer
    lookup_field = "slug"
