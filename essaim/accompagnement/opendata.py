"""Open dataset: the ESS-policy status of the supported territories (one row per EPCI)."""

from django.db.models import Count, Max, Min

from essaim.commun.exports import Champ
from essaim.opendata.registre import Declinaison, JeuDeDonnees, ParametresInvalides, enregistrer
from essaim.territoires.models import Region

from .models import TerritoireAccompagne

CHAMPS = [
    Champ("region", "Code de la région"),
    Champ("code", "SIREN de l'EPCI"),
    Champ("nom", "Nom de l'EPCI"),
    Champ("statut_politique_ess", "Statut de la politique ESS (ancree, emergence, a_construire)"),
    Champ("pilote", "Territoire pilote", type="boolean"),
    Champ("depuis", "Date du dernier changement de statut", type="date"),
    Champ("projets", "Projets de transition avec des structures de l'ESS", type="integer"),
]


def _lignes(parametres):
    qs = TerritoireAccompagne.objects.select_related("epci").annotate(depuis=Max("changements__date"))
    if region := parametres.get("region"):
        qs = qs.filter(region_id=region)
    for t in qs.order_by("region_id", "epci__nom"):
        yield {
            "region": t.region_id,
            "code": t.epci_id,
            "nom": t.epci.nom,
            "statut_politique_ess": t.statut_politique_ess or None,
            "pilote": t.pilote,
            "depuis": t.depuis,
            "projets": t.projets.count(),
        }


def _mise_a_jour():
    return TerritoireAccompagne.objects.aggregate(m=Max("modifie_le"))["m"]


def _regions():
    return sorted(set(TerritoireAccompagne.objects.values_list("region_id", flat=True)))


def _valider(parametres) -> dict:
    region = (parametres.get("region") or "").strip()
    if region and region not in _regions():
        raise ParametresInvalides({"region": [f"Aucun territoire accompagné dans la région « {region} »."]})
    return {"region": region}


def _declinaisons():
    noms = dict(Region.objects.values_list("code", "nom"))
    for code in _regions():
        yield Declinaison(cle=code, titre=noms.get(code, code), parametres={"region": code}, region=code)


def _couverture():
    dates = TerritoireAccompagne.objects.aggregate(
        debut=Min("changements__date"), fin=Max("changements__date")
    )
    return dates["debut"], dates["fin"]


def _version():
    comptes = TerritoireAccompagne.objects.aggregate(n=Count("pk"), c=Count("changements"))
    return f"{comptes['n']}:{comptes['c']}"


TERRITOIRES = enregistrer(
    JeuDeDonnees(
        slug="territoires-accompagnes",
        titre="Politique ESS des territoires accompagnés (EPCI)",
        description=(
            "Pour chaque EPCI accompagné par la CRESS : statut de sa politique ESS (ancrée et "
            "co-construite, en émergence, à construire), territoire pilote, date du dernier changement "
            "et nombre de projets de transition menés avec des structures de l'ESS."
        ),
        champs=CHAMPS,
        lignes=_lignes,
        mise_a_jour=_mise_a_jour,
        formats=("csv", "xlsx", "json"),
        mots_cles=("économie sociale et solidaire", "ESS", "EPCI", "politique publique"),
        valider=_valider,
        themes=("GOVE", "REGI", "SOCI"),
        frequence="CONT",
        couverture_temporelle=_couverture,
        declinaisons=_declinaisons,
        regions=_regions,
        version=_version,
    )
)
