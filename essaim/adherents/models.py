"""Membership of the CRESS: which directory structures are members (adhérents), for which
years, directly or through a member network (tête de réseau) whose own members are listed."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from essaim.commun.bornes import ANNEE_MAX, ANNEE_MIN, entre
from essaim.commun.models import Horodate

from .enums import ModeAdhesion, StatutAdhesion


class Reseau(Horodate):
    """A member network of the CRESS (tête de réseau): a directory structure and its members."""

    structure = models.OneToOneField(
        "annuaire.Structure",
        on_delete=models.PROTECT,
        related_name="reseau_cress",
        verbose_name=_("tête de réseau"),
    )
    region = models.ForeignKey(
        "territoires.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("région")
    )
    description = models.TextField(_("description"), blank=True)
    membres = models.ManyToManyField(
        "annuaire.Structure", blank=True, related_name="reseaux_cress", verbose_name=_("membres du réseau")
    )
    history = HistoricalRecords(m2m_fields=[membres])

    class Meta:
        verbose_name = _("réseau adhérent")
        verbose_name_plural = _("réseaux adhérents")
        ordering = ["structure__nom"]

    def __str__(self):
        return self.structure.nom

    @property
    def region_code(self):
        return self.region_id


class Adhesion(Horodate):
    """One structure's membership of the CRESS of a région for one year."""

    structure = models.ForeignKey(
        "annuaire.Structure",
        on_delete=models.CASCADE,
        related_name="adhesions_cress",
        verbose_name=_("structure"),
    )
    region = models.ForeignKey(
        "territoires.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("région")
    )
    annee = models.PositiveSmallIntegerField(_("année"), validators=entre(ANNEE_MIN, ANNEE_MAX))
    mode = models.CharField(
        _("mode"), max_length=8, choices=ModeAdhesion.choices, default=ModeAdhesion.DIRECTE
    )
    reseau = models.ForeignKey(
        Reseau,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adhesions",
        verbose_name=_("réseau"),
    )
    statut = models.CharField(
        _("statut"), max_length=12, choices=StatutAdhesion.choices, default=StatutAdhesion.EN_ATTENTE
    )
    debut = models.DateField(_("début"))
    fin = models.DateField(_("fin"), null=True, blank=True)
    badge_public = models.BooleanField(
        _("badge public"),
        default=False,
        help_text=_("La structure accepte que « adhérent de la CRESS » figure sur sa fiche publique."),
    )
    note = models.TextField(_("note interne"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("adhésion à la CRESS")
        verbose_name_plural = _("adhésions à la CRESS")
        ordering = ["-annee", "structure__nom"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "region", "annee"], name="adhesion_unique_par_an")
        ]

    def __str__(self):
        return f"{self.structure} — {self.annee}"

    @property
    def region_code(self):
        return self.region_id

    def est_gere_par(self, user) -> bool:
        return self.structure.est_gere_par(user)

    def clean(self):
        erreurs = {}
        if self.mode == ModeAdhesion.RESEAU and not self.reseau_id:
            erreurs["reseau"] = _("Une adhésion via un réseau nomme ce réseau.")
        if self.mode == ModeAdhesion.DIRECTE and self.reseau_id:
            erreurs["reseau"] = _("Une adhésion directe ne passe pas par un réseau : videz ce champ.")
        if self.debut and self.fin and self.fin < self.debut:
            erreurs["fin"] = _("La fin (%(fin)s) précède le début (%(debut)s).") % {
                "fin": self.fin.strftime("%d/%m/%Y"),
                "debut": self.debut.strftime("%d/%m/%Y"),
            }
        if self.debut and self.annee and self.debut.year != self.annee and not self.fin:
            erreurs["debut"] = _("Le début (%(debut)s) n'est pas dans l'année %(annee)s.") % {
                "debut": self.debut.strftime("%d/%m/%Y"),
                "annee": self.annee,
            }
        if self.structure_id and self.region_id and self.structure.region_id not in (None, self.region_id):
            erreurs["structure"] = _(
                "« %(nom)s » est dans une autre région (%(region)s) : elle adhère à la CRESS de sa région."
            ) % {"nom": self.structure.nom, "region": self.structure.region.nom}
        if erreurs:
            raise ValidationError(erreurs)
