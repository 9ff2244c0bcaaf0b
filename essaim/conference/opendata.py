"""The conference's open datasets: the workshops of every published edition, and the key
figures of each edition (those of the report and of ``conference_report --format json``).

Registered in ``ConferenceConfig.ready()``; the open-data catalogue picks them up, one slice per
edition (workshops) and per région (key figures). Participants' personal data never leave:
only counts do.
"""

import datetime

from django.conf import settings
from django.db.models import Count, Max

from essaim.commun.exports import Champ
from essaim.opendata.registre import Declinaison, JeuDeDonnees, ParametresInvalides, enregistrer

from .enums import Transition
from .models import Atelier, Conference, FicheSynthese, Inscription
from .services import comparaison
from .services.export import CHAMPS as CHAMPS_EXPORT
from .services.export import lignes_ateliers


def _editions():
    return Conference.objects.filter(publiee=True).select_related("region").order_by("region_id", "annee")


def valider(parametres) -> dict:
    erreurs = {}
    region = (parametres.get("region") or "").strip()
    edition = (parametres.get("edition") or "").strip()
    editions = _editions()
    if region and not editions.filter(region_id=region).exists():
        erreurs["region"] = [f"Aucune édition publiée pour la région « {region} »."]
    if edition and not editions.filter(slug=edition).exists():
        erreurs["edition"] = [f"Édition inconnue : « {edition} »."]
    if erreurs:
        raise ParametresInvalides(erreurs)
    return {"region": region, "edition": edition}


def _choisies(parametres):
    filtres = valider(parametres)
    editions = _editions()
    if filtres["region"]:
        editions = editions.filter(region_id=filtres["region"])
    if filtres["edition"]:
        editions = editions.filter(slug=filtres["edition"])
    return editions


CHAMPS_ATELIERS = [
    Champ("edition", "Édition", "Identifiant de l'édition de la conférence."),
    Champ("annee", "Année", "Année de l'édition.", "integer"),
    Champ("region", "Région", "Code INSEE de la région."),
    *[c for c in CHAMPS_EXPORT if c.cle != "url"],
    Champ("url", "url", "Page de l'atelier"),
]


def lignes_ateliers_publics(parametres):
    site = settings.SITE_URL.rstrip("/")
    for conference in _choisies(parametres):
        for ligne in lignes_ateliers(conference, url_de=lambda a: site + a.get_absolute_url()):
            ligne.pop("_position", None)
            yield {
                "edition": conference.slug,
                "annee": conference.annee,
                "region": conference.region_id,
                **ligne,
            }


CHAMPS_CHIFFRES = [
    Champ("edition", "Édition", "Identifiant de l'édition."),
    Champ("annee", "Année", "", "integer"),
    Champ("region", "Région", "Code INSEE de la région."),
    Champ("titre", "Titre", ""),
    Champ("ateliers", "Ateliers", "Ateliers non annulés.", "integer"),
    Champ("participants", "Participants", "Somme des participants connus.", "integer"),
    Champ("ateliers_avec_participants", "Ateliers dont les participants sont connus", "", "integer"),
    Champ("moyenne_participants", "Participants par atelier (moyenne)", "", "number"),
    Champ("participants_declares", "Participants déclarés", "Par les organisateurs.", "integer"),
    Champ("inscrits", "Inscrits", "Inscriptions confirmées sur la plateforme.", "integer"),
    Champ("emarges", "Émargés", "Inscrits pointés présents.", "integer"),
    Champ("organisateurs", "Organisateurs", "Organisateurs distincts.", "integer"),
    Champ("organisateurs_nouveaux", "Organisateurs nouveaux", "Absents des éditions précédentes.", "integer"),
    Champ("part_organisateurs_nouveaux", "Part des organisateurs nouveaux", "Entre 0 et 1.", "number"),
    *[Champ(f"transition_{t.value}", f"Ateliers : transition {t.label}", "", "integer") for t in Transition],
    Champ("par_mois", "Ateliers par mois", "AAAA-MM=nombre, séparés par « | »."),
    Champ("par_departement", "Ateliers par département", "code=nombre, séparés par « | »."),
]


def _paires(d: dict) -> str:
    return " | ".join(f"{k}={v}" for k, v in d.items())


def lignes_chiffres(parametres):
    editions = list(_choisies(parametres))
    for region in sorted({c.region_id for c in editions}):
        choisies = {c.pk for c in editions if c.region_id == region}
        for e in comparaison.chiffres_des_editions(region):
            if e["conference"].pk not in choisies:
                continue
            yield {
                "edition": e["edition"],
                "annee": e["annee"],
                "region": region,
                "titre": e["titre"],
                **{k: e[k] for k in ("ateliers", "participants", "ateliers_avec_participants")},
                "moyenne_participants": e["moyenne_participants"],
                **e["participants_detail"],
                "organisateurs": e["organisateurs"],
                "organisateurs_nouveaux": e["organisateurs_nouveaux"],
                "part_organisateurs_nouveaux": e["part_organisateurs_nouveaux"],
                **{f"transition_{k}": v for k, v in e["par_transition"].items()},
                "par_mois": _paires(e["par_mois"]),
                "par_departement": _paires(e["par_departement"]),
            }


def mise_a_jour():
    dates = [
        Conference.objects.aggregate(m=Max("modifie_le"))["m"],
        Atelier.objects.aggregate(m=Max("modifie_le"))["m"],
        FicheSynthese.objects.aggregate(m=Max("modifie_le"))["m"],
        Inscription.objects.aggregate(m=Max("modifie_le"))["m"],
    ]
    return max((d for d in dates if d), default=None)


def version():
    comptes = [
        m.objects.aggregate(n=Count("pk"))["n"] for m in (Conference, Atelier, FicheSynthese, Inscription)
    ]
    return ":".join(map(str, comptes))


def _regions():
    return sorted(set(_editions().values_list("region_id", flat=True)))


def _couverture():
    annees = sorted(_editions().values_list("annee", flat=True))
    if not annees:
        return None, None
    return datetime.date(annees[0], 1, 1), datetime.date(annees[-1], 12, 31)


def _declinaisons_ateliers():
    for c in _editions():
        yield Declinaison(
            cle=c.slug,
            titre=str(c.titre),
            parametres={"edition": c.slug},
            region=c.region_id,
            debut=c.date_debut or datetime.date(c.annee, 1, 1),
            fin=c.date_fin or datetime.date(c.annee, 12, 31),
        )


def _declinaisons_chiffres():
    editions = list(_editions())
    for region in _regions():
        annees = [c.annee for c in editions if c.region_id == region]
        yield Declinaison(
            cle=region,
            titre=next(c.region.nom for c in editions if c.region_id == region),
            parametres={"region": region},
            region=region,
            debut=datetime.date(min(annees), 1, 1),
            fin=datetime.date(max(annees), 12, 31),
        )


MOTS_CLES = ("économie sociale et solidaire", "ESS", "conférence régionale de l'ESS", "ateliers")

ATELIERS = JeuDeDonnees(
    slug="conference-ateliers",
    titre="Ateliers des conférences régionales de l'ESS",
    description=(
        "Les ateliers labellisés de chaque édition publiée de la conférence régionale de l'ESS "
        "(loi 2014-856, art. 8) : organisateurs, intitulé, transitions, date, lieu, format, "
        "participants. Filtres : ?region=32, ?edition=<identifiant>."
    ),
    champs=CHAMPS_ATELIERS,
    lignes=lignes_ateliers_publics,
    mise_a_jour=mise_a_jour,
    formats=("csv", "xlsx", "json"),
    mots_cles=MOTS_CLES,
    valider=valider,
    themes=("SOCI", "ECON", "REGI"),
    frequence="ANNUAL",
    couverture_temporelle=_couverture,
    declinaisons=_declinaisons_ateliers,
    regions=_regions,
    version=version,
)

CHIFFRES = JeuDeDonnees(
    slug="conference-chiffres",
    titre="Chiffres clés des conférences régionales de l'ESS, par édition",
    description=(
        "Pour chaque édition publiée : ateliers, participants (déclarés, inscrits, émargés), "
        "organisateurs et part des nouveaux, ateliers par transition, par mois et par "
        "département ; les éditions d'une région se comparent d'une ligne à l'autre. "
        "Filtres : ?region=32, ?edition=<identifiant>."
    ),
    champs=CHAMPS_CHIFFRES,
    lignes=lignes_chiffres,
    mise_a_jour=mise_a_jour,
    formats=("csv", "xlsx", "json"),
    mots_cles=(*MOTS_CLES, "chiffres clés"),
    valider=valider,
    themes=("SOCI", "ECON", "REGI"),
    frequence="ANNUAL",
    couverture_temporelle=_couverture,
    declinaisons=_declinaisons_chiffres,
    regions=_regions,
    version=version,
)


def enregistrer_jeux():
    enregistrer(ATELIERS)
    enregistrer(CHIFFRES)
