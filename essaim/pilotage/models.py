"""Strategic plans of a CRESS: priorities, objectives, indicators with their measures, actions.

A ``Plan`` belongs to a région and spans whole years (2022–2025). Its ``Priorite`` rows are the
priorities and the cross-cutting conditions (``nature``), ordered. An ``Objectif`` hangs under
one of them, with an owner (``responsable``), a status (``commun.statuts``) and indicators.
An ``Indicateur`` is entered by hand or computed by a named computation of
``commun.indicateurs`` (``mode``, ``calcul``, ``parametres``); its ``Mesure`` rows are one value
per period, each with its date, comment, evidence and author — for automatic indicators a
snapshot with its computation date that never moves afterwards.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from essaim.commun.bornes import ANNEE_MAX, ANNEE_MIN, ENTIER_MAX, ORDRE_MAX, entre
from essaim.commun.fichiers import stockage_prive
from essaim.commun.models import Horodate

from .enums import (
    Frequence,
    Mode,
    NaturePriorite,
    Sens,
    StatutAction,
    StatutObjectif,
    TypeObjectif,
    TypeValeur,
)

# Values of indicators: a thousand billion either way is beyond any figure of a région.
VALEUR_MAX = Decimal("999999999999")
BORNES_VALEUR = [
    MinValueValidator(-VALEUR_MAX, message=_("Valeur invraisemblable : au moins -999 999 999 999.")),
    MaxValueValidator(VALEUR_MAX, message=_("Valeur invraisemblable : au plus 999 999 999 999.")),
]


def champ_valeur(libelle, **options):
    return models.DecimalField(libelle, max_digits=14, decimal_places=2, validators=BORNES_VALEUR, **options)


class Plan(Horodate):
    region = models.ForeignKey(
        "territoires.Region", on_delete=models.PROTECT, related_name="plans", verbose_name=_("région")
    )
    slug = models.SlugField(_("identifiant d'URL"), max_length=80, unique=True)
    titre = models.CharField(_("titre"), max_length=250)
    annee_debut = models.PositiveSmallIntegerField(
        _("première année"), validators=entre(ANNEE_MIN, ANNEE_MAX)
    )
    annee_fin = models.PositiveSmallIntegerField(_("dernière année"), validators=entre(ANNEE_MIN, ANNEE_MAX))
    ambition = models.TextField(_("ambition"), blank=True)
    principes = models.TextField(_("principes d'action"), blank=True, help_text=_("Un par ligne."))
    publics = models.TextField(_("publics visés"), blank=True)
    document_source = models.CharField(_("document source"), max_length=300, blank=True)
    public = models.BooleanField(_("public"), default=False, help_text=_("Lisible par tout le monde."))
    partage_avec = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="plans_partages",
        verbose_name=_("partagé avec"),
        help_text=_("Partenaires qui peuvent lire ce plan même s'il n'est pas public."),
    )
    demo = models.BooleanField(_("démonstration"), default=False)

    history = HistoricalRecords(m2m_fields=[partage_avec])

    class Meta:
        verbose_name = _("plan stratégique")
        verbose_name_plural = _("plans stratégiques")
        ordering = ["-annee_debut", "titre"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(annee_fin__gte=models.F("annee_debut")), name="plan_annees_ordonnees"
            )
        ]

    def __str__(self):
        return f"{self.titre} ({self.periode})"

    def get_absolute_url(self):
        return reverse("pilotage:plan", args=[self.slug])

    @property
    def periode(self) -> str:
        return f"{self.annee_debut}–{self.annee_fin}"

    @property
    def region_code(self):
        return self.region_id

    def liste_principes(self) -> list[str]:
        return [ligne.strip() for ligne in self.principes.splitlines() if ligne.strip()]


class Priorite(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorites")
    nature = models.CharField(_("nature"), max_length=20, choices=NaturePriorite.choices, default="priorite")
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=1, validators=entre(0, ORDRE_MAX))
    titre = models.CharField(_("libellé"), max_length=400)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("priorité")
        verbose_name_plural = _("priorités")
        ordering = ["plan", "nature", "ordre", "pk"]

    def __str__(self):
        return self.titre

    @property
    def region_code(self):
        return self.plan.region_id


class Objectif(Horodate):
    priorite = models.ForeignKey(
        Priorite, on_delete=models.CASCADE, related_name="objectifs", verbose_name=_("priorité")
    )
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=1, validators=entre(0, ORDRE_MAX))
    titre = models.CharField(_("titre"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    type = models.CharField(_("type"), max_length=20, choices=TypeObjectif.choices, default="quantitatif")
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="objectifs_pilotes",
        verbose_name=_("responsable"),
    )
    partenaires = models.TextField(_("partenaires"), blank=True, help_text=_("Un par ligne."))
    statut = models.CharField(
        _("statut"), max_length=20, choices=StatutObjectif.choices, default=StatutObjectif.NON_COMMENCE
    )
    horizon = models.DateField(_("horizon"), null=True, blank=True)
    demo = models.BooleanField(_("démonstration"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objectif")
        verbose_name_plural = _("objectifs")
        ordering = ["priorite", "ordre", "pk"]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("pilotage:objectif", args=[self.plan.slug, self.pk])

    @property
    def plan(self) -> Plan:
        return self.priorite.plan

    @property
    def region_code(self):
        return self.priorite.plan.region_id

    def est_gere_par(self, user) -> bool:
        return bool(user.is_authenticated and self.responsable_id == user.pk)

    def liste_partenaires(self) -> list[str]:
        return [ligne.strip() for ligne in self.partenaires.splitlines() if ligne.strip()]


class Indicateur(Horodate):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicateurs", editable=False)
    objectif = models.ForeignKey(
        Objectif, on_delete=models.CASCADE, related_name="indicateurs", verbose_name=_("objectif")
    )
    code = models.SlugField(_("code"), max_length=80, help_text=_("Stable : ne change pas une fois utilisé."))
    libelle = models.CharField(_("libellé"), max_length=300)
    unite = models.CharField(_("unité"), max_length=40, help_text=_("Par exemple : fiches, structures, %."))
    type_valeur = models.CharField(
        _("type de valeur"), max_length=20, choices=TypeValeur.choices, default=TypeValeur.NOMBRE
    )
    reference = champ_valeur(_("valeur de référence"), null=True, blank=True)
    date_reference = models.DateField(_("date de la référence"), null=True, blank=True)
    cible = champ_valeur(_("cible"), null=True, blank=True)
    date_cible = models.DateField(_("date de la cible"), null=True, blank=True)
    sens = models.CharField(_("sens"), max_length=10, choices=Sens.choices, default=Sens.HAUSSE)
    frequence = models.CharField(
        _("fréquence"), max_length=20, choices=Frequence.choices, default=Frequence.ANNUELLE
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    mode = models.CharField(_("mode"), max_length=20, choices=Mode.choices, default=Mode.MANUEL)
    calcul = models.CharField(_("calcul"), max_length=80, blank=True)
    parametres = models.JSONField(_("paramètres du calcul"), default=dict, blank=True)
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=1, validators=entre(0, ORDRE_MAX))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")
        ordering = ["objectif", "ordre", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="indicateur_code_unique_par_plan")
        ]

    def __str__(self):
        return f"{self.libelle} ({self.code})"

    def save(self, *args, **kwargs):
        self.plan_id = self.objectif.priorite.plan_id
        super().save(*args, **kwargs)

    def clean(self):
        from .services.validation import erreurs_indicateur

        erreurs_indicateur(self)

    @property
    def region_code(self):
        return self.plan.region_id

    @property
    def automatique(self) -> bool:
        return self.mode == Mode.AUTOMATIQUE

    def est_gere_par(self, user) -> bool:
        return self.objectif.est_gere_par(user)


class Mesure(Horodate):
    indicateur = models.ForeignKey(Indicateur, on_delete=models.CASCADE, related_name="mesures")
    periode = models.CharField(_("période"), max_length=10)
    valeur = champ_valeur(_("valeur"), null=True, blank=True)
    date = models.DateField(_("date de la mesure"))
    commentaire = models.TextField(_("commentaire"), blank=True)
    preuve_lien = models.URLField(_("preuve (lien)"), max_length=500, blank=True)
    preuve_fichier = models.FileField(
        _("preuve (fichier)"), upload_to="pilotage/preuves/%Y/", storage=stockage_prive, blank=True
    )
    saisie_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saisie par"),
    )
    # Optimistic lock: a correction names the version it started from (see services.mesures).
    version = models.PositiveIntegerField(default=1, validators=entre(1, ENTIER_MAX), editable=False)
    # Automatic indicators: a snapshot of the computation, kept as it was on that date.
    calculee_le = models.DateTimeField(_("calculée le"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mesure")
        verbose_name_plural = _("mesures")
        ordering = ["indicateur", "periode"]
        constraints = [
            models.UniqueConstraint(fields=["indicateur", "periode"], name="mesure_unique_par_periode")
        ]

    def __str__(self):
        return f"{self.indicateur.code} {self.periode} : {self.valeur}"

    @property
    def region_code(self):
        return self.indicateur.plan.region_id

    def est_gere_par(self, user) -> bool:
        return self.indicateur.est_gere_par(user)


class NoteAvancement(Horodate):
    """Dated progress note of an objective (qualitative ones above all), per period."""

    objectif = models.ForeignKey(Objectif, on_delete=models.CASCADE, related_name="notes")
    periode = models.CharField(_("période"), max_length=10)
    date = models.DateField(_("date"))
    texte = models.TextField(_("avancement"))
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("note d'avancement")
        verbose_name_plural = _("notes d'avancement")
        ordering = ["objectif", "-date", "-pk"]

    def __str__(self):
        return f"{self.objectif} — {self.periode}"

    @property
    def region_code(self):
        return self.objectif.region_code


class Action(Horodate):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    objectifs = models.ManyToManyField(
        Objectif, blank=True, related_name="actions", verbose_name=_("objectifs")
    )
    titre = models.CharField(_("titre"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    debut = models.DateField(_("début"), null=True, blank=True)
    fin = models.DateField(_("fin"), null=True, blank=True)
    statut = models.CharField(_("statut"), max_length=20, choices=StatutAction.choices, default="prevue")
    livrables = models.TextField(_("livrables"), blank=True, help_text=_("Un par ligne."))

    history = HistoricalRecords(m2m_fields=[objectifs])

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "debut", "pk"]

    def __str__(self):
        return self.titre

    @property
    def region_code(self):
        return self.plan.region_id

    def liste_livrables(self) -> list[str]:
        return [ligne.strip() for ligne in self.livrables.splitlines() if ligne.strip()]
