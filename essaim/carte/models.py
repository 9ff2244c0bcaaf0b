"""The map and search read model: a flat, denormalised index of published structures.

The directory (``essaim.annuaire``) owns the records; this app keeps a projection of the
published ones, tuned for reading at national scale:

- ``PointCarte``: one row per published structure with everything the map, the list API,
  the search and the exports read (no join at request time), the Morton key of its place,
  and bitmasks of its themes / transitions / agréments for cheap multi-value filtering.
- ``CelluleCarte``: per (filter key, level, cell) counts and coordinate sums, so a cluster
  map at national or regional zoom reads a few thousand pre-aggregated rows instead of
  grouping a million points.
- ``CompteFacette``: per (filter key, facet key) counts, so facet counts for the common
  cases (no filter, one filter) are a single index range read.
- ``CodeBit``: which bit of which mask encodes which code (stable, assigned on first sight).
- ``MotVocabulaire`` / ``VarianteMot``: vocabulary of indexed words, for one-typo tolerance.

Kept in sync by signal receivers (``signals.py``); rebuilt by ``manage.py reindexer_carte``.
"""

from django.db import models


class PointCarte(models.Model):
    structure_id = models.BigIntegerField(primary_key=True)
    nom = models.CharField(max_length=255)
    sigle = models.CharField(max_length=50, blank=True, default="")
    slug = models.CharField(max_length=255, blank=True, default="")
    url = models.CharField(max_length=300, blank=True, default="")
    description = models.TextField(blank=True, default="")
    famille = models.CharField(max_length=30, blank=True, default="")
    siren = models.CharField(max_length=9, blank=True, default="")
    siret = models.CharField(max_length=14, blank=True, default="")
    rna = models.CharField(max_length=10, blank=True, default="")
    categorie_juridique = models.CharField(max_length=4, blank=True, default="")
    naf = models.CharField(max_length=6, blank=True, default="")
    site_web = models.CharField(max_length=300, blank=True, default="")
    # Codes as " | "-free comma lists for display and exports; masks for filtering.
    themes = models.CharField(max_length=500, blank=True, default="")
    transitions = models.CharField(max_length=200, blank=True, default="")
    agrements = models.CharField(max_length=300, blank=True, default="")
    themes_bits = models.BigIntegerField(default=0)
    transitions_bits = models.BigIntegerField(default=0)
    agrements_bits = models.BigIntegerField(default=0)
    commune = models.CharField(max_length=5, blank=True, default="")
    commune_nom = models.CharField(max_length=100, blank=True, default="")
    code_postal = models.CharField(max_length=5, blank=True, default="")
    epci = models.CharField(max_length=9, blank=True, default="")
    departement = models.CharField(max_length=3, blank=True, default="")
    region = models.CharField(max_length=3, blank=True, default="")
    latitude = models.FloatField(null=True)
    longitude = models.FloatField(null=True)
    cle = models.BigIntegerField(null=True)  # Morton key at geo.NIVEAU_MAX
    est_demo = models.BooleanField(default=False)
    modifie_le = models.DateTimeField(null=True)
    # Folded (accent-free, lower-case) texts, the content of the full-text index.
    texte_nom = models.TextField(blank=True, default="")
    texte_themes = models.TextField(blank=True, default="")
    texte_lieu = models.TextField(blank=True, default="")
    texte_description = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = "point de la carte"
        verbose_name_plural = "points de la carte"
        indexes = [
            models.Index(fields=["cle"], name="carte_point_cle"),
            # Covering index for the live map path (id look-ups from the full-text index read
            # position and filter columns without touching the wide row) and for loading the
            # in-memory filter columns (services/memoire.py) without scanning the wide rows.
            models.Index(
                fields=[
                    "structure_id",
                    "cle",
                    "latitude",
                    "longitude",
                    "famille",
                    "themes_bits",
                    "transitions_bits",
                    "agrements_bits",
                    "region",
                    "departement",
                    "epci",
                    "commune",
                ],
                name="carte_point_filtres",
            ),
            models.Index(fields=["nom", "structure_id"], name="carte_point_nom"),
            models.Index(fields=["region"], name="carte_point_region"),
            models.Index(fields=["departement"], name="carte_point_dep"),
            models.Index(fields=["epci"], name="carte_point_epci"),
            models.Index(fields=["commune"], name="carte_point_commune"),
            models.Index(fields=["modifie_le"], name="carte_point_modif"),
        ]

    def __str__(self):
        return self.nom


class JournalIndex(models.Model):
    """One row per change of the index, read by each process's in-memory filter columns
    (``services/memoire.py``); structure 0 means "everything changed" (bulk rebuild)."""

    id = models.BigAutoField(primary_key=True)
    structure_id = models.BigIntegerField()
    jeton = models.CharField(max_length=8)

    def __str__(self):
        return f"{self.id}: {self.structure_id}"


class CelluleCarte(models.Model):
    cle_filtre = models.CharField(max_length=60)
    niveau = models.PositiveSmallIntegerField()
    cellule = models.BigIntegerField()
    nombre = models.IntegerField(default=0)
    somme_lat = models.FloatField(default=0)
    somme_lon = models.FloatField(default=0)
    somme_id = models.BigIntegerField(default=0)  # the id itself when nombre == 1

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cle_filtre", "niveau", "cellule"], name="carte_cellule_unique")
        ]

    def __str__(self):
        return f"{self.cle_filtre or '*'} L{self.niveau} {self.cellule}: {self.nombre}"


class CompteFacette(models.Model):
    cle_filtre = models.CharField(max_length=60)
    cle_facette = models.CharField(max_length=60)
    nombre = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cle_filtre", "cle_facette"], name="carte_facette_unique")
        ]

    def __str__(self):
        return f"{self.cle_filtre or '*'} × {self.cle_facette or '*'}: {self.nombre}"


class CodeBit(models.Model):
    dimension = models.CharField(max_length=20)  # theme, transition, agrement
    code = models.CharField(max_length=60)
    libelle = models.CharField(max_length=200, blank=True, default="")
    bit = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["dimension", "code"], name="carte_codebit_code"),
            models.UniqueConstraint(fields=["dimension", "bit"], name="carte_codebit_bit"),
        ]
        ordering = ["dimension", "bit"]

    def __str__(self):
        return f"{self.dimension}:{self.code} → bit {self.bit}"


class MotVocabulaire(models.Model):
    mot = models.CharField(max_length=60, primary_key=True)
    frequence = models.IntegerField(default=1)

    def __str__(self):
        return self.mot


class VarianteMot(models.Model):
    """SymSpell-style deletion neighbourhood (SQLite backend): a word and its 1-deletions."""

    variante = models.CharField(max_length=60, db_index=True)
    mot = models.CharField(max_length=60)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["variante", "mot"], name="carte_variante_unique")]

    def __str__(self):
        return f"{self.variante} → {self.mot}"
