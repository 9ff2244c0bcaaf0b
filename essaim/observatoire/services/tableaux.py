"""The data tables of a territory page: one definition used by the page, the CSV/XLSX
downloads and the PDF portrait, so the three always show the same figures."""

from dataclasses import dataclass, field

from django.urls import reverse

from essaim.commun.ess import FamilleESS
from essaim.commun.exports import Champ
from essaim.territoires.enums import Niveau

from .chiffres import Chiffres, calculer, enfants, libelle_section, millesime_precedent, par_groupe_tranche
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
        return f"{valeur * 100:.1f} %".replace(".", ",")
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
    Niveau.REGION: "Régions",
    Niveau.DEPARTEMENT: "Départements",
    Niveau.EPCI: "EPCI (intercommunalités)",
    Niveau.COMMUNE: "Communes",
}


def tableaux(c: Chiffres) -> dict[str, Tableau]:
    t = {}
    t["familles"] = Tableau(
        "familles",
        "Établissements actifs par famille de l'ESS",
        [
            Champ("famille", "Famille"),
            Champ("etablissements", "Établissements", type="integer"),
            Champ("part", "Part", type="number"),
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
        "Établissements actifs par section d'activité (NAF rév. 2)",
        [
            Champ("section", "Section NAF"),
            Champ("etablissements", "Établissements", type="integer"),
            Champ("part", "Part", type="number"),
        ],
        [
            {"section": libelle_section(s), "etablissements": n, "part": _part(n, c.etablissements)}
            for s, n in c.par_section.items()
        ],
    )
    t["tranches"] = Tableau(
        "tranches",
        "Établissements actifs par tranche d'effectifs salariés",
        [
            Champ("tranche", "Tranche d'effectifs"),
            Champ("etablissements", "Établissements", type="integer"),
            Champ("part", "Part", type="number"),
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
        "Comparaison avec les territoires englobants",
        [
            Champ("territoire", "Territoire"),
            Champ("etablissements", "Établissements ESS", type="integer"),
            Champ("employeurs", "Dont employeurs", type="integer"),
            Champ("emplois", "Emplois salariés estimés", type="integer"),
            Champ("part_ess", "Part de l'ESS dans les établissements", type="number"),
            Champ("part_employeurs", "Part de l'ESS dans les employeurs", type="number"),
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
    precedent = millesime_precedent(c.millesime) if c.millesime else None
    if precedent:
        ancien = calculer(c.niveau, c.code, precedent)
        t["evolution"] = Tableau(
            "evolution",
            "Évolution depuis le millésime précédent",
            [
                Champ("indicateur", "Indicateur"),
                Champ("precedent", f"Stock du {precedent.libelle_date}", type="integer"),
                Champ("actuel", f"Stock du {c.millesime.libelle_date}", type="integer"),
                Champ("ecart", "Écart", type="integer"),
            ],
            [
                {
                    "indicateur": "Établissements ESS",
                    "precedent": ancien.etablissements,
                    "actuel": c.etablissements,
                    "ecart": c.etablissements - ancien.etablissements,
                },
                {
                    "indicateur": "Établissements employeurs",
                    "precedent": ancien.employeurs,
                    "actuel": c.employeurs,
                    "ecart": c.employeurs - ancien.employeurs,
                },
            ],
        )
    for niveau_enfant in ENFANTS[c.niveau]:
        lignes = enfants(c.niveau, c.code, c.millesime, niveau_enfant)
        for ligne in lignes:
            ligne["href"] = reverse("observatoire:territoire", args=[ligne["niveau"], ligne["code"]])
        t[niveau_enfant] = Tableau(
            niveau_enfant,
            TITRES_ENFANTS[niveau_enfant],
            [
                Champ("nom", "Territoire"),
                Champ("code", "Code"),
                Champ("etablissements", "Établissements ESS", type="integer"),
                Champ("employeurs", "Dont employeurs", type="integer"),
                Champ("part_ess", "Part de l'ESS dans les établissements", type="number"),
            ],
            lignes,
        )
    return t


def tableau_themes(niveau: str, code: str) -> Tableau:
    from .annuaire import structures_par_theme

    return Tableau(
        "themes",
        "Structures publiées de l'annuaire par thème de transition",
        [Champ("theme", "Thème de transition"), Champ("structures", "Structures publiées", type="integer")],
        structures_par_theme(niveau, code),
    )
