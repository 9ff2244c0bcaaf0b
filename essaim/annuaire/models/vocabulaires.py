"""Vocabularies of the directory (seeded by ``reference.charger``, editable by staff)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.commun.bornes import ORDRE_MAX, entre


class Theme(models.Model):
    """A transition theme (ADEME TEE domains and CartEco categories), hierarchical."""

    code = models.SlugField(_("code"), max_length=80, unique=True)
    libelle = models.CharField(_("libellé"), max_length=200)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="enfants",
        verbose_name=_("parent"),
    )
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=0, validators=entre(0, ORDRE_MAX))

    class Meta:
        verbose_name = _("thème de transition")
        verbose_name_plural = _("thèmes de transition")
        ordering = ["ordre", "libelle"]

    def __str__(self):
        return f"{self.parent.libelle} › {self.libelle}" if self.parent_id else self.libelle


class Transition(models.Model):
    code = models.SlugField(_("code"), max_length=30, unique=True)
    libelle = models.CharField(_("libellé"), max_length=100)

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["code"]

    def __str__(self):
        return self.libelle


class Agrement(models.Model):
    """A statute or approval (ESUS, SCOP, SIAE-ACI...)."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    libelle = models.CharField(_("libellé"), max_length=200)

    class Meta:
        verbose_name = _("statut ou agrément")
        verbose_name_plural = _("statuts et agréments")
        ordering = ["code"]

    def __str__(self):
        return self.code if self.libelle == self.code else f"{self.code} — {self.libelle}"
