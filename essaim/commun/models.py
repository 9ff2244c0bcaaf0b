"""Base models and the background-work tracker shared by every app."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .fichiers import stockage_prive
from .statuts import declarer_transitions


class Horodate(models.Model):
    cree_le = models.DateTimeField(_("créé le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        abstract = True


class StatutTravail(models.TextChoices):
    EN_ATTENTE = "en_attente", _("En attente")
    EN_COURS = "en_cours", _("En cours")
    TERMINE = "termine", _("Terminé")
    ECHEC = "echec", _("Échec")


# A task runs once: queued, then running, then done or failed (failed also when it never starts).
declarer_transitions(
    StatutTravail,
    {
        StatutTravail.EN_ATTENTE: {StatutTravail.EN_COURS, StatutTravail.ECHEC},
        StatutTravail.EN_COURS: {StatutTravail.TERMINE, StatutTravail.ECHEC},
    },
)


class Travail(Horodate):
    """A piece of background work (import, PDF report, e-mail batch) and its visible progress.

    Created by ``essaim.commun.taches.lancer``; the task updates ``fait``/``total`` as it goes,
    and the page ``/taches/<id>/`` polls it with htmx.
    """

    nature = models.CharField(_("nature"), max_length=100)
    libelle = models.CharField(_("libellé"), max_length=300)
    statut = models.CharField(max_length=20, choices=StatutTravail.choices, default=StatutTravail.EN_ATTENTE)
    fait = models.PositiveBigIntegerField(default=0)
    total = models.PositiveBigIntegerField(null=True, blank=True)
    message = models.TextField(blank=True)
    resultat = models.JSONField(default=dict, blank=True)
    # Reports and exports may hold personal data: private storage, sent by commun:travail_fichier.
    fichier = models.FileField(upload_to="travaux/%Y/%m/", blank=True, storage=stockage_prive)
    cree_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    region_code = models.CharField(max_length=3, blank=True)
    debut = models.DateTimeField(null=True, blank=True)
    fin = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tâche de fond")
        verbose_name_plural = _("tâches de fond")
        ordering = ["-cree_le"]

    def __str__(self):
        return self.libelle

    def get_absolute_url(self):
        return reverse("commun:travail", args=[self.pk])

    @property
    def pourcentage(self) -> int | None:
        if not self.total:
            return None
        return min(100, round(100 * self.fait / self.total))

    @property
    def est_fini(self) -> bool:
        return self.statut in (StatutTravail.TERMINE, StatutTravail.ECHEC)

    def est_gere_par(self, user) -> bool:
        return user.is_authenticated and self.cree_par_id == user.pk


class DocumentGenere(models.Model):
    """A heavy document (PDF/DOCX report, portrait) built once per version of its data.

    ``generateur`` is the dotted path of the function that builds it from ``objet``; ``version``
    hashes the state of the data it shows. Unique together: whatever the number of requests,
    processes or servers, one version is built by one job. See ``essaim.commun.documents``.
    """

    generateur = models.CharField(max_length=200)
    objet = models.CharField(max_length=200)
    version = models.CharField(max_length=64)
    nom_fichier = models.CharField(max_length=200)
    # Public data today, but only ever sent by a view: the private storage (no media URL).
    fichier = models.FileField(upload_to="documents/%Y/%m/", storage=stockage_prive, blank=True)
    travail = models.ForeignKey(Travail, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    demandeur = models.CharField(max_length=64, blank=True, db_index=True)
    cree_le = models.DateTimeField(auto_now_add=True)
    pret_le = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("document généré")
        verbose_name_plural = _("documents générés")
        constraints = [
            models.UniqueConstraint(fields=["generateur", "objet", "version"], name="document_genere_unique")
        ]

    def __str__(self):
        return self.nom_fichier

    @property
    def pret(self) -> bool:
        return self.pret_le is not None and bool(self.fichier)
