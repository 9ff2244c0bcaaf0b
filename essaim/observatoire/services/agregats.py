"""Counts: every active establishment per commune (the denominator of the ESS share, kept as
arrow tables while reading) and the precomputed aggregates of a vintage (SQL GROUP BY)."""

from collections import defaultdict

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection

from essaim.territoires.enums import Niveau

from ..models import Agregat, Etablissement, TotalTerritoire
from .chargement import Ecrivain
from .territoires import CODE_FRANCE, departement_du_code


class TotauxCommunes:
    """Active establishments (and employers among them) per commune code, ESS or not.

    Each batch is grouped in C++ (``group_by``); the partial tables are merged only when the
    checkpoint needs the running totals, so no commune goes through Python per batch."""

    def __init__(self, depart: dict | None = None):
        self._tables = []
        if depart:
            if "c" not in depart:  # {code: [n, e]}, as written before the compact format
                depart = {
                    "c": list(depart),
                    "n": [v[0] for v in depart.values()],
                    "e": [v[1] for v in depart.values()],
                }
            self._tables.append(
                pa.table(
                    {
                        "c": pa.array(depart["c"], pa.string()),
                        "n": pa.array(depart["n"], pa.int64()),
                        "e": pa.array(depart["e"], pa.int64()),
                    }
                )
            )

    def ajouter(self, lot, actif):
        table = pa.table(
            {
                "c": lot["codeCommuneEtablissement"].filter(actif),
                "e": pc.cast(pc.equal(lot["caractereEmployeurEtablissement"].filter(actif), "O"), pa.int64()),
            }
        )
        if not table.num_rows:
            return
        groupes = table.group_by("c").aggregate([("e", "count"), ("e", "sum")])
        self._tables.append(
            pa.table({"c": groupes["c"], "n": pc.cast(groupes["e_count"], pa.int64()), "e": groupes["e_sum"]})
        )

    def _fusionner(self) -> pa.Table:
        if not self._tables:
            return pa.table(
                {"c": pa.array([], pa.string()), "n": pa.array([], pa.int64()), "e": pa.array([], pa.int64())}
            )
        if len(self._tables) > 1:
            groupes = pa.concat_tables(self._tables).group_by("c").aggregate([("n", "sum"), ("e", "sum")])
            self._tables = [pa.table({"c": groupes["c"], "n": groupes["n_sum"], "e": groupes["e_sum"]})]
        return self._tables[0]

    def colonnes(self) -> dict:
        """{"c": codes, "n": établissements, "e": employeurs}: the checkpoint's JSON (three
        lists serialise several times faster than one entry per commune)."""
        table = self._fusionner()
        return {nom: table[nom].to_pylist() for nom in ("c", "n", "e")}

    def en_dict(self) -> dict:
        """{code: (établissements, employeurs)}."""
        d = self.colonnes()
        return dict(zip(d["c"], zip(d["n"], d["e"], strict=True), strict=True))


def _niveaux(commune, epci, dep, reg):
    yield Niveau.FRANCE, CODE_FRANCE
    if reg:
        yield Niveau.REGION, reg
    if dep:
        yield Niveau.DEPARTEMENT, dep
    if epci:
        yield Niveau.EPCI, epci
    if commune:
        yield Niveau.COMMUNE, commune


def calculer_agregats(millesime) -> int:
    """Aggregates of every territorial level, computed inside the database: one GROUP BY of the
    vintage's establishments by commune into a temporary table, then each level rolled up from
    that small table (no establishment row goes through Python)."""
    agregat, etab = Agregat._meta.db_table, Etablissement._meta.db_table
    niveaux = [
        (Niveau.FRANCE, f"'{CODE_FRANCE}'"),
        (Niveau.REGION, "region"),
        (Niveau.DEPARTEMENT, "departement"),
        (Niveau.EPCI, "epci"),
        (Niveau.COMMUNE, "commune"),
    ]
    total = 0
    with connection.cursor() as curseur:
        curseur.execute("DROP TABLE IF EXISTS obs_agregat_communes")
        curseur.execute(
            "CREATE TEMPORARY TABLE obs_agregat_communes AS SELECT region, departement, epci, commune, "
            "famille, section, tranche, COUNT(*) AS n, SUM(CASE WHEN employeur THEN 1 ELSE 0 END) AS e "
            f"FROM {etab} WHERE millesime_id = %s AND dans_perimetre AND active "
            "GROUP BY region, departement, epci, commune, famille, section, tranche",
            [millesime.pk],
        )
        for niveau, colonne in niveaux:
            constante = niveau == Niveau.FRANCE  # PostgreSQL refuses a constant in GROUP BY
            groupe = "famille, section, tranche" if constante else f"{colonne}, famille, section, tranche"
            filtre = "" if constante else f" WHERE {colonne} <> ''"
            sommes = f"SUM(n), SUM(e) FROM obs_agregat_communes{filtre} GROUP BY {groupe}"
            if niveau == Niveau.COMMUNE:  # already one row per commune × famille × section × tranche
                sommes = f"n, e FROM obs_agregat_communes{filtre}"
            curseur.execute(
                f"INSERT INTO {agregat} (millesime_id, niveau, code, famille, section, tranche, "
                f"etablissements, "
                f"employeurs) SELECT %s, %s, {colonne}, famille, section, tranche, {sommes}",
                [millesime.pk, str(niveau)],
            )
            total += max(curseur.rowcount, 0)
        curseur.execute("DROP TABLE obs_agregat_communes")
    return total


def calculer_totaux(millesime, totaux_communes: dict, carte: dict, deps: dict, regions: list[str]):
    cumuls = defaultdict(lambda: [0, 0])
    for code, (n, e) in totaux_communes.items():
        if not code:
            continue
        territoire = carte.get(code)
        if territoire is None:
            dep = departement_du_code(code, deps)
            territoire = ("", "", dep, deps.get(dep, ""))
        if regions and territoire[3] not in regions:
            continue
        for niveau, c in _niveaux(*territoire):
            cumul = cumuls[(niveau, c)]
            cumul[0] += n
            cumul[1] += e
    ecrivain = Ecrivain(TotalTerritoire, ["millesime", "niveau", "code", "etablissements", "employeurs"])
    ecrivain.ecrire([(millesime.pk, niveau, code, n, e) for (niveau, code), (n, e) in cumuls.items()])
