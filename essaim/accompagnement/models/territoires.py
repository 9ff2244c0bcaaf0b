"""Territories supported by the CRESS: one row per EPCI, its ESS-policy status and the history
of its changes, agreements (on its ``Suivi``), referents, transition projects and PTCE."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from essaim.commun.ess import Transition
from essaim.commun.models import Horodate

from ..enums import QualiteReferent, StatutPolitiqueESS
from .suivis import Suivi


class TerritoireAccompagne(Horodate):
    epci = models.OneToOneField(
        "territoires.EPCI", on_delete=models.PROTECT, related_name="accompagnement", verbose_name=_("EPCI")
    )
    region = models.ForeignKey(
        "territoires.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("région")
    )
    # Copy of the latest ChangementStatut (by date): kept by services.territoires only.
    statut_politique_ess = models.CharField(
        _("politique ESS"), max_length=14, choices=StatutPolitiqueESS.choices, blank=True, editable=False
    )
    pilote = models.BooleanField(_("territoire pilote"), default=False)
    suivi = models.OneToOneField(Suivi, on_delete=models.PROTECT, related_name="territoire")
    ptce = models.ManyToManyField(
        "annuaire.Structure", blank=True, related_name="+", verbose_name=_("PTCE présents")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("territoire accompagné")
        verbose_name_plural = _("territoires accompagnés")
        ordering = ["epci__nom"]

    def __str__(self):
        return str(self.epci)

    def get_absolute_url(self):
        return reverse("accompagnement:territoire", args=[self.epci_id])

    @property
    def region_code(self):
        return self.region_id


class ChangementStatut(models.Model):
    territoire = models.ForeignKey(TerritoireAccompagne, on_delete=models.CASCADE, related_name="changements")
    statut = models.CharField(_("politique ESS"), max_length=14, choices=StatutPolitiqueESS.choices)
    date = models.DateField(_("date du changement"))
    commentaire = models.TextField(_("commentaire"), blank=True)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cree_le = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("changement de statut de la politique ESS")
        verbose_name_plural = _("changements de statut de la politique ESS")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.territoire} — {self.get_statut_display()} ({self.date})"

    @property
    def region_code(self):
        return self.territoire.region_code

    def clean(self):
        if not self.date:
            raise ValidationError(
                {"date": _("Indiquez la date du changement de statut : elle est obligatoire.")}
            )


class Referent(models.Model):
    territoire = models.ForeignKey(TerritoireAccompagne, on_delete=models.CASCADE, related_name="referents")
    qualite = models.CharField(_("qualité"), max_length=8, choices=QualiteReferent.choices)
    nom = models.CharField(_("nom"), max_length=200)
    fonction = models.CharField(_("fonction"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("référent·e")
        verbose_name_plural = _("référent·es")
        ordering = ["qualite", "nom"]

    def __str__(self):
        return self.nom

    @property
    def region_code(self):
        return self.territoire.region_code


class ProjetTransition(Horodate):
    territoire = models.ForeignKey(TerritoireAccompagne, on_delete=models.CASCADE, related_name="projets")
    intitule = models.CharField(_("intitulé"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    domaine = models.CharField(_("transition"), max_length=20, choices=Transition.choices, blank=True)
    debut = models.DateField(_("début"), null=True, blank=True)
    structures = models.ManyToManyField(
        "annuaire.Structure", blank=True, related_name="+", verbose_name=_("structures de l'ESS associées")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("projet de transition")
        verbose_name_plural = _("projets de transition")
        ordering = ["-debut", "intitule"]

    def __str__(self):
        return self.intitule

    @property
    def region_code(self):
        return self.territoire.region_code
