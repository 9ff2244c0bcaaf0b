"""Collaborative flows around records: claims, reports, pending edits, moderation settings,
duplicates declared distinct, imports."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.commun.bornes import entre
from essaim.commun.fichiers import stockage_prive

from ..enums import (
    ModeModeration,
    MotifSignalement,
    StatutDemande,
)
from .structures import Structure

# --- Collaborative flows -----------------------------------------------------------------


class Demande(models.Model):
    """Common part of claims, reports and pending edits: a moderation item."""

    statut = models.CharField(
        _("statut"),
        max_length=12,
        choices=StatutDemande.choices,
        default=StatutDemande.EN_ATTENTE,
        db_index=True,
    )
    cree_le = models.DateTimeField(_("créée le"), auto_now_add=True)
    traitee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    traitee_le = models.DateTimeField(null=True, blank=True)
    reponse = models.TextField(_("message de réponse"), blank=True)

    class Meta:
        abstract = True
        ordering = ["cree_le"]

    @property
    def region_code(self):
        return self.structure.region_code


class Revendication(Demande):
    """A person asks to manage an existing record."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="revendications")
    demandeur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="revendications"
    )
    fonction = models.CharField(_("votre fonction dans la structure"), max_length=150, blank=True)
    message = models.TextField(_("message"), blank=True)
    auto_approuvee = models.BooleanField(default=False)

    class Meta(Demande.Meta):
        verbose_name = _("revendication de fiche")
        verbose_name_plural = _("revendications de fiches")

    def __str__(self):
        return f"{self.demandeur} revendique {self.structure}"


class Signalement(Demande):
    """A visitor reports an error on a public record."""

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="signalements")
    motif = models.CharField(_("motif"), max_length=12, choices=MotifSignalement.choices)
    commentaire = models.TextField(_("commentaire"), blank=True, max_length=2000)
    email = models.EmailField(_("votre e-mail (facultatif, pour vous répondre)"), blank=True)
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    empreinte_ip = models.CharField(max_length=64, blank=True, db_index=True)

    class Meta(Demande.Meta):
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")

    def __str__(self):
        return f"{self.get_motif_display()} — {self.structure}"


class ModificationEnAttente(Demande):
    """An edit of a published record waiting for moderation (pre-moderated régions).

    ``donnees`` holds the proposed values (JSON-serialisable, M2M as lists of codes);
    ``version_base`` the record version the author started from.
    """

    structure = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="modifications")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    donnees = models.JSONField(default=dict)
    version_base = models.PositiveIntegerField(default=1)

    class Meta(Demande.Meta):
        verbose_name = _("modification en attente")
        verbose_name_plural = _("modifications en attente")

    def __str__(self):
        return f"Modification de {self.structure}"


class ReglageRegion(models.Model):
    """Per-région moderation settings."""

    region = models.OneToOneField("territoires.Region", on_delete=models.CASCADE, primary_key=True)
    mode_moderation = models.CharField(
        _("mode de modération"),
        max_length=12,
        choices=ModeModeration.choices,
        default=ModeModeration.A_PRIORI,
    )
    delai_fraicheur_jours = models.PositiveIntegerField(
        _("délai de fraîcheur (jours)"), default=365, validators=entre(1, 3650)
    )

    class Meta:
        verbose_name = _("réglage de modération")
        verbose_name_plural = _("réglages de modération")

    def __str__(self):
        return f"{self.region} : {self.get_mode_moderation_display()}"

    @property
    def region_code(self):
        return self.region_id


class PaireNonDoublon(models.Model):
    """Two records staff checked and declared distinct (hidden from duplicate candidates)."""

    structure_a = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="+")
    structure_b = models.ForeignKey(Structure, on_delete=models.CASCADE, related_name="+")
    par = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    cree_le = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["structure_a", "structure_b"], name="paire_unique")]

    def __str__(self):
        return f"{self.structure_a_id} ≠ {self.structure_b_id}"


class ImportStructures(models.Model):
    """An uploaded file waiting for its column mapping, then run (dry run or real)."""

    fichier = models.FileField(upload_to="annuaire/imports/%Y/%m/", storage=stockage_prive)
    nom_original = models.CharField(max_length=255)
    source = models.CharField(_("nom de la source"), max_length=50, default="import")
    correspondance = models.JSONField(default=dict, blank=True)
    rapport = models.JSONField(default=dict, blank=True)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    region = models.ForeignKey("territoires.Region", on_delete=models.PROTECT, null=True, blank=True)
    travail = models.ForeignKey(
        "commun.Travail", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cree_le = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("import de structures")
        verbose_name_plural = _("imports de structures")
        ordering = ["-cree_le"]

    def __str__(self):
        return self.nom_original

    @property
    def region_code(self):
        return self.region_id
