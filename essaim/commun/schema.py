"""OpenAPI schema of /api/v1/: every operation documents the errors it may answer.

drf-spectacular documents only the success response by default, so a client (or a contract
test such as schemathesis) would meet undocumented 400, 403, 404 and 429 answers. This
AutoSchema adds them to every operation, with their JSON shape, and the ``Retry-After``
header of a 429. An operation that declares one of these codes itself keeps its own.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers


class ErreurSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Message d'erreur en français.")


class ErreurParametresSerializer(serializers.Serializer):
    detail = serializers.CharField(required=False, help_text="Message d'erreur en français.")
    erreurs = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Messages par paramètre ou par champ.",
    )


ERREURS = {
    "400": (ErreurParametresSerializer, "Paramètres invalides (messages en français par paramètre)."),
    "403": (ErreurSerializer, "Accès refusé."),
    "404": (ErreurSerializer, "Ressource introuvable."),
    "429": (ErreurSerializer, "Trop de requêtes : réessayer après le délai de l'en-tête Retry-After."),
}

RETRY_AFTER = OpenApiParameter(
    "Retry-After",
    int,
    location=OpenApiParameter.HEADER,
    response=[429],
    required=True,
    description="Secondes à attendre avant de réessayer.",
)


class SchemaEssaim(AutoSchema):
    def get_override_parameters(self):
        return [*super().get_override_parameters(), RETRY_AFTER]

    def _get_response_bodies(self, direction="response"):
        reponses = super()._get_response_bodies(direction)
        if direction != "response":
            return reponses
        for code, (serializer, description) in ERREURS.items():
            if code not in reponses:
                reponse = self._get_response_for_code(serializer, code, ["application/json"], direction)
                reponses[code] = {**reponse, "description": description}
        return reponses
