"""Territory search for the observatory's chooser: France, régions, départements, EPCI, communes."""

from django.urls import reverse

from essaim.commun.normalisation import normaliser_nom
from essaim.territoires.enums import Niveau
from essaim.territoires.models import EPCI, Departement, Region
from essaim.territoires.services import rechercher_communes


def _resultat(niveau, code, nom, detail=""):
    return {
        "niveau": niveau,
        "code": code,
        "nom": nom,
        "libelle": f"{nom} — {Niveau(niveau).label}{detail}",
        "href": reverse("observatoire:territoire", args=[niveau, code]),
    }


def rechercher_territoires(q: str, limite: int = 20) -> list[dict]:
    q = (q or "").strip()
    if not q:
        return []
    cle = normaliser_nom(q)
    resultats = []
    if cle in ("france", "fr"):
        resultats.append(_resultat(Niveau.FRANCE, "FR", "France"))
    for code, nom in Region.objects.values_list("code", "nom"):
        if cle in normaliser_nom(nom) or q == code:
            resultats.append(_resultat(Niveau.REGION, code, nom, f" ({code})"))
    for code, nom in Departement.objects.values_list("code", "nom"):
        if cle in normaliser_nom(nom) or q.upper() == code:
            resultats.append(_resultat(Niveau.DEPARTEMENT, code, nom, f" ({code})"))
    if q.isdigit() and len(q) == 9:
        epcis = EPCI.objects.filter(code=q).values_list("code", "nom")
    else:
        epcis = [(c, n) for c, n in EPCI.objects.values_list("code", "nom") if cle in normaliser_nom(n)]
    for code, nom in list(epcis)[:limite]:
        resultats.append(_resultat(Niveau.EPCI, code, nom))
    for commune in rechercher_communes(q, limite):
        if commune.type == "arrondissement":
            continue
        resultats.append(_resultat(Niveau.COMMUNE, commune.code, commune.nom, f" ({commune.departement_id})"))
    return resultats[: limite * 2]
