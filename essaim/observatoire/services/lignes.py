"""Kept SIRENE rows → database rows, column by column in pyarrow (C++), never row by row.

Each function receives a batch already filtered to the ESS perimeter, counts its rejections by
reason in the report (same reasons and same order of checks as a row-by-row reading would give),
and returns the rows to insert as tuples in the order of ``CHAMPS_UL`` / ``CHAMPS_ETAB``.
"""

import pyarrow as pa
import pyarrow.compute as pc

from essaim.commun.ess import famille_depuis_categorie

from ..enums import Perimetre, section_naf
from .territoires import departement_du_code

FAMILLES = ["association", "cooperative", "mutuelle", "fondation", "societe_commerciale"]
VRAI_SIEGE = pa.array(["true", "True", "1", "O"])
VIDES = pa.array(["", "[ND]"])
VIDE = pa.array([""])
NUL = pa.scalar(None, pa.string())

CHAMPS_UL = [
    "millesime",
    "siren",
    "denomination",
    "sigle",
    "categorie_juridique",
    "famille",
    "activite",
    "tranche",
    "diffusible",
    "active",
    "employeur",
    "flag_ess",
    "nic_siege",
]
CHAMPS_ETAB = [
    "millesime",
    "siret",
    "siren",
    "siege",
    "code_commune_source",
    "commune",
    "epci",
    "departement",
    "region",
    "dans_perimetre",
    "active",
    "employeur",
    "tranche",
    "activite",
    "section",
    "famille",
    "diffusible",
    "adresse",
    "code_postal",
    "libelle_commune",
    "enseigne",
    "x_lambert",
    "y_lambert",
]


def _compte(masque) -> int:
    return pc.sum(masque).as_py() or 0


def _rejeter(rejets, raison: str, n: int):
    if n:
        rejets[raison] += n


def _debut(colonne, n: int):
    return pc.utf8_slice_codeunits(colonne, 0, n)


def _ou_nul(colonne, vides=VIDES):
    """Null where the value is empty (or "[ND]"), so that joins skip it."""
    return pc.if_else(pc.is_in(colonne, value_set=vides), NUL, colonne)


def _joindre(parties, separateur: str):
    """Join the non-null parts with ``separateur`` (null when all are null). pyarrow's own
    ``null_handling="skip"`` drops rows whose parts are all null, hence this fold."""
    resultat = parties[0]
    for partie in parties[1:]:
        resultat = pc.coalesce(pc.binary_join_element_wise(resultat, partie, separateur), resultat, partie)
    return resultat


def _par_valeur(colonne, fonction, type_=None):
    """Apply a Python function once per distinct value (NAF codes, legal categories...)."""
    codes = colonne.dictionary_encode()
    valeurs = pa.array([fonction(v) for v in codes.dictionary.to_pylist()], type=type_ or pa.string())
    return valeurs.take(codes.indices)


def _flottants(colonne):
    nettoyee = _ou_nul(colonne)
    try:
        return pc.cast(nettoyee, pa.float64()).to_pylist()
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        resultat = []
        for valeur in nettoyee.to_pylist():
            try:
                resultat.append(float(valeur) if valeur else None)
            except ValueError:
                resultat.append(None)
        return resultat


def _colonne(lot, nom):
    if nom in lot.schema.names:
        return lot[nom]
    return pa.array([""] * lot.num_rows, type=pa.string())


# --- legal units ---------------------------------------------------------------------------------
def lignes_unites_legales(lot, perimetre: str, millesime_id, rapport):
    """Rows of the kept legal units, with their SIREN and family index (for the establishments)."""
    r = rapport
    cessee = pc.equal(lot["etatAdministratifUniteLegale"], "C")
    _rejeter(r.ul_rejets, "unité légale cessée", _compte(cessee))
    lot = lot.filter(pc.invert(cessee))
    siren_ok = pc.match_substring_regex(lot["siren"], r"^[0-9]{9}$")
    _rejeter(r.ul_rejets, "SIREN invalide", lot.num_rows - _compte(siren_ok))
    lot = lot.filter(siren_ok)

    categorie = lot["categorieJuridiqueUniteLegale"]
    flag = pc.equal(lot["economieSocialeSolidaireUniteLegale"], "O")

    def famille(cle):
        cat, marque = cle.split("|", 1)
        nom = famille_depuis_categorie(cat, est_ess=marque == "O" or perimetre == Perimetre.FLAG)
        return FAMILLES.index(nom) if nom else -1

    cle = pc.binary_join_element_wise(categorie, lot["economieSocialeSolidaireUniteLegale"], "|")
    familles = _par_valeur(cle, famille, pa.int8())
    hors = pc.equal(familles, -1)
    if _compte(hors):
        for c in categorie.filter(hors).value_counts().to_pylist():
            raison = f"catégorie juridique {c['values'] or 'vide'} hors des familles de l'ESS"
            r.ul_rejets[raison] += c["counts"]
        garder = pc.invert(hors)
        lot, familles, flag, categorie = (x.filter(garder) for x in (lot, familles, flag, categorie))

    diffusible = pc.not_equal(lot["statutDiffusionUniteLegale"], "P")
    r.non_diffusibles += lot.num_rows - _compte(diffusible)
    parties = ("prenomUsuelUniteLegale", "nomUniteLegale")
    nom_personne = _joindre([_ou_nul(pc.utf8_trim_whitespace(lot[c]), VIDE) for c in parties], " ")
    denomination = _ou_nul(pc.utf8_trim_whitespace(lot["denominationUniteLegale"]), VIDE)
    nom = pc.coalesce(denomination, nom_personne, pa.scalar(""))
    noms_familles = pa.array(FAMILLES).take(familles)
    colonnes = [
        [millesime_id] * lot.num_rows,
        lot["siren"].to_pylist(),
        _debut(nom, 300).to_pylist(),
        _debut(pc.utf8_trim_whitespace(lot["sigleUniteLegale"]), 50).to_pylist(),
        categorie.to_pylist(),
        noms_familles.to_pylist(),
        _debut(lot["activitePrincipaleUniteLegale"], 10).to_pylist(),
        _debut(lot["trancheEffectifsUniteLegale"], 2).to_pylist(),
        diffusible.to_pylist(),
        [True] * lot.num_rows,
        pc.equal(lot["caractereEmployeurUniteLegale"], "O").to_pylist(),
        flag.to_pylist(),
        _debut(lot["nicSiegeUniteLegale"], 5).to_pylist(),
    ]
    lignes = list(zip(*colonnes, strict=True))
    r.ul_gardees += len(lignes)
    return lignes, lot["siren"], familles


# --- establishments ------------------------------------------------------------------------------
class Territoires:
    """Commune code → (commune, EPCI, département, région) as arrow columns, so that attaching
    establishments is one hash lookup (``index_in``) and four ``take``. Unknown codes get the
    département of their prefix and join the table on first sight."""

    def __init__(self, carte: dict, deps: dict):
        self.deps = deps
        self.connus = len(carte)  # positions past this one are codes unknown to the COG
        self._codes = pa.array(list(carte), type=pa.string())
        self._colonnes = [pa.array([v[i] for v in carte.values()], type=pa.string()) for i in range(4)]
        self._inconnus = {}  # unknown code → ("", "", département, région)
        self.ensemble, self.colonnes = self._codes, self._colonnes

    def _etendre(self):
        extras = list(self._inconnus.values())
        self.ensemble = pa.concat_arrays([self._codes, pa.array(list(self._inconnus), type=pa.string())])
        self.colonnes = [
            pa.concat_arrays([colonne, pa.array([v[i] for v in extras], type=pa.string())])
            for i, colonne in enumerate(self._colonnes)
        ]

    def rattacher(self, codes, rapport):
        position = pc.index_in(codes, value_set=self.ensemble)
        inconnus = pc.fill_null(pc.greater_equal(position, self.connus), True)
        if _compte(inconnus):
            nouveaux = False
            for c in codes.filter(inconnus).value_counts().to_pylist():
                code = c["values"]
                rapport.communes_inconnues[code] += c["counts"]
                if code not in self._inconnus:
                    dep = departement_du_code(code, self.deps)
                    self._inconnus[code] = ("", "", dep, self.deps.get(dep, ""))
                    nouveaux = True
            if nouveaux:
                self._etendre()
                position = pc.index_in(codes, value_set=self.ensemble)
        return [colonne.take(position) for colonne in self.colonnes]


def lignes_etablissements(lot, familles, territoires: Territoires, regions, millesime_id, rapport):
    """Rows of the kept establishments. ``familles``: family index of each row's legal unit."""
    r = rapport
    code = lot["codeCommuneEtablissement"]
    sans_code = pc.equal(code, "")
    _rejeter(r.etab_rejets, "établissement à l'étranger (sans code commune)", _compte(sans_code))
    garder = pc.and_(pc.invert(sans_code), pc.match_substring_regex(lot["siret"], r"^[0-9]{14}$"))
    _rejeter(r.etab_rejets, "SIRET invalide", lot.num_rows - _compte(sans_code) - _compte(garder))
    lot, familles = lot.filter(garder), familles.filter(garder)

    commune, epci, departement, region = territoires.rattacher(lot["codeCommuneEtablissement"], r)
    siege = pc.is_in(lot["etablissementSiege"], value_set=VRAI_SIEGE)
    if regions:
        dedans = pc.is_in(region, value_set=pa.array(regions, type=pa.string()))
        hors = pc.and_(pc.invert(dedans), pc.invert(siege))
        if _compte(hors):
            r.etab_rejets["hors des régions importées"] += _compte(hors)
            garder = pc.invert(hors)
            lot, familles, siege, dedans = (x.filter(garder) for x in (lot, familles, siege, dedans))
            commune, epci, departement, region = (
                x.filter(garder) for x in (commune, epci, departement, region)
            )
        dedans = dedans.to_pylist()
    else:
        dedans = [True] * lot.num_rows

    diffusible = pc.not_equal(lot["statutDiffusionEtablissement"], "P")
    adresse = _joindre(
        [
            _ou_nul(_colonne(lot, c))
            for c in (
                "numeroVoieEtablissement",
                "indiceRepetitionEtablissement",
                "typeVoieEtablissement",
                "libelleVoieEtablissement",
            )
        ],
        " ",
    )
    adresse = _joindre([_ou_nul(_colonne(lot, "complementAdresseEtablissement")), adresse], ", ")
    adresse = pc.if_else(diffusible, _debut(pc.fill_null(adresse, ""), 300), "")
    enseigne = lot["enseigne1Etablissement"]
    enseigne = pc.if_else(pc.equal(enseigne, ""), lot["denominationUsuelleEtablissement"], enseigne)
    enseigne = pc.if_else(pc.and_(diffusible, pc.not_equal(enseigne, "[ND]")), _debut(enseigne, 200), "")
    activite = lot["activitePrincipaleEtablissement"]
    colonnes = [
        [millesime_id] * lot.num_rows,
        lot["siret"].to_pylist(),
        lot["siren"].to_pylist(),
        siege.to_pylist(),
        lot["codeCommuneEtablissement"].to_pylist(),
        commune.to_pylist(),
        epci.to_pylist(),
        departement.to_pylist(),
        region.to_pylist(),
        dedans,
        [True] * lot.num_rows,
        pc.equal(lot["caractereEmployeurEtablissement"], "O").to_pylist(),
        _debut(lot["trancheEffectifsEtablissement"], 2).to_pylist(),
        _debut(activite, 10).to_pylist(),
        _par_valeur(activite, section_naf).to_pylist(),
        pa.array(FAMILLES).take(familles).to_pylist(),
        diffusible.to_pylist(),
        adresse.to_pylist(),
        _debut(lot["codePostalEtablissement"], 5).to_pylist(),
        _debut(lot["libelleCommuneEtablissement"], 100).to_pylist(),
        enseigne.to_pylist(),
        _flottants(lot["coordonneeLambertAbscisseEtablissement"]),
        _flottants(lot["coordonneeLambertOrdonneeEtablissement"]),
    ]
    lignes = list(zip(*colonnes, strict=True))
    r.etab_gardes += len(lignes)
    return lignes
