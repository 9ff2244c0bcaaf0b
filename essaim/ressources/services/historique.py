"""Reading an item's history (django-simple-history): author, date, reason, changed fields."""

from essaim.commun import historique

from ..models import Ressource

IGNORES = {
    "version",
    "publiee_le",
    "a_controler",
    "url_normalisee",
    "cle_sans_url",
    "anciennes_cles",
    "lien_detail",
}


def entrees(ressource: Ressource, limite: int = 100) -> list[dict]:
    """Newest first: {date, auteur, type, raison, changements[{libelle, avant, apres}]}."""
    return historique.entrees(ressource, IGNORES, limite=limite)
