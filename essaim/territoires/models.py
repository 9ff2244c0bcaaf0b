"""French administrative territories (INSEE COG), the key every territorial datum hangs off."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import TypeCommune


class Region(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    nom = models.CharField(_("nom"), max_length=100)
    chef_lieu = models.CharField(_("chef-lieu (code commune)"), max_length=5, blank=True)
    zone = models.CharField(_("zone"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["nom"]

    def __str__(self):
        return self.nom

    @property
    def region_code(self):
        return self.code


class Departement(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    nom = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")
    chef_lieu = models.CharField(_("chef-lieu (code commune)"), max_length=5, blank=True)
    zone = models.CharField(_("zone"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self):
        return f"{self.nom} ({self.code})"

    @property
    def region_code(self):
        return self.region_id


class EPCI(models.Model):
    code = models.CharField(_("SIREN"), max_length=9, primary_key=True)
    nom = models.CharField(_("nom"), max_length=200)
    type = models.CharField(_("type"), max_length=10, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)

    class Meta:
        verbose_name = _("EPCI")
        verbose_name_plural = _("EPCI")
        ordering = ["nom"]

    def __str__(self):
        return self.nom


class Commune(models.Model):
    code = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    nom = models.CharField(_("nom"), max_length=100)
    # Lower-case ASCII form used by the search ("saint" folded to "st").
    nom_recherche = models.CharField(max_length=100, db_index=True, editable=False)
    type = models.CharField(max_length=15, choices=TypeCommune.choices, default=TypeCommune.COMMUNE)
    departement = models.ForeignKey(Departement, on_delete=models.PROTECT, related_name="communes")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communes")
    epci = models.ForeignKey(EPCI, on_delete=models.SET_NULL, null=True, blank=True, related_name="communes")
    # Municipal arrondissements (Paris, Lyon, Marseille) point to their commune.
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="arrondissements"
    )
    codes_postaux = models.CharField(_("codes postaux"), max_length=200, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    # Approximate point (see scripts/generer_territoires.py): the commune's own GeoNames point,
    # or the mean of its EPCI's / département's points, as said by precision_coordonnees.
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    precision_coordonnees = models.CharField(
        _("précision des coordonnées"),
        max_length=12,
        blank=True,
        choices=[
            ("commune", _("commune")),
            ("epci", _("centre de l'EPCI")),
            ("departement", _("centre du département")),
        ],
    )

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["nom"]
        indexes = [models.Index(fields=["departement", "nom_recherche"])]

    def __str__(self):
        return f"{self.nom} ({self.departement_id})"

    @property
    def region_code(self):
        return self.region_id

    @property
    def liste_codes_postaux(self):
        return self.codes_postaux.split()

    @property
    def libelle(self):
        """Unambiguous label used by address forms: "Lille (59350)"."""
        return f"{self.nom} ({self.code})"


class AncienCode(models.Model):
    """Former INSEE codes (communes déléguées, associées, merged) pointing to today's commune."""

    code = models.CharField(max_length=5, primary_key=True)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="anciens_codes")

    class Meta:
        verbose_name = _("ancien code commune")
        verbose_name_plural = _("anciens codes communes")

    def __str__(self):
        return f"{self.code} → {self.commune_id}"


class JeuDeReference(models.Model):
    """Records which version of a reference data file is loaded, so reloading is skipped."""

    nom = models.CharField(max_length=50, primary_key=True)
    empreinte = models.CharField(max_length=64)
    charge_le = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.nom


class NiveauContour(models.TextChoices):
    REGION = "region", _("région")
    DEPARTEMENT = "departement", _("département")
    EPCI = "epci", _("EPCI")
    COMMUNE = "commune", _("commune")


class Contour(models.Model):
    """Simplified outline of a territory, as a GeoJSON geometry in WGS 84 (longitude, latitude).

    Kept apart from the territory rows so that fetching a commune never drags its shape along,
    and stored as text so that the GeoJSON endpoint stitches features without re-encoding them.
    No GIS extension: SQLite and PostgreSQL alike.
    """

    niveau = models.CharField(_("niveau"), max_length=12, choices=NiveauContour.choices)
    code = models.CharField(_("code"), max_length=9)
    geometrie = models.TextField(_("géométrie (GeoJSON)"))
    # Bounding box and label point (inside the largest part), computed at loading.
    ouest = models.FloatField()
    sud = models.FloatField()
    est = models.FloatField()
    nord = models.FloatField()
    etiquette_lon = models.FloatField()
    etiquette_lat = models.FloatField()
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contour")
        verbose_name_plural = _("contours")
        ordering = ["niveau", "code"]
        constraints = [models.UniqueConstraint(fields=["niveau", "code"], name="contour_unique_par_niveau")]

    def __str__(self):
        return f"{self.niveau} {self.code}"
