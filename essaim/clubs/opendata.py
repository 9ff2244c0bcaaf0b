"""Open dataset of the public part of the clubs (no member list unless the club made it public,
no personal data)."""

from django.conf import settings
from django.db.models import Count, Max, Q

from essaim.commun.exports import Champ
from essaim.opendata.registre import Declinaison, JeuDeDonnees, ParametresInvalides

from .enums import StatutClub, StatutMembre, StatutRencontre

CHAMPS = [
    Champ("slug", "Identifiant"),
    Champ("nom", "Nom du club"),
    Champ("filiere", "Filière"),
    Champ("region", "Code INSEE de la région"),
    Champ("description", "Description"),
    Champ("membres", "Structures membres", type="integer"),
    Champ("rencontres", "Rencontres (hors annulées)", type="integer"),
    Champ("structures_membres", "Structures membres (si la liste est publique)"),
    Champ("url", "Page du club", type="string"),
]


def _clubs():
    from .models import Club

    return Club.objects.filter(statut=StatutClub.ACTIF).annotate(
        nb_membres=Count("membres", filter=Q(membres__statut=StatutMembre.ACCEPTEE), distinct=True),
        nb_rencontres=Count(
            "rencontres", filter=~Q(rencontres__statut=StatutRencontre.ANNULEE), distinct=True
        ),
    )


def valider(parametres) -> dict:
    region = (parametres.get("region") or "").strip()
    if region and not _clubs().filter(region_id=region).exists():
        raise ParametresInvalides({"region": [f"Aucun club actif dans la région « {region} »."]})
    return {"region": region}


def _lignes(parametres=None):
    clubs = _clubs().select_related("filiere").order_by("nom")
    region = ((parametres or {}).get("region") or "").strip()
    if region:
        clubs = clubs.filter(region_id=region)
    site = settings.SITE_URL.rstrip("/")
    for club in clubs:
        publics = (
            "; ".join(
                club.membres.filter(statut=StatutMembre.ACCEPTEE).values_list("structure__nom", flat=True)
            )
            if club.membres_publics
            else ""
        )
        yield {
            "slug": club.slug,
            "nom": club.nom,
            "filiere": club.filiere.libelle,
            "region": club.region_id,
            "description": club.description,
            "membres": club.nb_membres,
            "rencontres": club.nb_rencontres,
            "structures_membres": publics,
            "url": site + club.get_absolute_url(),
        }


def _regions():
    return sorted(set(_clubs().values_list("region_id", flat=True)))


def _declinaisons():
    from essaim.territoires.models import Region

    noms = dict(Region.objects.filter(code__in=_regions()).values_list("code", "nom"))
    for code in _regions():
        yield Declinaison(cle=code, titre=noms.get(code, code), parametres={"region": code}, region=code)


def _couverture():
    """From the first to the last session of the active clubs (None when there is none)."""
    from django.db.models import Min

    from .models import Rencontre

    bornes = Rencontre.objects.filter(club__in=_clubs().values("pk")).aggregate(
        debut=Min("date"), fin=Max("date")
    )
    return bornes["debut"], bornes["fin"]


def _version():
    from .models import Club, Membre, Rencontre

    return ":".join(str(m.objects.count()) for m in (Club, Membre, Rencontre))


def _mise_a_jour():
    from .models import Club

    return Club.objects.aggregate(m=Max("modifie_le"))["m"]


JEU_CLUBS = JeuDeDonnees(
    slug="clubs",
    titre="Clubs Busin'ESS #Filières",
    description=(
        "Les clubs de la CRESS par filière : filière, région, nombre de structures membres et de "
        "rencontres ; liste des structures membres quand le club l'a rendue publique."
    ),
    champs=CHAMPS,
    lignes=_lignes,
    mise_a_jour=_mise_a_jour,
    formats=("csv", "xlsx", "json"),
    mots_cles=("économie sociale et solidaire", "ESS", "clubs", "filières"),
    valider=valider,
    themes=("SOCI", "ECON", "REGI"),
    couverture_temporelle=_couverture,
    declinaisons=_declinaisons,
    regions=_regions,
    version=_version,
)
