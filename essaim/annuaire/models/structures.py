"""Records: organisations, their managers and their places."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from essaim.commun.ess import FamilleESS, famille_depuis_categorie
from essaim.commun.html import nettoyer_html

from ..enums import (
    EtatEnrichissement,
    EtatGeocodage,
    RoleGestion,
    StatutStructure,
    TrancheEffectifs,
)
from ..validators import valider_image
from .vocabulaires import Agrement, Theme, Transition

# Paths of the app under /annuaire/ that a record's slug must not shadow.
SLUGS_RESERVES = {"inscription", "moderation", "doublons", "imports"}
LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]

# --- Records -------------------------------------------------------------------------------


def _chemin_logo(instance, nom):
    return f"annuaire/logos/{instance.slug or 'structure'}/{nom}"


class StructureQuerySet(models.QuerySet):
    def publiees(self):
        return self.filter(statut=StatutStructure.PUBLIEE)

    def de_la_region(self, codes):
        return self.filter(region_id__in=codes)


class Structure(models.Model):
    nom = models.CharField(_("nom"), max_length=250)
    slug = models.SlugField(_("adresse de la fiche"), max_length=120, unique=True, blank=True)
    sigle = models.CharField(_("sigle"), max_length=50, blank=True)
    description = models.TextField(_("description"), blank=True)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True, db_index=True)
    siret = models.CharField(_("SIRET du siège"), max_length=14, blank=True, db_index=True)
    rna = models.CharField(_("numéro RNA"), max_length=10, blank=True)
    categorie_juridique = models.CharField(_("catégorie juridique INSEE"), max_length=4, blank=True)
    famille = models.CharField(_("famille de l'ESS"), max_length=20, choices=FamilleESS.choices, blank=True)
    famille_forcee = models.BooleanField(
        _("famille forcée"),
        default=False,
        help_text=_("Cochée : la famille n'est plus déduite de la catégorie."),
    )
    statut = models.CharField(
        _("statut"),
        max_length=12,
        choices=StatutStructure.choices,
        default=StatutStructure.BROUILLON,
        db_index=True,
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="structures", verbose_name=_("thèmes"))
    transitions = models.ManyToManyField(
        Transition, blank=True, related_name="structures", verbose_name=_("transitions")
    )
    agrements = models.ManyToManyField(
        Agrement, blank=True, related_name="structures", verbose_name=_("statuts et agréments")
    )
    naf = models.CharField(_("code NAF"), max_length=6, blank=True)
    tranche_effectifs = models.CharField(
        _("tranche d'effectifs"), max_length=2, choices=TrancheEffectifs.choices, blank=True
    )
    site_web = models.URLField(_("site web"), max_length=300, blank=True)
    email_public = models.EmailField(_("e-mail de contact public"), blank=True)
    telephone = models.CharField(_("téléphone"), max_length=30, blank=True)
    reseaux_sociaux = models.JSONField(_("réseaux sociaux"), default=dict, blank=True)
    logo = models.ImageField(_("logo"), upload_to=_chemin_logo, blank=True, validators=[valider_image])
    # Main place, denormalised for filters and the map (kept in sync by signals.py).
    region = models.ForeignKey(
        "territoires.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    commune = models.ForeignKey(
        "territoires.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    latitude = models.FloatField(null=True, blank=True, validators=LATITUDE)
    longitude = models.FloatField(null=True, blank=True, validators=LONGITUDE)
    # Territory of action.
    territoire_communes = models.ManyToManyField(
        "territoires.Commune", blank=True, related_name="+", verbose_name=_("communes d'action")
    )
    territoire_epcis = models.ManyToManyField(
        "territoires.EPCI", blank=True, related_name="+", verbose_name=_("EPCI d'action")
    )
    territoire_departements = models.ManyToManyField(
        "territoires.Departement", blank=True, related_name="+", verbose_name=_("départements d'action")
    )
    territoire_regions = models.ManyToManyField(
        "territoires.Region", blank=True, related_name="+", verbose_name=_("régions d'action")
    )
    gestionnaires = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Gestion", blank=True, related_name="structures_gerees"
    )
    est_demo = models.BooleanField(_("donnée de démonstration"), default=False, db_index=True)
    source = models.CharField(_("source d'import"), max_length=50, blank=True)
    source_id = models.CharField(_("identifiant dans la source"), max_length=100, blank=True)
    provenance = models.JSONField(_("provenance des champs"), default=dict, blank=True)
    a_controler = models.BooleanField(
        _("à contrôler"), default=False, help_text=_("Publiée sans modération préalable : à vérifier.")
    )
    etat_enrichissement = models.CharField(
        max_length=12, choices=EtatEnrichissement.choices, default=EtatEnrichissement.SANS_OBJET
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    confirme_le = models.DateTimeField(_("informations confirmées le"), null=True, blank=True)
    rappel_envoye_le = models.DateTimeField(_("dernier rappel envoyé le"), null=True, blank=True)
    publiee_le = models.DateTimeField(_("publiée le"), null=True, blank=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fusionnee_dans = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="fusionnees"
    )
    cree_le = models.DateTimeField(_("créée le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["modifie_le"],
        m2m_fields=[
            themes,
            transitions,
            agrements,
            territoire_communes,
            territoire_epcis,
            territoire_departements,
            territoire_regions,
        ],
    )
    objects = StructureQuerySet.as_manager()

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["nom"]
        indexes = [
            models.Index(fields=["statut", "region"]),
            models.Index(fields=["source", "source_id"]),
            models.Index(fields=["famille"]),
        ]

    def __str__(self):
        return self.nom

    def save(self, *args, **kwargs):
        self.description = nettoyer_html(self.description)
        if not self.famille_forcee and self.categorie_juridique:
            self.famille = self.famille_deduite() or self.famille
        if self.siret and not self.siren:
            self.siren = self.siret[:9]
        if not self.slug:
            self.slug = self._slug_unique()
        if self.statut == StatutStructure.PUBLIEE and not self.publiee_le:
            self.publiee_le = timezone.now()
        if self.pk and kwargs.get("update_fields") is None:
            self._copier_lieu_principal()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("annuaire:fiche", args=[self.slug])

    def _copier_lieu_principal(self):
        """A stale instance must never overwrite the main place's denormalised copy."""
        lieu = self.lieux.select_related("commune").order_by("-principal", "pk").first()
        if lieu is not None:
            self.commune_id, self.region_id = lieu.commune_id, lieu.commune.region_id
            self.latitude, self.longitude = lieu.latitude, lieu.longitude

    @property
    def region_code(self) -> str | None:
        return self.region_id

    @property
    def est_publiee(self) -> bool:
        return self.statut == StatutStructure.PUBLIEE

    def est_gere_par(self, user) -> bool:
        if not (user and user.is_authenticated and self.pk):
            return False
        return Gestion.objects.filter(structure=self, utilisateur=user).exists()

    @property
    def lieu_principal(self):
        return self.lieux.filter(principal=True).first() or self.lieux.first()

    def famille_deduite(self) -> str:
        return famille_depuis_categorie(self.categorie_juridique, est_ess=True) or ""

    def _slug_unique(self) -> str:
        base = slugify(self.nom)[:100] or "structure"
        candidat, n = base, 2
        while (
            candidat in SLUGS_RESERVES or Structure.objects.filter(slug=candidat).exclude(pk=self.pk).exists()
        ):
            candidat, n = f"{base}-{n}", n + 1
        return candidat


class Gestion(models.Model):
    """A person managing a record (after registration, claim or staff assignment)."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="gestions")
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gestions"
    )
    role = models.CharField(
        _("rôle"), max_length=12, choices=RoleGestion.choices, default=RoleGestion.RESPONSABLE
    )
    depuis_le = models.DateTimeField(_("depuis le"), default=timezone.now)

    class Meta:
        verbose_name = _("gestion de fiche")
        verbose_name_plural = _("gestions de fiches")
        constraints = [models.UniqueConstraint(fields=["structure", "utilisateur"], name="gestion_unique")]

    def __str__(self):
        return f"{self.utilisateur} → {self.structure}"


class Lieu(models.Model):
    """An establishment or place where the organisation receives people."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="lieux")
    nom = models.CharField(_("nom du lieu"), max_length=200, blank=True)
    siret = models.CharField(_("SIRET de l'établissement"), max_length=14, blank=True)
    adresse = models.CharField(_("adresse"), max_length=300, blank=True)
    code_postal = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.ForeignKey("territoires.Commune", on_delete=models.PROTECT, related_name="+")
    latitude = models.FloatField(null=True, blank=True, validators=LATITUDE)
    longitude = models.FloatField(null=True, blank=True, validators=LONGITUDE)
    etat_geocodage = models.CharField(
        _("géocodage"), max_length=12, choices=EtatGeocodage.choices, default=EtatGeocodage.A_GEOCODER
    )
    score_geocodage = models.FloatField(null=True, blank=True)
    horaires = models.TextField(_("horaires d'ouverture"), blank=True)
    principal = models.BooleanField(_("lieu principal"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        ordering = ["-principal", "nom", "pk"]

    def __str__(self):
        return self.nom or self.adresse_complete

    @property
    def region_code(self):
        return self.structure.region_code

    @property
    def adresse_complete(self) -> str:
        ville = f"{self.code_postal} {self.commune.nom}".strip() if self.commune_id else self.code_postal
        return ", ".join(p for p in (self.adresse, ville) if p)
