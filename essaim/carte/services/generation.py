"""Synthetic structures for benchmarks and demos (``manage.py generer_structures``).

Communes are drawn with probability proportional to their population (dense cities,
sparse countryside). Each commune sits at its point in the territories data
(``Commune.latitude``/``longitude``); the few without one get a deterministic
pseudo-position inside their département's approximate disc (``data/departements.py``).
Each structure gets a Gaussian jitter around its commune whose spread grows with the
commune's population. Rows are written in bulk (executemany on SQLite, COPY on PostgreSQL) straight
into the directory's tables, marked ``source = "synthetique"`` and ``est_demo = True``.
"""

import contextlib
import hashlib
import math
import random
import time
from itertools import accumulate

from django.db import connection, transaction
from django.utils import timezone

from essaim.annuaire.enums import StatutStructure
from essaim.commun.ess import Transition
from essaim.commun.flux import ecrire_en_masse, ecriture, en_avance, travail_de_masse

from ..data.departements import CENTRES

SOURCE = "synthetique"

ACTIVITES = [
    ("Recyclerie", ["seconde-vie-produits"], "collecte, répare et revend des objets"),
    (
        "Ressourcerie",
        ["seconde-vie-produits", "gestion-ressources-dechets"],
        "donne une seconde vie aux objets et sensibilise au tri",
    ),
    ("Repair café", ["seconde-vie-produits"], "répare avec les habitants appareils et vêtements"),
    ("Atelier vélo", ["mobilite"], "apprend à réparer son vélo et promeut la mobilité douce"),
    ("Garage solidaire", ["mobilite"], "entretient les véhicules à prix solidaire"),
    (
        "Épicerie solidaire",
        ["agriculture-alimentation", "recuperation-invendus"],
        "propose une alimentation de qualité à petit prix",
    ),
    (
        "Jardin partagé",
        ["agriculture-alimentation", "biodiversite-eau"],
        "cultive des légumes avec les voisins",
    ),
    ("Ferme urbaine", ["agriculture-alimentation"], "produit fruits et légumes en ville"),
    ("AMAP", ["agriculture-alimentation"], "relie paysans et consommateurs"),
    (
        "Légumerie",
        ["agriculture-alimentation"],
        "transforme les légumes locaux pour la restauration collective",
    ),
    (
        "Conserverie",
        ["agriculture-alimentation", "recuperation-invendus"],
        "transforme les invendus en conserves",
    ),
    ("Centrale villageoise", ["energie"], "produit une électricité renouvelable citoyenne"),
    ("Coopérative énergétique", ["energie"], "finance et exploite des toitures solaires"),
    ("Éco-construction", ["batiment-durable"], "rénove les logements avec des matériaux biosourcés"),
    (
        "Ressourcerie du bâtiment",
        ["batiment-durable", "seconde-vie-produits"],
        "récupère les matériaux de chantier",
    ),
    ("Habitat participatif", ["batiment-durable"], "conçoit un habitat groupé et sobre"),
    (
        "Maison de la nature",
        ["sensibilisation-education", "biodiversite-eau"],
        "anime des sorties nature et des ateliers",
    ),
    ("Éducation à l'environnement", ["sensibilisation-education"], "sensibilise les scolaires au climat"),
    ("Atelier numérique", ["numerique-responsable"], "accompagne l'inclusion numérique"),
    (
        "Reconditionnement informatique",
        ["numerique-responsable", "seconde-vie-produits"],
        "reconditionne ordinateurs et téléphones",
    ),
    (
        "Fab lab",
        ["numerique-responsable", "recherche-developpement"],
        "ouvre des machines de fabrication numérique",
    ),
    ("Tiers-lieu", ["sensibilisation-education"], "accueille initiatives et habitants"),
    ("Friperie", ["seconde-vie-produits"], "revend des vêtements de seconde main"),
    ("Bricothèque", ["seconde-vie-produits"], "prête des outils aux habitants"),
    ("Compostage collectif", ["gestion-ressources-dechets"], "valorise les biodéchets du quartier"),
    (
        "Chantier d'insertion",
        ["biodiversite-eau"],
        "entretient les espaces naturels avec des salariés en insertion",
    ),
    ("Laboratoire citoyen", ["recherche-developpement"], "mène des recherches participatives"),
    ("Écoconception", ["ecoconception"], "accompagne les entreprises vers l'écoconception"),
    ("Covoiturage solidaire", ["mobilite"], "organise des trajets partagés en milieu rural"),
    ("Cantine bio", ["agriculture-alimentation"], "cuisine des repas bio et locaux"),
]
NOMS = [
    "La Fourmilière",
    "Les Colibris",
    "L'Abeille",
    "Le Chêne",
    "Terre et Partage",
    "Horizon",
    "Les Petits Ruisseaux",
    "Entraide",
    "Avenir Commun",
    "La Bonne Graine",
    "Le Grenier",
    "La Clé",
    "Les Tisserands",
    "Le Relais",
    "La Ruche",
    "Le Phare",
    "Les Jardiniers",
    "L'Étincelle",
    "Les Bâtisseurs",
    "Le Fil",
    "Émeraude",
    "La Passerelle",
    "Les Cigales",
    "Le Moulin",
    "Boussole",
    "Les Forges",
    "La Source",
    "Éole",
    "Le Trèfle",
    "La Canopée",
]
FAMILLES = [
    ("association", "9220", 70),
    ("cooperative", "5458", 12),
    ("societe_commerciale", "5710", 10),
    ("mutuelle", "8210", 4),
    ("fondation", "9300", 4),
]
TRANSITIONS = Transition.values
AGREMENTS = ["ESUS", "SCOP", "SCIC", "SIAE-ACI", "SIAE-EI", "EA", "ESAT", "JEP", "RUP", "CAE"]


def _hash01(texte: str, sel: str) -> float:
    return int(hashlib.blake2b(f"{sel}:{texte}".encode(), digest_size=8).hexdigest(), 16) / 2**64


def position_commune(code: str, departement: str, population: int) -> tuple[float, float] | None:
    centre = CENTRES.get(departement)
    if centre is None:
        return None
    lat0, lon0, rayon = centre
    # Bigger communes sit nearer the centre (département seats and metropolises often do).
    facteur = 0.35 if population > 100_000 else 0.7 if population > 20_000 else 1.0
    r = rayon * facteur * math.sqrt(_hash01(code, "r"))
    a = 2 * math.pi * _hash01(code, "a")
    return lat0 + r * math.sin(a), lon0 + r * math.cos(a) / math.cos(math.radians(lat0))


def _colonnes_structure():
    from essaim.annuaire.models import Structure

    return [f for f in Structure._meta.concrete_fields if not f.primary_key]


@contextlib.contextmanager
def _chargement_en_masse(curseur, tables: list[str]):
    """Bulk-load settings for these tables, inside the caller's transaction.

    PostgreSQL: their foreign keys and secondary indexes are dropped, then re-created after
    the load: one validating join per key and one sorted build per index, instead of a
    deferred check per row at commit and twenty B-tree insertions per row (the rows only
    reference ids read from this database). SQLite: a larger page cache.
    """
    if connection.vendor != "postgresql":
        curseur.execute("PRAGMA cache_size = -400000")  # 400 MB page cache for bulk index writes
        yield
        return
    # Run the checks already deferred in this transaction now (a table with pending trigger
    # events cannot be altered), then defer again as Django's constraints are declared.
    curseur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    curseur.execute("SET CONSTRAINTS ALL DEFERRED")
    curseur.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s) ORDER BY conname",
        [tables],
    )
    cles = curseur.fetchall()
    curseur.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u')) ORDER BY indexname",
        [tables],
    )
    index = curseur.fetchall()
    for table, nom, _ in cles:
        curseur.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{nom}"')
    for nom, _ in index:
        curseur.execute(f'DROP INDEX "{nom}"')
    yield
    curseur.execute("SET LOCAL maintenance_work_mem = '512MB'")
    for _, definition in index:
        curseur.execute(definition)
    for table, nom, definition in cles:
        curseur.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{nom}" {definition}')


def _reserver_ids(curseur, table: str, nombre: int) -> int:
    """SQLite: reserve ``nombre`` ids for the generation (its batches commit one by one, so a
    record created meanwhile must not take one of them): the AUTOINCREMENT counter is moved
    past the range in one short transaction. Returns the first id."""
    with ecriture():
        curseur.execute(
            f"SELECT MAX(COALESCE((SELECT MAX(id) FROM {table}), 0), "
            "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        premier = curseur.fetchone()[0] + 1
        curseur.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [premier + nombre - 1, table])
        if not curseur.rowcount:
            curseur.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, premier + nombre - 1]
            )
    return premier


def generer(nombre: int, graine: int = 1, stdout=None, lot: int | None = None) -> int:
    """Insert ``nombre`` synthetic published structures; return the number inserted."""
    # SQLite: 2,000 rows (and their links and index entries) are ≈ 0.2 s of write lock.
    lot = lot or (2_000 if connection.vendor == "sqlite" else 10_000)
    from essaim.annuaire.models import Agrement, Structure, Theme, Transition
    from essaim.territoires.models import Commune

    debut, cpu = time.monotonic(), time.process_time()

    def dire(message):
        if stdout is not None:
            stdout.write(
                f"[{time.monotonic() - debut:6.1f} s, CPU {time.process_time() - cpu:6.1f} s] {message}"
            )

    rng = random.Random(graine)
    communes = [
        c
        for c in Commune.objects.filter(parent__isnull=True).values_list(
            "code", "nom", "departement_id", "region_id", "population", "latitude", "longitude"
        )
        if c[2] in CENTRES
    ]
    # A few communes carry a latitude without a longitude: they get a synthetic position.
    positions = {
        c[0]: (c[5], c[6])
        if c[5] is not None and c[6] is not None
        else position_commune(c[0], c[2], c[4] or 0)
        for c in communes
    }
    poids = list(accumulate((c[4] or 0) + 50 for c in communes))
    themes = dict(Theme.objects.values_list("code", "id"))
    transitions = dict(Transition.objects.values_list("code", "id"))
    agrements = dict(Agrement.objects.values_list("code", "id"))
    if not themes:
        raise RuntimeError(
            "Vocabulaires de l'annuaire absents : lancez `manage.py preparer` (ou annuaire.reference)."
        )
    champs = _colonnes_structure()
    colonnes = [f.column for f in champs]
    maintenant = timezone.now()
    table = Structure._meta.db_table
    with connection.cursor() as curseur:
        if connection.vendor == "sqlite":
            premier_id = _reserver_ids(curseur, table, nombre)
        else:
            curseur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
            premier_id = curseur.fetchone()[0] + 1
    familles_poids = list(accumulate(f[2] for f in FAMILLES))
    # Row template with every column's default, then the few columns we vary per row.
    variables = {
        "nom",
        "slug",
        "sigle",
        "description",
        "categorie_juridique",
        "famille",
        "statut",
        "region_id",
        "commune_id",
        "latitude",
        "longitude",
        "est_demo",
        "source",
        "source_id",
        "publiee_le",
        "cree_le",
        "modifie_le",
        "reseaux_sociaux",
        "provenance",
    }
    modele = []
    for f in champs:
        if f.has_default():
            d = f.get_default()
            modele.append("{}" if isinstance(d, dict) else d)
        else:
            modele.append(None if f.null else "")
    positions_variables = [(i, f.attname) for i, f in enumerate(champs) if f.attname in variables]

    def lots():
        """Rows of the next batch (computed in a thread while the previous one is written)."""
        faits = 0
        while faits < nombre:
            n = min(lot, nombre - faits)
            choisies = rng.choices(communes, cum_weights=poids, k=n)
            lignes, liens_t, liens_tr, liens_a = [], [], [], []
            for i, (code, nom_commune, _dep, region, population, *_position) in enumerate(choisies):
                sid = premier_id + faits + i
                activite, codes_themes, phrase = ACTIVITES[rng.randrange(len(ACTIVITES))]
                famille, cj, _ = FAMILLES[rng.choices(range(len(FAMILLES)), cum_weights=familles_poids)[0]]
                nom = f"{activite} {rng.choice(NOMS)}"
                if rng.random() < 0.5:
                    nom += f" de {nom_commune}"
                lat0, lon0 = positions[code]
                ecart = min(0.06, 0.003 * math.sqrt(((population or 0) + 500) / 1000))
                lat, lon = rng.gauss(lat0, ecart), rng.gauss(lon0, ecart)
                valeurs = {
                    "nom": nom,
                    "slug": f"{SOURCE}-{sid}",
                    "sigle": "",
                    "description": f"<p>{activite} à {nom_commune} : {phrase}.</p>",
                    "categorie_juridique": cj,
                    "famille": famille,
                    "statut": StatutStructure.PUBLIEE,
                    "region_id": region,
                    "commune_id": code,
                    "latitude": round(lat, 6),
                    "longitude": round(lon, 6),
                    "est_demo": True,
                    "source": SOURCE,
                    "source_id": str(sid),
                    "publiee_le": maintenant,
                    "cree_le": maintenant,
                    "modifie_le": maintenant,
                    "reseaux_sociaux": "{}",
                    "provenance": "{}",
                }
                ligne = [sid, *modele]
                for position, cle in positions_variables:
                    ligne[position + 1] = valeurs[cle]
                lignes.append(tuple(ligne))
                extra = rng.sample(list(themes), k=rng.choice((0, 0, 1)))
                for t in {*codes_themes, *extra}:
                    liens_t.append((sid, themes[t]))
                for t in rng.sample(TRANSITIONS, k=rng.choice((1, 1, 2, 3))):
                    liens_tr.append((sid, transitions[t]))
                if rng.random() < 0.25:
                    liens_a.append((sid, agrements[rng.choice(AGREMENTS)]))
            faits += n
            yield lignes, liens_t, liens_tr, liens_a

    insere = 0
    tables = [
        table,
        *(getattr(Structure, c).through._meta.db_table for c in ("themes", "transitions", "agrements")),
    ]
    # PostgreSQL: one transaction (all or nothing). SQLite: one short transaction per batch,
    # so visitors' writes are never stuck behind the load (a partial run is removed by
    # ``--supprimer``).
    embarquee = connection.vendor == "sqlite"
    with (
        travail_de_masse("génération de structures synthétiques"),
        contextlib.nullcontext() if embarquee else transaction.atomic(),
        connection.cursor() as curseur,
        _chargement_en_masse(curseur, tables),
    ):
        # SQLite: batches computed then written, no thread competing for the GIL while the
        # write lock is held.
        for lignes, liens_t, liens_tr, liens_a in lots() if embarquee else en_avance(lots()):
            with ecriture() if embarquee else contextlib.nullcontext():
                ecrire_en_masse(curseur, table, ["id", *colonnes], lignes)
                ecrire_en_masse(
                    curseur, Structure.themes.through._meta.db_table, ["structure_id", "theme_id"], liens_t
                )
                ecrire_en_masse(
                    curseur,
                    Structure.transitions.through._meta.db_table,
                    ["structure_id", "transition_id"],
                    liens_tr,
                )
                ecrire_en_masse(
                    curseur,
                    Structure.agrements.through._meta.db_table,
                    ["structure_id", "agrement_id"],
                    liens_a,
                )
            insere += len(lignes)
            if insere % (lot * 10) < lot or insere == nombre:
                dire(f"{insere} structures synthétiques insérées")
        if connection.vendor == "postgresql":
            curseur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            )
    return insere


def supprimer(stdout=None) -> int:
    from essaim.annuaire.models import Structure

    table = Structure._meta.db_table
    throughs = [getattr(Structure, c).through._meta.db_table for c in ("themes", "transitions", "agrements")]
    n = 0
    with travail_de_masse("suppression des structures synthétiques"), connection.cursor() as curseur:
        if connection.vendor != "sqlite":
            with transaction.atomic():
                sous = f"SELECT id FROM {table} WHERE source = %s"
                for through in throughs:
                    curseur.execute(f"DELETE FROM {through} WHERE structure_id IN ({sous})", [SOURCE])
                curseur.execute(f"DELETE FROM {table} WHERE source = %s", [SOURCE])
                n = curseur.rowcount
        else:  # SQLite: 2,000 at a time, each batch its own short transaction
            while True:
                with ecriture():
                    curseur.execute(f"SELECT id FROM {table} WHERE source = %s LIMIT 2000", [SOURCE])
                    ids = [r[0] for r in curseur.fetchall()]
                    if not ids:
                        break
                    marques = ", ".join(["%s"] * len(ids))
                    for through in throughs:
                        curseur.execute(f"DELETE FROM {through} WHERE structure_id IN ({marques})", ids)
                    curseur.execute(f"DELETE FROM {table} WHERE id IN ({marques})", ids)
                    n += len(ids)
    if stdout is not None:
        stdout.write(f"{n} structures synthétiques supprimées.")
    return n
