"""The data tables of a territory page: one definition used by the page, the CSV/XLSX
downloads and the PDF portrait, so the three always show the same figures."""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.commun import nombres
from essaim.commun.ess import FamilleESS
from essaim.commun.exports import Champ
from essaim.territoires.enums import Niveau

from .chiffres import Chiffres, calculer, enfants, libelle_section, par_groupe_tranche
from .domaines import libelles_domaines
from .series import serie
from .territoires import territoires_englobants


@dataclass
class Tableau:
    nom: str
    titre: str
    champs: list[Champ]
    lignes: list[dict] = field(default_factory=list)

    @property
    def entetes(self):
        return [c.libelle for c in self.champs]

    @property
    def lignes_et_cellules(self):
        return list(zip(self.lignes, self.cellules, strict=True))

    @property
    def cellules(self):
        return [[_cellule(ligne.get(c.cle)) for c in self.champs] for ligne in self.lignes]


def _cellule(valeur):
    if valeur is None:
        return "n.d."
    if isinstance(valeur, float):
        return nombres.pourcentage(valeur)
    if isinstance(valeur, int):
        return f"{valeur:,}".replace(",", "\u202f")
    return valeur


def _part(n, total):
    return (n / total) if total else None


ENFANTS = {
    Niveau.FRANCE: [Niveau.REGION, Niveau.DEPARTEMENT],
    Niveau.REGION: [Niveau.DEPARTEMENT, Niveau.EPCI],
    Niveau.DEPARTEMENT: [Niveau.EPCI],
    Niveau.EPCI: [Niveau.COMMUNE],
    Niveau.COMMUNE: [],
}
TITRES_ENFANTS = {
    Niveau.REGION: gettext_lazy("Régions"),
    Niveau.DEPARTEMENT: gettext_lazy("Départements"),
    Niveau.EPCI: gettext_lazy("EPCI (intercommunalités)"),
    Niveau.COMMUNE: gettext_lazy("Communes"),
}


def tableaux(c: Chiffres) -> dict[str, Tableau]:
    t = {}
    t["familles"] = Tableau(
        "familles",
        _("Établissements actifs par famille de l'ESS"),
        [
            Champ("famille", _("Famille")),
            Champ("etablissements", _("Établissements"), type="integer"),
            Champ("part", _("Part"), type="number"),
        ],
        [
            {
                "famille": str(f.label),
                "etablissements": c.par_famille.get(f.value, 0),
                "part": _part(c.par_famille.get(f.value, 0), c.etablissements),
            }
            for f in FamilleESS
        ],
    )
    t["sections"] = Tableau(
        "sections",
        _("Établissements actifs par section d'activité (NAF rév. 2)"),
        [
            Champ("section", _("Section NAF")),
            Champ("etablissements", _("Établissements"), type="integer"),
            Champ("part", _("Part"), type="number"),
        ],
        [
            {"section": libelle_section(s), "etablissements": n, "part": _part(n, c.etablissements)}
            for s, n in c.par_section.items()
        ],
    )
    t["tranches"] = Tableau(
        "tranches",
        _("Établissements actifs par tranche d'effectifs salariés"),
        [
            Champ("tranche", _("Tranche d'effectifs")),
            Champ("etablissements", _("Établissements"), type="integer"),
            Champ("part", _("Part"), type="number"),
        ],
        [
            {"tranche": libelle, "etablissements": n, "part": _part(n, c.etablissements)}
            for _cle, libelle, n in par_groupe_tranche(c)
        ],
    )
    comparaison = [c] + [
        calculer(n, code, c.millesime) for n, code in territoires_englobants(c.niveau, c.code)
    ]
    t["comparaison"] = Tableau(
        "comparaison",
        _("Comparaison avec les territoires englobants"),
        [
            Champ("territoire", _("Territoire")),
            Champ("etablissements", _("Établissements ESS"), type="integer"),
            Champ("employeurs", _("Dont employeurs"), type="integer"),
            Champ("emplois", _("Emplois salariés estimés"), type="integer"),
            Champ("part_ess", _("Part de l'ESS dans les établissements"), type="number"),
            Champ("part_employeurs", _("Part de l'ESS dans les employeurs"), type="number"),
        ],
        [
            {
                "territoire": f"{x.nom} ({Niveau(x.niveau).label})",
                "etablissements": x.etablissements,
                "employeurs": x.employeurs,
                "emplois": x.emplois_estimes,
                "part_ess": x.part_ess,
                "part_employeurs": x.part_ess_employeurs,
            }
            for x in comparaison
        ],
    )
    t["evolution"] = tableau_evolution(serie(c.niveau, c.code, avec_chiffres_importes=False)["series"])
    t["domaines"] = tableau_domaines(c)
    for niveau_enfant in ENFANTS[c.niveau]:
        lignes = enfants(c.niveau, c.code, c.millesime, niveau_enfant)
        for ligne in lignes:
            ligne["href"] = reverse("observatoire:territoire", args=[ligne["niveau"], ligne["code"]])
        t[niveau_enfant] = Tableau(
            niveau_enfant,
            str(TITRES_ENFANTS[niveau_enfant]),
            [
                Champ("nom", _("Territoire")),
                Champ("code", _("Code")),
                Champ("etablissements", _("Établissements ESS"), type="integer"),
                Champ("employeurs", _("Dont employeurs"), type="integer"),
                Champ("part_ess", _("Part de l'ESS dans les établissements"), type="number"),
            ],
            lignes,
        )
    return t


def tableau_themes(niveau: str, code: str) -> Tableau:
    from .annuaire import structures_par_theme

    return Tableau(
        "themes",
        _("Structures publiées de l'annuaire par thème de transition"),
        [
            Champ("theme", _("Thème de transition")),
            Champ("structures", _("Structures publiées"), type="integer"),
        ],
        structures_par_theme(niveau, code),
    )


def date_fr(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def tableau_evolution(points: list[dict]) -> Tableau:
    """One row per imported vintage: establishments, employers, difference and change in
    percent from the previous vintage, ESS share."""
    lignes, avant = [], None
    for p in points:
        n = p["etablissements"]
        lignes.append(
            {
                "date": date_fr(p["millesime"]),
                "millesime": _("Stock du %(date)s") % {"date": date_fr(p["millesime"])}
                + ("" if not p["publie"] else _(" (publié)")),
                "etablissements": n,
                "employeurs": p["etablissements_employeurs"],
                "ecart": None if avant is None else n - avant,
                "evolution": None if not avant else (n - avant) / avant,
                "part_ess": p["part_ess"],
            }
        )
        avant = n
    return Tableau(
        "evolution",
        _("Évolution sur les millésimes SIRENE importés"),
        [
            Champ("millesime", _("Millésime")),
            Champ("etablissements", _("Établissements ESS"), type="integer"),
            Champ("employeurs", _("Dont employeurs"), type="integer"),
            Champ("ecart", _("Écart avec le millésime précédent"), type="integer"),
            Champ("evolution", _("Évolution (%)"), type="number"),
            Champ("part_ess", _("Part de l'ESS dans les établissements"), type="number"),
        ],
        lignes,
    )


def tableau_domaines(c: Chiffres) -> Tableau:
    libelles = libelles_domaines()
    return Tableau(
        "domaines",
        _("Établissements actifs de l'ESS par domaine de la transition (activité NAF)"),
        [
            Champ("domaine", _("Domaine de la transition")),
            Champ("etablissements", _("Établissements ESS"), type="integer"),
            Champ("part", _("Part des établissements de l'ESS du territoire"), type="number"),
        ],
        [
            {"domaine": libelles.get(cle, cle), "etablissements": n, "part": _part(n, c.etablissements)}
            for cle, n in c.par_domaine_tee.items()
        ],
    )
