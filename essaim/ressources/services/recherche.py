"""Search and facets of the library, one reading of the query string for pages, API and
open data.

Why not the directory's engine (ADR 0002, ``carte/lecture.py``): that engine is built for
hundreds of thousands of records on a map — a flat projection of ``Structure``, FTS5 /
PostgreSQL postings, numpy columns in every worker, an index journal. The library holds a
few thousand items at most (one region's conference yields a few dozen a year); a folded
text column (``Ressource.texte_recherche``, accents and case removed by the same
``commun.normalisation`` as the directory's names) filtered word by word with the ORM,
and facets counted by ``GROUP BY``, answer in milliseconds on both databases without a
second index to keep in sync.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from essaim.annuaire.models import Theme, Transition
from essaim.carte import lecture
from essaim.commun.normalisation import normaliser_nom
from essaim.territoires.models import EPCI, Commune, Departement, Region

from ..enums import Echelle, StatutRessource, TypeRessource
from ..models import Ressource

PARAMETRES = ("q", "type", "transition", "theme", "territoire", "region", "conference")
LIBELLES_PARAMETRES = {
    "q": "Recherche",
    "type": "Type",
    "transition": "Transition",
    "theme": "Thème",
    "territoire": "Territoire",
    "region": "Région de rattachement",
    "conference": "Conférence",
    "page": "Page",
}
VALEURS_MAX = 20
MOTS_MAX = 10
NIVEAUX = ("region", "departement", "epci", "commune")


# The same exception as the directory's filters: the open-data downloads answer a 400 for
# both without knowing which dataset raised it.
FiltresInvalides = lecture.FiltresInvalides


@dataclass
class Territoire:
    niveau: str  # france, region, departement, epci, commune
    code: str
    libelle: str

    @property
    def valeur(self) -> str:
        return "france" if self.niveau == "france" else f"{self.niveau}:{self.code}"


@dataclass
class Filtres:
    q: str = ""
    mots: list[str] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    transitions: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    territoire: Territoire | None = None
    conference: object = None  # a published edition of the conference
    region: str = ""  # the région whose CRESS curates the item (national items included)

    @property
    def vides(self) -> bool:
        return not (
            self.mots
            or self.types
            or self.transitions
            or self.themes
            or self.territoire
            or self.conference
            or self.region
        )


def _valeurs(donnees, nom) -> list[str]:
    if hasattr(donnees, "getlist"):
        brutes = donnees.getlist(nom)
    else:
        brutes = donnees.get(nom) or []
        brutes = [brutes] if isinstance(brutes, str) else list(brutes)
    # "a,b" and repeated parameters are both accepted.
    return [v.strip() for b in brutes for v in str(b).split(",") if v.strip()]


def lire_territoire(valeur: str) -> Territoire:
    """``france``, ``region:32``, ``departement:59``, ``epci:200093201``, ``commune:59350``;
    a bare code is read by its shape (9 digits: EPCI, 5: commune, 2-3: région when one has
    this code, else département)."""
    brut = valeur.strip()
    if brut.lower() in ("france", "fr"):
        return Territoire("france", "FR", "France")
    niveau, _, code = brut.rpartition(":")
    niveau = niveau.lower()
    if niveau and niveau not in NIVEAUX:
        raise ValueError(f"niveau « {niveau} » inconnu (france, region, departement, epci ou commune)")
    code = code.strip().upper()
    if not niveau:
        if len(code) == 9 and code.isdigit():
            niveau = "epci"
        elif len(code) == 5:
            niveau = "commune"
        else:
            niveau = "region" if Region.objects.filter(code=code).exists() else "departement"
    modele = {"region": Region, "departement": Departement, "epci": EPCI, "commune": Commune}[niveau]
    objet = modele.objects.filter(code=code[:9]).first()
    if objet is None:
        raise ValueError(f"{modele._meta.verbose_name} « {code[:20]} » inconnu(e)")
    return Territoire(niveau, objet.code, str(objet.nom if hasattr(objet, "nom") else objet))


def lire_filtres(donnees) -> Filtres:
    """Validate the filters of a QueryDict (or a dict); raise ``FiltresInvalides`` with French
    messages naming the parameter and the value."""
    erreurs: dict[str, list[str]] = {}
    q = ((donnees.get("q") if hasattr(donnees, "get") else "") or "").strip()[:200]
    mots = [m for m in normaliser_nom(q).split() if m][:MOTS_MAX]
    filtres = Filtres(q=q, mots=mots)
    connus = {
        "type": set(TypeRessource.values),
        "transition": set(Transition.objects.values_list("code", flat=True)),
        "theme": set(Theme.objects.values_list("code", flat=True)),
    }
    for nom, attribut in (("type", "types"), ("transition", "transitions"), ("theme", "themes")):
        valeurs = _valeurs(donnees, nom)
        if len(valeurs) > VALEURS_MAX:
            erreurs[nom] = [f"Trop de valeurs ({len(valeurs)}, au plus {VALEURS_MAX})."]
            continue
        inconnues = [v for v in valeurs if v not in connus[nom]]
        if inconnues:
            erreurs[nom] = [f"Valeur inconnue : « {v[:60]} »." for v in inconnues[:5]]
        setattr(filtres, attribut, [v for v in dict.fromkeys(valeurs) if v in connus[nom]])
    territoires = _valeurs(donnees, "territoire")
    if len(territoires) > 1:
        erreurs["territoire"] = ["Un seul territoire à la fois."]
    elif territoires:
        try:
            filtres.territoire = lire_territoire(territoires[0])
        except ValueError as e:
            erreurs["territoire"] = [f"Territoire « {territoires[0][:40]} » : {e}."]
    regions = _valeurs(donnees, "region")
    if regions:
        filtres.region = regions[0][:3]
        if len(regions) > 1 or not Region.objects.filter(code=filtres.region).exists():
            erreurs["region"] = [f"Région inconnue : « {regions[0][:20]} » (code INSEE attendu, ex. 32)."]
    editions = _valeurs(donnees, "conference")
    if editions:
        from essaim.conference.models import Conference

        filtres.conference = Conference.objects.filter(slug=editions[0][:80], publiee=True).first()
        if filtres.conference is None or len(editions) > 1:
            erreurs["conference"] = [f"Édition de la conférence inconnue : « {editions[0][:60]} »."]
    if erreurs:
        raise FiltresInvalides(erreurs)
    return filtres


def _filtre_territoire(t: Territoire) -> Q:
    """Items about this territory or a place inside it (a région's list includes its
    départements' and communes' items; national items only under « France »)."""
    if t.niveau == "france":
        return Q(echelle=Echelle.FRANCE)
    if t.niveau == "region":
        return Q(region_id=t.code) & ~Q(echelle=Echelle.FRANCE)
    if t.niveau == "departement":
        return Q(departement_id=t.code)
    if t.niveau == "epci":
        return Q(epci_id=t.code) | Q(commune__epci_id=t.code)
    return Q(commune_id=t.code)


def filtrer(filtres: Filtres, qs=None):
    """Published items matching the filters (types, transitions, themes: OR within a
    dimension, AND between dimensions; every word of ``q`` must appear)."""
    qs = Ressource.objects.publiees() if qs is None else qs
    for mot in filtres.mots:
        qs = qs.filter(texte_recherche__contains=mot)
    if filtres.types:
        qs = qs.filter(type__in=filtres.types)
    if filtres.transitions:
        qs = qs.filter(
            pk__in=Ressource.transitions.through.objects.filter(
                transition__code__in=filtres.transitions
            ).values("ressource_id")
        )
    if filtres.themes:
        codes = Theme.objects.filter(Q(code__in=filtres.themes) | Q(parent__code__in=filtres.themes))
        qs = qs.filter(pk__in=Ressource.themes.through.objects.filter(theme__in=codes).values("ressource_id"))
    if filtres.territoire is not None:
        qs = qs.filter(_filtre_territoire(filtres.territoire))
    if filtres.region:
        qs = qs.filter(region_id=filtres.region)
    if filtres.conference is not None:
        qs = qs.filter(
            pk__in=Ressource.conferences.through.objects.filter(conference=filtres.conference).values(
                "ressource_id"
            )
        )
    return qs


def _choix(comptes: dict, libelles: list[tuple[str, str]], choisis) -> list[dict]:
    return [
        {"valeur": v, "libelle": lib, "count": comptes.get(v, 0), "choisi": v in choisis}
        for v, lib in libelles
        if comptes.get(v) or v in choisis
    ]


def facettes(filtres: Filtres, qs) -> dict[str, list[dict]]:
    """Counts of the current results by type, transition, theme and territory."""
    ids = qs.values("pk")
    par_type = dict(qs.order_by().values_list("type").annotate(n=Count("pk")))
    lien_t = Ressource.transitions.through.objects.filter(ressource_id__in=ids)
    par_transition = dict(lien_t.order_by().values_list("transition__code").annotate(n=Count("ressource_id")))
    lien_th = Ressource.themes.through.objects.filter(ressource_id__in=ids)
    par_theme = dict(lien_th.order_by().values_list("theme__code").annotate(n=Count("ressource_id")))
    par_region = dict(
        qs.exclude(echelle=Echelle.FRANCE).order_by().values_list("region_id").annotate(n=Count("pk"))
    )
    par_departement = dict(
        qs.exclude(departement__isnull=True).order_by().values_list("departement_id").annotate(n=Count("pk"))
    )
    nationales = qs.filter(echelle=Echelle.FRANCE).count()
    choisi = filtres.territoire.valeur if filtres.territoire else ""
    territoires = [
        {"valeur": "france", "libelle": "France", "count": nationales, "choisi": choisi == "france"}
    ]
    for r in Region.objects.filter(code__in=par_region).order_by("nom"):
        territoires.append(
            {
                "valeur": f"region:{r.code}",
                "libelle": r.nom,
                "count": par_region[r.code],
                "choisi": choisi == f"region:{r.code}",
            }
        )
    for d in Departement.objects.filter(code__in=par_departement).order_by("code"):
        territoires.append(
            {
                "valeur": f"departement:{d.code}",
                "libelle": f"{d.nom} ({d.code})",
                "count": par_departement[d.code],
                "choisi": choisi == f"departement:{d.code}",
            }
        )
    if filtres.territoire and not any(t["choisi"] for t in territoires):
        territoires.append(
            {"valeur": choisi, "libelle": filtres.territoire.libelle, "count": 0, "choisi": True}
        )
    return {
        "type": _choix(par_type, TypeRessource.choices, filtres.types),
        "transition": _choix(
            par_transition, list(Transition.objects.values_list("code", "libelle")), filtres.transitions
        ),
        "theme": _choix(
            par_theme, [(t.code, str(t)) for t in Theme.objects.select_related("parent")], filtres.themes
        ),
        "territoire": [t for t in territoires if t["count"] or t["choisi"]],
    }


__all__ = [
    "LIBELLES_PARAMETRES",
    "PARAMETRES",
    "FiltresInvalides",
    "Filtres",
    "StatutRessource",
    "facettes",
    "filtrer",
    "lire_filtres",
]
