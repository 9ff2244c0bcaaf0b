"""A referral of a directory structure to the DLA (Dispositif local d'accompagnement) of its
département, or to the regional DLA; its follow-up is a ``Suivi`` of nature "dla"."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from essaim.commun.ess import Transition
from essaim.commun.models import Horodate

from ..enums import BesoinDLA, EtapeDLA, IssueDLA
from .suivis import Suivi


class Orientation(Horodate):
    suivi = models.OneToOneField(Suivi, on_delete=models.CASCADE, related_name="orientation")
    structure = models.ForeignKey(
        "annuaire.Structure",
        on_delete=models.PROTECT,
        related_name="orientations_dla",
        verbose_name=_("structure orientée"),
    )
    region = models.ForeignKey(
        "territoires.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("région")
    )
    departement = models.ForeignKey(
        "territoires.Departement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("DLA départemental"),
        help_text=_("Vide : DLA régional."),
    )
    besoin = models.CharField(_("besoin"), max_length=24, choices=BesoinDLA.choices)
    domaine = models.CharField(
        _("domaine de transition"), max_length=20, choices=Transition.choices, blank=True
    )
    prescripteur = models.CharField(_("prescripteur"), max_length=200, blank=True)
    date_orientation = models.DateField(_("date d'orientation"), default=timezone.localdate)
    statut = models.CharField(_("étape"), max_length=12, choices=EtapeDLA.choices, default=EtapeDLA.ORIENTEE)
    date_diagnostic = models.DateField(_("date du diagnostic"), null=True, blank=True)
    date_fin = models.DateField(_("date de fin"), null=True, blank=True)
    issue = models.CharField(_("issue"), max_length=12, choices=IssueDLA.choices, blank=True)
    freins = models.ManyToManyField(
        "conference.TransitionConference",
        blank=True,
        related_name="+",
        verbose_name=_("freins à lever (synthèses de conférence)"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("orientation DLA")
        verbose_name_plural = _("orientations DLA")
        ordering = ["-date_orientation", "-pk"]

    def __str__(self):
        return f"{self.structure} — {self.get_besoin_display()}"

    @property
    def region_code(self):
        return self.region_id

    @property
    def annee(self) -> int:
        return self.date_orientation.year

    def clean(self):
        erreurs = {}
        if self.structure_id and self.region_id and self.structure.region_id != self.region_id:
            erreurs["structure"] = _(
                "La structure « %(nom)s » est hors de la région %(region)s "
                "(son lieu principal est %(lieu)s) : "
                "orientez-la vers le DLA de sa propre région."
            ) % {
                "nom": self.structure.nom,
                "region": self.region.nom,
                "lieu": self.structure.commune or _("inconnu"),
            }
        if self.departement_id and self.region_id and self.departement.region_id != self.region_id:
            erreurs["departement"] = _("Le département %(d)s n'est pas dans la région %(r)s.") % {
                "d": self.departement,
                "r": self.region.nom,
            }
        if self.date_fin and self.date_orientation and self.date_fin < self.date_orientation:
            erreurs["date_fin"] = _("La fin ne peut pas précéder l'orientation.")
        if erreurs:
            raise ValidationError(erreurs)
