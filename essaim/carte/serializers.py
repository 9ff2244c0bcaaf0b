"""Documented shapes of the API (used for the OpenAPI schema) and the row → JSON mapping.

Field names are part of the public contract: add fields, never rename or remove them.
"""

from rest_framework import serializers

from essaim.commun import naf
from essaim.commun.ess import FamilleESS


def _liste(valeur: str) -> list[str]:
    return [v for v in (valeur or "").split(",") if v]


def _date(valeur):
    from .services.indexation import _aware

    valeur = _aware(valeur)
    return valeur.isoformat() if valeur is not None else None


def representer(r: dict, request=None, complet: bool = False) -> dict:
    url = r["url"]
    if request is not None and url:
        url = request.build_absolute_uri(url)
    donnees = {
        "id": r["structure_id"],
        "nom": r["nom"],
        "sigle": r["sigle"],
        "url": url,
        "famille": r["famille"] or None,
        "themes": _liste(r["themes"]),
        "transitions": _liste(r["transitions"]),
        "agrements": _liste(r["agrements"]),
        "commune": r["commune"] or None,
        "commune_nom": r["commune_nom"],
        "code_postal": r["code_postal"],
        "epci": r["epci"] or None,
        "departement": r["departement"] or None,
        "region": r["region"] or None,
        "latitude": r["latitude"],
        "longitude": r["longitude"],
        "site_web": r["site_web"],
        # ISO 8601 with its offset: SQLite hands back a naive UTC value (or its text).
        "modifie_le": _date(r["modifie_le"]),
    }
    if complet:
        donnees.update(
            {
                "description": r["description"],
                "siren": r["siren"],
                "siret": r["siret"],
                "rna": r["rna"],
                "categorie_juridique": r["categorie_juridique"],
                "naf": r["naf"],
                "naf_libelle": naf.libelle(r["naf"]),
            }
        )
    return donnees


class StructureSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Identifiant stable de la structure.")
    nom = serializers.CharField()
    sigle = serializers.CharField(allow_blank=True)
    url = serializers.URLField(help_text="Fiche publique dans l'annuaire.")
    famille = serializers.ChoiceField(
        choices=FamilleESS.choices, allow_null=True, help_text="Famille de l'ESS."
    )
    themes = serializers.ListField(
        child=serializers.CharField(), help_text="Codes des thèmes (parents inclus)."
    )
    transitions = serializers.ListField(child=serializers.CharField())
    agrements = serializers.ListField(child=serializers.CharField())
    commune = serializers.CharField(allow_null=True, help_text="Code INSEE de la commune du lieu principal.")
    commune_nom = serializers.CharField(allow_blank=True)
    code_postal = serializers.CharField(allow_blank=True)
    epci = serializers.CharField(allow_null=True, help_text="SIREN de l'EPCI.")
    departement = serializers.CharField(allow_null=True)
    region = serializers.CharField(allow_null=True)
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    site_web = serializers.CharField(allow_blank=True)
    modifie_le = serializers.DateTimeField(allow_null=True)


class StructureDetailSerializer(StructureSerializer):
    description = serializers.CharField(allow_blank=True, help_text="HTML assaini.")
    siren = serializers.CharField(allow_blank=True)
    siret = serializers.CharField(allow_blank=True)
    rna = serializers.CharField(allow_blank=True)
    categorie_juridique = serializers.CharField(allow_blank=True)
    naf = serializers.CharField(allow_blank=True, help_text="Code d'activité principale (NAF rév. 2).")
    naf_libelle = serializers.CharField(allow_blank=True, help_text="Libellé INSEE du code NAF.")


class FacetteSerializer(serializers.Serializer):
    valeur = serializers.CharField()
    libelle = serializers.CharField()
    count = serializers.IntegerField()


class FacettesParDimension(serializers.Serializer):
    famille = FacetteSerializer(many=True)
    theme = FacetteSerializer(many=True)
    transition = FacetteSerializer(many=True)
    agrement = FacetteSerializer(many=True)
    region = FacetteSerializer(many=True)
    departement = FacetteSerializer(many=True)


class FacettesSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Nombre de structures correspondant aux filtres.")
    facettes = FacettesParDimension()


class ListeStructuresSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = StructureSerializer(many=True)
    facettes = FacettesParDimension(required=False)


class ProprietesSerializer(serializers.Serializer):
    cluster = serializers.BooleanField()
    count = serializers.IntegerField()
    id = serializers.IntegerField(required=False)
    nom = serializers.CharField(required=False)


class GeometrieSerializer(serializers.Serializer):
    type = serializers.CharField(default="Point")
    coordinates = serializers.ListField(child=serializers.FloatField(), help_text="[longitude, latitude]")


class FeatureSerializer(serializers.Serializer):
    type = serializers.CharField(default="Feature")
    geometry = GeometrieSerializer()
    properties = ProprietesSerializer()


class CarteSerializer(serializers.Serializer):
    type = serializers.CharField(default="FeatureCollection")
    features = FeatureSerializer(many=True)
    count = serializers.IntegerField(help_text="Total des structures dans la bbox (somme des count).")
    zoom = serializers.IntegerField()
    niveau = serializers.IntegerField(help_text="Niveau de la grille d'agrégation (zoom + 2).")
    methode = serializers.CharField(help_text="agregats ou direct (diagnostic).")
