"""schema.org JSON-LD (Organization + Place) and Open Graph data of a public record."""

import json

from django.utils.html import _json_script_escapes, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator


def resume(structure, longueur=200) -> str:
    return Truncator(strip_tags(structure.description or "")).chars(longueur) or (
        f"{structure.nom}, structure de l'économie sociale et solidaire"
        + (f" à {structure.commune.nom}" if structure.commune_id else "")
    )


def json_ld(structure, request, lieux) -> str:
    url = request.build_absolute_uri(structure.get_absolute_url())
    organisation = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "@id": url,
        "name": structure.nom,
        "url": structure.site_web or url,
        "description": resume(structure, 500),
    }
    if structure.sigle:
        organisation["alternateName"] = structure.sigle
    if structure.logo:
        organisation["logo"] = request.build_absolute_uri(structure.logo.url)
    if structure.email_public:
        organisation["email"] = structure.email_public
    if structure.telephone:
        organisation["telephone"] = structure.telephone
    if structure.siret:
        organisation["identifier"] = {
            "@type": "PropertyValue",
            "propertyID": "SIRET",
            "value": structure.siret,
        }
    if structure.reseaux_sociaux:
        organisation["sameAs"] = list(structure.reseaux_sociaux.values())
    places = []
    for lieu in lieux:
        place = {
            "@type": "Place",
            "name": lieu.nom or structure.nom,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": lieu.adresse,
                "postalCode": lieu.code_postal,
                "addressLocality": lieu.commune.nom,
                "addressCountry": "FR",
            },
        }
        if lieu.latitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": lieu.latitude, "longitude": lieu.longitude}
        places.append(place)
    if places:
        organisation["location"] = places
    texte = json.dumps(organisation, ensure_ascii=False).translate(_json_script_escapes)
    return mark_safe(texte)  # escaped like json_script: safe inside <script>
