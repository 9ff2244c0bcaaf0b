"""Open dataset: the ESS-policy status of the supported territories (one row per EPCI)."""

from django.db.models import Max

from essaim.commun.exports import Champ
from essaim.opendata.registre import JeuDeDonnees, enregistrer

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
    )
)
