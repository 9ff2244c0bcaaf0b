"""Observatory data: SIRENE vintages (imports), the ESS legal units and establishments they kept,
aggregates precomputed at import time and aggregated figures received from INSEE or partners
(territory portraits are cached documents: essaim.commun.documents).

A vintage's rows are written while it is ``en_cours`` and only read by the public pages once it
is ``publie``: the swap is one UPDATE of two ``Millesime`` rows in one transaction, so users never
see a half-imported state (the staging area is the in-progress vintage itself).
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from essaim.commun.bornes import ANNEE_MAX, ANNEE_MIN, EMPLOIS_MAX, ETABLISSEMENTS_MAX, entre
from essaim.commun.ess import FamilleESS
from essaim.territoires.enums import Niveau

from .enums import Perimetre, StatutMillesime


class Millesime(models.Model):
    """One import of the SIRENE stocks: source files, stock date, perimeter, counts, checkpoint."""

    source = models.CharField(_("source"), max_length=200, default="INSEE, base SIRENE (stocks)")
    fichier_unites_legales = models.CharField(_("fichier des unités légales"), max_length=500)
    fichier_etablissements = models.CharField(_("fichier des établissements"), max_length=500)
    empreinte = models.CharField(_("empreinte des fichiers"), max_length=64, db_index=True)
    date_stock = models.DateField(_("date du stock"), null=True, blank=True)
    perimetre = models.CharField(_("périmètre"), max_length=10, choices=Perimetre.choices)
    regions = models.CharField(
        _("régions importées"), max_length=200, blank=True, help_text=_("vide : toute la France")
    )
    statut = models.CharField(
        max_length=10, choices=StatutMillesime.choices, default=StatutMillesime.EN_COURS
    )
    demo = models.BooleanField(_("données de démonstration synthétiques"), default=False)
    # Checkpoint: source rows already processed (committed with the batch they belong to).
    etape = models.CharField(max_length=20, default="unites_legales")
    lignes_ul_traitees = models.BigIntegerField(default=0)
    lignes_etab_traitees = models.BigIntegerField(default=0)
    compteurs = models.JSONField(_("compteurs"), default=dict, blank=True)
    totaux_communes = models.JSONField(default=dict, blank=True, editable=False)
    debut = models.DateTimeField(auto_now_add=True)
    fin = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("millésime SIRENE")
        verbose_name_plural = _("millésimes SIRENE")
        ordering = ["-date_stock", "-debut"]

    def __str__(self):
        return f"{self.source} — {self.libelle_date} ({self.get_statut_display()})"

    @property
    def libelle_date(self):
        return self.date_stock.strftime("%d/%m/%Y") if self.date_stock else "?"

    @property
    def annee(self):
        return self.date_stock.year if self.date_stock else None

    @property
    def libelle_perimetre(self) -> str:
        if self.perimetre == Perimetre.FLAG:
            texte = gettext("ESS : unités légales marquées ESS dans SIRENE")
        else:
            texte = gettext("ESS : catégories juridiques des familles de l'ESS")
        if self.regions:
            texte += gettext(" ; régions importées : %(regions)s") % {"regions": self.regions}
        return texte + gettext(" ; établissements actifs")


class PublicationMillesime(models.Model):
    """Who published which vintage, when, in place of which one: the published vintage decides
    every figure of the site, so each change leaves a trace (by import or by a staff member)."""

    millesime = models.ForeignKey(Millesime, on_delete=models.CASCADE, related_name="publications")
    precedent = models.ForeignKey(
        Millesime, on_delete=models.SET_NULL, null=True, blank=True, related_name="remplace_par"
    )
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    le = models.DateTimeField(_("publié le"), auto_now_add=True)

    class Meta:
        verbose_name = _("publication d'un millésime")
        verbose_name_plural = _("publications des millésimes")
        ordering = ["-le", "-pk"]

    def __str__(self):
        return f"{self.millesime} — {self.le:%d/%m/%Y %H:%M}"


class UniteLegale(models.Model):
    millesime = models.ForeignKey(Millesime, on_delete=models.CASCADE, related_name="unites_legales")
    siren = models.CharField(max_length=9)
    denomination = models.CharField(max_length=300, blank=True)
    sigle = models.CharField(max_length=50, blank=True)
    categorie_juridique = models.CharField(max_length=4, blank=True)
    famille = models.CharField(max_length=20, choices=FamilleESS.choices)
    activite = models.CharField(max_length=10, blank=True)
    tranche = models.CharField(max_length=2, blank=True)
    diffusible = models.BooleanField(default=True)
    active = models.BooleanField(default=True)
    employeur = models.BooleanField(default=False)
    flag_ess = models.BooleanField(default=False)
    nic_siege = models.CharField(max_length=5, blank=True)

    class Meta:
        verbose_name = _("unité légale de l'ESS")
        verbose_name_plural = _("unités légales de l'ESS")
        constraints = [models.UniqueConstraint(fields=["millesime", "siren"], name="obs_ul_unique")]

    def __str__(self):
        return f"{self.siren} {self.denomination}"


class Etablissement(models.Model):
    millesime = models.ForeignKey(Millesime, on_delete=models.CASCADE, related_name="etablissements")
    siret = models.CharField(max_length=14)
    siren = models.CharField(max_length=9)
    siege = models.BooleanField(default=False)
    code_commune_source = models.CharField(max_length=5, blank=True)
    commune = models.CharField(max_length=5, blank=True)
    epci = models.CharField(max_length=9, blank=True)
    departement = models.CharField(max_length=3, blank=True)
    region = models.CharField(max_length=3, blank=True)
    # False for head offices kept outside the imported régions (for the décret list's addresses).
    dans_perimetre = models.BooleanField(default=True)
    active = models.BooleanField(default=True)
    employeur = models.BooleanField(default=False)
    tranche = models.CharField(max_length=2, blank=True)
    activite = models.CharField(max_length=10, blank=True)
    section = models.CharField(max_length=1, blank=True)
    famille = models.CharField(max_length=20, choices=FamilleESS.choices)
    diffusible = models.BooleanField(default=True)
    adresse = models.CharField(max_length=300, blank=True)
    code_postal = models.CharField(max_length=5, blank=True)
    libelle_commune = models.CharField(max_length=100, blank=True)
    enseigne = models.CharField(max_length=200, blank=True)
    x_lambert = models.FloatField(null=True, blank=True)
    y_lambert = models.FloatField(null=True, blank=True)

    class Meta:
        verbose_name = _("établissement de l'ESS")
        verbose_name_plural = _("établissements de l'ESS")
        constraints = [models.UniqueConstraint(fields=["millesime", "siret"], name="obs_etab_unique")]
        indexes = [models.Index(fields=["millesime", "region", "siren"], name="obs_etab_region")]

    def __str__(self):
        return self.siret


class Agregat(models.Model):
    """Counts of one vintage for one territory × family × NAF section × size range (INSEE code)."""

    millesime = models.ForeignKey(Millesime, on_delete=models.CASCADE, related_name="agregats")
    niveau = models.CharField(max_length=12, choices=Niveau.choices)
    code = models.CharField(max_length=9)
    famille = models.CharField(max_length=20, choices=FamilleESS.choices)
    section = models.CharField(max_length=1, blank=True)
    tranche = models.CharField(max_length=2, blank=True)
    etablissements = models.PositiveIntegerField(default=0)
    employeurs = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("agrégat")
        indexes = [models.Index(fields=["millesime", "niveau", "code"], name="obs_agregat_territoire")]

    def __str__(self):
        return f"{self.niveau}:{self.code} {self.famille} {self.section} {self.tranche}"


class TotalTerritoire(models.Model):
    """All active establishments of a territory (ESS or not): the denominator of the ESS share."""

    millesime = models.ForeignKey(Millesime, on_delete=models.CASCADE, related_name="totaux")
    niveau = models.CharField(max_length=12, choices=Niveau.choices)
    code = models.CharField(max_length=9)
    etablissements = models.PositiveIntegerField(default=0)
    employeurs = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["millesime", "niveau", "code"], name="obs_total_unique")
        ]

    def __str__(self):
        return f"{self.niveau}:{self.code}"


class ChiffreImporte(models.Model):
    """An aggregated figure received from INSEE or a partner (never mixed with another source)."""

    source = models.CharField(_("source"), max_length=200)
    millesime = models.CharField(_("millésime"), max_length=50)
    niveau = models.CharField(_("niveau"), max_length=12, choices=Niveau.choices)
    code = models.CharField(_("code du territoire"), max_length=9)
    famille = models.CharField(_("famille"), max_length=20, blank=True, help_text=_("vide : toutes familles"))
    secteur = models.CharField(_("secteur"), max_length=100, blank=True, help_text=_("vide : tous secteurs"))
    annee = models.PositiveSmallIntegerField(_("année"), validators=entre(ANNEE_MIN, ANNEE_MAX))
    etablissements_employeurs = models.PositiveIntegerField(
        _("établissements employeurs"), null=True, blank=True, validators=entre(0, ETABLISSEMENTS_MAX)
    )
    emplois = models.PositiveIntegerField(
        _("emplois salariés"), null=True, blank=True, validators=entre(0, EMPLOIS_MAX)
    )
    etp = models.DecimalField(
        _("équivalents temps plein"), max_digits=12, decimal_places=1, null=True, blank=True
    )
    masse_salariale = models.DecimalField(
        _("masse salariale (euros)"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    importe_le = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("chiffre importé")
        verbose_name_plural = _("chiffres importés")
        ordering = ["source", "-annee", "niveau", "code", "famille", "secteur"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "millesime", "niveau", "code", "famille", "secteur", "annee"],
                name="obs_chiffre_unique",
            )
        ]

    def __str__(self):
        return f"{self.source} {self.annee} {self.niveau}:{self.code}"


class DomaineTransition(models.Model):
    """A domain of the ecological and energy transition (ADEME TEE domains) that NAF codes map to."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    libelle = models.CharField(_("libellé"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=0, validators=entre(0, 999))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("domaine de la transition")
        verbose_name_plural = _("domaines de la transition")
        ordering = ["ordre", "libelle"]

    def __str__(self):
        return self.libelle


class CorrespondanceNAF(models.Model):
    """NAF rév. 2 sub-class → transition domain. Shipped with a documented default
    (data/correspondance_naf_domaines.csv), edited by staff with history."""

    code_naf = models.CharField(
        _("code NAF rév. 2 (sous-classe)"),
        max_length=6,
        unique=True,
        validators=[RegexValidator(r"^\d{2}\.\d{2}[A-Z]$", _("Forme attendue : 38.32Z (sous-classe NAF)."))],
    )
    libelle_naf = models.CharField(_("libellé NAF"), max_length=200, blank=True)
    domaine = models.ForeignKey(
        DomaineTransition, on_delete=models.PROTECT, related_name="codes_naf", verbose_name=_("domaine")
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    justification = models.CharField(_("justification"), max_length=300, blank=True)
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("correspondance NAF → domaine de la transition")
        verbose_name_plural = _("correspondances NAF → domaines de la transition")
        ordering = ["code_naf"]

    def __str__(self):
        return f"{self.code_naf} → {self.domaine}"
