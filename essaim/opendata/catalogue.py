"""The DCAT-AP catalogue of the registry, as an RDF graph (rdflib): served as JSON-LD and
Turtle for harvesters (data.gouv.fr, data.europa.eu) and embedded in the open-data page.

One ``dcat:Dataset`` per registered dataset, plus one per ``Declinaison`` (a région, a région
and a year, an edition…), each with one ``dcat:Distribution`` per file format. Controlled
values come from the EU authority tables (themes, frequencies, file types, language) and
IANA (media types); the spatial coverage is the région's INSEE code.
"""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from . import registre

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
THEME = Namespace(EU + "data-theme/")
FREQUENCE = Namespace(EU + "frequency/")
TYPE_FICHIER = Namespace(EU + "file-type/")
FRANCAIS = URIRef(EU + "language/FRA")
FRANCE = URIRef(EU + "country/FRA")
REGION_INSEE = "http://id.insee.fr/geo/region/"

# Format of the registry -> (EU file type, IANA media type).
FORMATS = {
    "csv": ("CSV", "text/csv"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("JSON", "application/json"),
    "geojson": ("GEOJSON", "application/geo+json"),
}

CONTEXTE = {
    "dcat": str(DCAT),
    "dct": str(DCTERMS),
    "foaf": str(FOAF),
    "vcard": str(VCARD),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def _fr(texte) -> Literal:
    return Literal(str(texte), lang="fr")


def _date(valeur) -> Literal | None:
    if valeur is None:
        return None
    if isinstance(valeur, datetime.datetime):
        return Literal(valeur.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)
    return Literal(valeur.isoformat(), datatype=XSD.date)


class _Constructeur:
    def __init__(self):
        self.base = settings.SITE_URL.rstrip("/")
        self.g = Graph()
        for prefixe, ns in CONTEXTE.items():
            self.g.bind(prefixe, ns)
        self.page = self.base + reverse("opendata:index")
        self.editeur = URIRef(self.base + "/#editeur")
        self.contact = URIRef(self.base + "/#contact")
        self._noms_regions = None

    def ajouter(self, sujet, predicat, objet):
        if objet is not None:
            self.g.add((sujet, predicat, objet))

    def agents(self):
        g = self.g
        g.add((self.editeur, RDF.type, FOAF.Agent))
        g.add((self.editeur, RDF.type, FOAF.Organization))
        g.add((self.editeur, FOAF.name, _fr(settings.ESSAIM_EDITEUR)))
        g.add((self.editeur, FOAF.homepage, URIRef(self.base + "/")))
        g.add((self.contact, RDF.type, VCARD.Kind))
        g.add((self.contact, RDF.type, VCARD.Organization))
        g.add((FRANCAIS, RDF.type, DCTERMS.LinguisticSystem))
        g.add((self.contact, VCARD.fn, _fr(settings.ESSAIM_EDITEUR)))
        g.add((self.contact, VCARD.hasEmail, URIRef("mailto:" + settings.ESSAIM_CONTACT_EMAIL)))

    def licence(self, jeu) -> URIRef:
        uri = URIRef(jeu.licence["url"])
        self.g.add((uri, RDF.type, DCTERMS.LicenseDocument))
        self.g.add((uri, DCTERMS.title, _fr(jeu.licence["nom"])))
        return uri

    def nom_region(self, code: str) -> str:
        if self._noms_regions is None:
            from essaim.territoires.models import Region

            self._noms_regions = dict(Region.objects.values_list("code", "nom"))
        return self._noms_regions.get(code, code)

    def lieu(self, region: str | None) -> URIRef:
        if not region:
            self.g.add((FRANCE, RDF.type, DCTERMS.Location))
            self.g.add((FRANCE, SKOS.prefLabel, _fr("France")))
            return FRANCE
        uri = URIRef(REGION_INSEE + region)
        self.g.add((uri, RDF.type, DCTERMS.Location))
        self.g.add((uri, DCTERMS.identifier, Literal(region)))
        self.g.add((uri, SKOS.prefLabel, _fr(self.nom_region(region))))
        return uri

    def periode(self, uri, debut, fin):
        if debut is None and fin is None:
            return None
        # A named node, not a blank one: the same catalogue serializes to the same bytes (ETag).
        noeud = URIRef(f"{uri}-periode")
        self.g.add((noeud, RDF.type, DCTERMS.PeriodOfTime))
        self.ajouter(noeud, DCAT.startDate, _date(debut))
        self.ajouter(noeud, DCAT.endDate, _date(fin))
        return noeud

    def jeu(self, catalogue, jeu, declinaison=None, modifie=None, couverture=(None, None)):
        g = self.g
        cle = jeu.slug + (f"-{declinaison.cle}" if declinaison else "")
        page = f"{self.page}#{jeu.slug}"
        uri = URIRef(f"{self.page}#{cle}")
        g.add((catalogue, DCAT.dataset, uri))
        g.add((uri, RDF.type, DCAT.Dataset))
        g.add((uri, DCTERMS.identifier, Literal(cle)))
        titre = f"{jeu.titre} — {declinaison.titre}" if declinaison else jeu.titre
        g.add((uri, DCTERMS.title, _fr(titre)))
        g.add((uri, DCTERMS.description, _fr(jeu.description)))
        g.add((uri, DCTERMS.publisher, self.editeur))
        g.add((uri, DCAT.contactPoint, self.contact))
        g.add((uri, DCAT.landingPage, URIRef(page)))
        g.add((uri, DCTERMS.language, FRANCAIS))
        licence = self.licence(jeu)
        g.add((uri, DCTERMS.license, licence))
        g.add((uri, DCTERMS.accrualPeriodicity, FREQUENCE[jeu.frequence]))
        g.add((FREQUENCE[jeu.frequence], RDF.type, DCTERMS.Frequency))
        for theme in jeu.themes:
            g.add((uri, DCAT.theme, THEME[theme]))
            g.add((THEME[theme], RDF.type, SKOS.Concept))
            g.add((THEME[theme], SKOS.inScheme, URIRef(EU + "data-theme")))
            g.add((THEME[theme], SKOS.prefLabel, _fr(registre.THEMES[theme])))
        for mot in jeu.mots_cles:
            g.add((uri, DCAT.keyword, _fr(mot)))
        if declinaison:
            regions = [declinaison.region]
            debut, fin = (declinaison.debut, declinaison.fin)
            if debut is None and fin is None:
                debut, fin = couverture
            modifie = declinaison.modifie or modifie
        else:
            regions = list(jeu.regions()) if jeu.regions else [None]
            debut, fin = couverture
        for region in regions or [None]:
            g.add((uri, DCTERMS.spatial, self.lieu(region)))
        self.ajouter(uri, DCTERMS.temporal, self.periode(uri, debut, fin))
        self.ajouter(uri, DCTERMS.modified, _date(modifie))
        schema = URIRef(self.base + reverse("opendata:schema", args=[jeu.slug]))
        g.add((schema, RDF.type, DCTERMS.Standard))
        g.add((schema, DCTERMS.title, _fr(f"Table Schema — {jeu.titre}")))
        requete = "?" + urlencode(declinaison.parametres) if declinaison and declinaison.parametres else ""
        for format in jeu.formats:
            type_fichier, media = FORMATS[format]
            d = URIRef(f"{self.page}#{cle}.{format}")
            g.add((uri, DCAT.distribution, d))
            g.add((d, RDF.type, DCAT.Distribution))
            g.add((d, DCTERMS.title, _fr(f"{titre} ({type_fichier})")))
            g.add((d, DCAT.accessURL, URIRef(page)))
            fichier = self.base + reverse("opendata:fichier", args=[jeu.slug, format]) + requete
            g.add((d, DCAT.downloadURL, URIRef(fichier)))
            type_media = URIRef(f"https://www.iana.org/assignments/media-types/{media}")
            g.add((d, DCAT.mediaType, type_media))
            g.add((type_media, RDF.type, DCTERMS.MediaType))
            g.add((d, DCTERMS.format, TYPE_FICHIER[type_fichier]))
            g.add((TYPE_FICHIER[type_fichier], RDF.type, DCTERMS.MediaTypeOrExtent))
            g.add((d, DCTERMS.license, licence))
            g.add((d, DCTERMS.conformsTo, schema))
            self.ajouter(d, DCTERMS.modified, _date(modifie))


def graphe() -> Graph:
    """The whole catalogue: every dataset of the registry and every one of its slices."""
    c = _Constructeur()
    catalogue = URIRef(c.base + reverse("opendata:catalogue", args=["ttl"]).rsplit(".", 1)[0])
    g = c.g
    c.agents()
    g.add((catalogue, RDF.type, DCAT.Catalog))
    g.add((catalogue, DCTERMS.title, _fr(f"Données ouvertes — {settings.ESSAIM_NOM}")))
    g.add(
        (
            catalogue,
            DCTERMS.description,
            _fr(
                "Les jeux de données ouverts de la plateforme : annuaire des structures de l'ESS, "
                "chiffres de l'observatoire, liste légale des entreprises de l'ESS, conférences "
                "régionales de l'ESS et autres modules, sous Licence Ouverte 2.0."
            ),
        )
    )
    g.add((catalogue, DCTERMS.publisher, c.editeur))
    g.add((catalogue, FOAF.homepage, URIRef(c.page)))
    g.add((catalogue, DCTERMS.language, FRANCAIS))
    g.add((catalogue, DCTERMS.license, URIRef(registre.LICENCE_OUVERTE["url"])))
    g.add((catalogue, DCTERMS.spatial, c.lieu(None)))
    dates = []
    for jeu in registre.jeux():
        modifie = jeu.mise_a_jour()
        if modifie is not None:
            dates.append(modifie if isinstance(modifie, datetime.datetime) else None)
        couverture = jeu.couverture_temporelle() if jeu.couverture_temporelle else (None, None)
        c.jeu(catalogue, jeu, modifie=modifie, couverture=couverture)
        for declinaison in jeu.declinaisons() if jeu.declinaisons else ():
            c.jeu(catalogue, jeu, declinaison, modifie=modifie, couverture=couverture)
    if dates := [d for d in dates if d]:
        g.add((catalogue, DCTERMS.modified, _date(max(dates))))
    return g


def jsonld(g: Graph | None = None) -> str:
    return (g or graphe()).serialize(format="json-ld", context=CONTEXTE, auto_compact=True, indent=2)


def turtle(g: Graph | None = None) -> str:
    return (g or graphe()).serialize(format="turtle")
