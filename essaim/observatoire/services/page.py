"""Everything a territory page (and its PDF portrait) shows, gathered in one context."""

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from essaim.commun import nombres
from essaim.commun.ess import FamilleESS
from essaim.commun.graphiques import courbe
from essaim.territoires.enums import Niveau

from ..models import ChiffreImporte
from . import graphiques
from .annuaire import couverture
from .chiffres import (
    calculer,
    couvre,
    libelle_section,
    millesime_publie,
    par_groupe_tranche,
    regions_importees,
)
from .domaines import SOURCE_CORRESPONDANCE, version_correspondance
from .millesimes import etat_millesimes
from .series import changements, millesimes_du_territoire
from .tableaux import tableau_themes, tableaux
from .territoires import nom_territoire, territoires_englobants

DUREE_CACHE = 10 * 60


def pourcentage(valeur) -> str:
    return nombres.pourcentage(valeur)


def chiffres_importes(niveau: str, code: str) -> list[dict]:
    """Aggregated figures received from INSEE or partners, grouped by source and vintage:
    never summed or mixed across sources."""
    groupes = {}
    for chiffre in ChiffreImporte.objects.filter(niveau=niveau, code=code).order_by("source", "-annee"):
        groupes.setdefault((chiffre.source, chiffre.millesime), []).append(chiffre)
    return [{"source": s, "millesime": m, "chiffres": lignes} for (s, m), lignes in groupes.items()]


def contexte_territoire(niveau: str, code: str) -> dict:
    """Cached per published vintage and territory: the figures only change with an import (a new
    vintage means new keys). The directory part is recomputed, at most every few minutes."""
    millesime = millesime_publie()
    if millesime is None:
        return _contexte(niveau, code, None)
    version = f"{etat_millesimes()}:{version_correspondance()}"
    cle = f"observatoire:territoire:{millesime.pk}:{version}:{niveau}:{code}:{get_language()}"
    contexte = cache.get(cle)
    if contexte is None:
        contexte = _contexte(niveau, code, millesime)
        cache.set(cle, contexte, DUREE_CACHE)
    # Figures received from partners can be imported at any time: never served from the cache.
    return {**contexte, "chiffres_importes": chiffres_importes(niveau, code)}


def _contexte(niveau: str, code: str, millesime) -> dict:
    c = calculer(niveau, code, millesime)
    fil = [{"titre": _("Observatoire"), "href": reverse("observatoire:accueil")}]
    for n, cd in reversed(territoires_englobants(niveau, code)):
        fil.append({"titre": nom_territoire(n, cd), "href": reverse("observatoire:territoire", args=[n, cd])})
    contexte = {
        "c": c,
        "millesime": millesime,
        "niveau": niveau,
        "code": code,
        "fil": fil,
        "niveau_libelle": Niveau(niveau).label,
        "chiffres_importes": chiffres_importes(niveau, code),
    }
    if millesime is None:
        return contexte
    if not couvre(millesime, niveau, code):
        # Nothing was imported here: say so, never "0 établissements".
        return {
            **contexte,
            "non_couvert": True,
            "perimetre_importe": noms_regions(regions_importees(millesime)),
        }
    t = tableaux(c)
    nom = c.nom
    g = {
        "familles": graphiques.barres(
            "g-familles",
            _("Établissements de l'ESS par famille — %(nom)s") % {"nom": nom},
            _("Diagramme en barres ; les valeurs figurent dans le tableau qui suit."),
            [(str(f.label), c.par_famille.get(f.value, 0)) for f in FamilleESS],
        ),
        "sections": graphiques.barres(
            "g-sections",
            _("Établissements de l'ESS par section d'activité — %(nom)s") % {"nom": nom},
            _("Diagramme en barres des sections NAF, de la plus représentée à la moins représentée."),
            [(libelle_section(s), n) for s, n in list(c.par_section.items())[:12]],
        ),
        "tranches": graphiques.barres(
            "g-tranches",
            _("Établissements de l'ESS par tranche d'effectifs — %(nom)s") % {"nom": nom},
            _("Diagramme en barres par tranche d'effectifs salariés."),
            [(libelle, n) for _c, libelle, n in par_groupe_tranche(c)],
        ),
    }
    evolution = t["evolution"].lignes
    if len(evolution) > 1:
        g["evolution"] = courbe(
            "g-evolution",
            _("Établissements actifs de l'ESS par millésime SIRENE — %(nom)s") % {"nom": nom},
            _(
                "Courbe des établissements de l'ESS à la date de chaque stock SIRENE importé, du plus "
                "ancien au plus récent ; les valeurs, écarts et pourcentages figurent dans le tableau "
                "qui suit."
            ),
            [(ligne["date"], ligne["etablissements"]) for ligne in evolution],
        )
        premier, dernier = evolution[0], evolution[-1]
        ecart = dernier["etablissements"] - premier["etablissements"]
        contexte["evolution"] = {
            "de": premier["date"],
            "a": dernier["date"],
            "ecart": f"{ecart:+,}".replace(",", "\u202f"),
            "pourcentage": nombres.pourcentage(ecart / premier["etablissements"], signe=True)
            if premier["etablissements"]
            else "",
            "changements": changements(millesimes_du_territoire(niveau, code)),
        }
    g["domaines"] = graphiques.barres(
        "g-domaines",
        _("Établissements de l'ESS par domaine de la transition — %(nom)s") % {"nom": nom},
        _(
            "Diagramme en barres par domaine de la transition, d'après le code d'activité NAF ; les "
            "valeurs figurent dans le tableau qui suit."
        ),
        [(ligne["domaine"], ligne["etablissements"]) for ligne in t["domaines"].lignes],
    )
    contexte["source_domaines"] = SOURCE_CORRESPONDANCE
    cartes = {}
    for niveau_enfant, pluriel in (("departement", _("département")), ("epci", "EPCI")):
        if niveau_enfant in t:
            cartes[niveau_enfant] = _cartes(nom, niveau_enfant, pluriel, t[niveau_enfant].lignes)
    if "epci" in t:
        rangs = [ligne for ligne in t["epci"].lignes if ligne["etablissements"]][:25]
        g["epci"] = graphiques.barres(
            "g-epci",
            _("EPCI classés par nombre d'établissements de l'ESS — %(nom)s") % {"nom": nom},
            _("Diagramme en barres des 25 premiers EPCI ; tous les EPCI figurent dans le tableau qui suit."),
            [(ligne["nom"], ligne["etablissements"]) for ligne in rangs],
        )
    taux = couverture(niveau, code, millesime, c.etablissements)
    contexte.update(
        {
            "tableaux": t,
            "graphiques": g,
            "cartes": cartes,
            "couverture": taux,
            "part_ess": pourcentage(c.part_ess),
            "taux_couverture": pourcentage(taux and taux["taux"]),
            "themes": tableau_themes(niveau, code),
        }
    )
    return contexte


def noms_regions(codes: list[str]) -> str:
    return ", ".join(nom_territoire(Niveau.REGION, code) or code for code in codes)


def _cartes(nom: str, niveau: str, pluriel: str, lignes: list[dict]) -> list[dict]:
    """Choropleths of the territories inside: by count of establishments and, where the
    denominator is known, by share of the ESS."""
    cartes = [
        graphiques.choroplethe(
            f"carte-{niveau}-etablissements",
            _("Établissements de l'ESS par %(niveau)s — %(nom)s") % {"niveau": pluriel, "nom": nom},
            _(
                "Carte choroplèthe : plus la couleur est foncée, plus le territoire compte d'établissements "
                "de l'ESS. Les valeurs figurent dans le tableau qui suit."
            ),
            niveau,
            lignes,
            "etablissements",
        )
    ]
    if any(ligne.get("part_ess") is not None for ligne in lignes):
        cartes.append(
            graphiques.choroplethe(
                f"carte-{niveau}-part",
                _("Part de l'ESS dans les établissements par %(niveau)s — %(nom)s")
                % {"niveau": pluriel, "nom": nom},
                _(
                    "Carte choroplèthe : plus la couleur est foncée, plus la part de l'ESS parmi les "
                    "établissements du territoire est grande. Les valeurs figurent dans le tableau qui suit."
                ),
                niveau,
                lignes,
                "part_ess",
                formater=pourcentage,
            )
        )
    return cartes
