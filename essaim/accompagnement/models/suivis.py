"""The one follow-up file (``Suivi``) and what hangs on it: a dated timeline (notes, mentoring
sessions, events, attachments), actions with due dates (next steps and milestones), agreements
and declared results. Laureates, DLA referrals and territories all use it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from essaim.commun.dates import date_longue
from essaim.commun.fichiers import stockage_prive
from essaim.commun.models import Horodate

from ..enums import ACTIONS_TERMINEES, NatureSuivi, Periode, StatutAction, StatutSuivi, TypeEvenement

MONTANT_MAX = 1_000_000_000


class Suivi(Horodate):
    nature = models.CharField(_("nature"), max_length=12, choices=NatureSuivi.choices, db_index=True)
    region = models.ForeignKey(
        "territoires.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("région")
    )
    titre = models.CharField(_("titre"), max_length=250)
    statut = models.CharField(
        _("statut"), max_length=12, choices=StatutSuivi.choices, default=StatutSuivi.EN_COURS
    )
    ouvert_le = models.DateField(_("ouvert le"), default=timezone.localdate)
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suivis_responsable",
        verbose_name=_("responsable"),
    )
    accompagnateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suivis_accompagnes",
        verbose_name=_("accompagnateur·rice"),
    )
    structure = models.ForeignKey(
        "annuaire.Structure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suivis",
        verbose_name=_("structure de l'annuaire"),
    )
    candidature = models.OneToOneField(
        "appels.Candidature",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suivi",
        verbose_name=_("candidature retenue"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("suivi")
        verbose_name_plural = _("suivis")
        ordering = ["-ouvert_le", "-pk"]
        indexes = [models.Index(fields=["nature", "region"])]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("accompagnement:suivi", args=[self.pk])

    @property
    def region_code(self) -> str:
        return self.region_id

    def est_gere_par(self, user) -> bool:
        """The followed structure's side: the laureate's applicant or a manager of the record."""
        if not (user and user.is_authenticated):
            return False
        if self.candidature_id and self.candidature.candidat_id == user.pk:
            return True
        return bool(self.structure_id and self.structure.est_gere_par(user))

    def fin_des_conventions(self):
        return self.conventions.aggregate(fin=models.Max("fin"))["fin"]

    def actions_en_retard(self):
        return self.actions.filter(echeance__lt=timezone.localdate()).exclude(statut__in=ACTIONS_TERMINEES)


def chemin_piece(instance, nom):
    return f"accompagnement/{instance.suivi_id}/{nom}"


class Evenement(Horodate):
    """A dated line of the timeline; ``interne`` ones are for staff and accompanying people."""

    suivi = models.ForeignKey(Suivi, on_delete=models.CASCADE, related_name="evenements")
    type = models.CharField(
        _("type"), max_length=12, choices=TypeEvenement.choices, default=TypeEvenement.NOTE
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    titre = models.CharField(_("titre"), max_length=250, blank=True)
    texte = models.TextField(_("texte"), blank=True)
    interne = models.BooleanField(
        _("note interne"),
        default=False,
        help_text=_("Visible du personnel et de l'accompagnement seulement."),
    )
    prochaines_etapes = models.TextField(_("prochaines étapes"), blank=True)
    accompagnateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accompagnateur·rice"),
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fichier = models.FileField(_("pièce jointe"), upload_to=chemin_piece, storage=stockage_prive, blank=True)
    nom_fichier = models.CharField(_("nom du fichier"), max_length=255, blank=True)

    history = HistoricalRecords(excluded_fields=["fichier"])

    class Meta:
        verbose_name = _("événement du suivi")
        verbose_name_plural = _("événements du suivi")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return self.titre or self.get_type_display()

    @property
    def region_code(self):
        return self.suivi.region_code


class Action(Horodate):
    """A next step or a milestone (``jalon``) with its due date: late when past and not done."""

    suivi = models.ForeignKey(Suivi, on_delete=models.CASCADE, related_name="actions")
    libelle = models.CharField(_("action"), max_length=250)
    echeance = models.DateField(_("échéance"))
    jalon = models.BooleanField(_("jalon"), default=False, help_text=_("Étape de la convention."))
    statut = models.CharField(
        _("statut"), max_length=12, choices=StatutAction.choices, default=StatutAction.A_FAIRE
    )
    responsable = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions_accompagnement",
        verbose_name=_("responsable"),
    )
    faite_le = models.DateField(_("faite le"), null=True, blank=True)
    alerte_le = models.DateField(_("retard signalé le"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["alerte_le"])

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["echeance", "pk"]

    def __str__(self):
        return self.libelle

    @property
    def region_code(self):
        return self.suivi.region_code

    @property
    def en_retard(self) -> bool:
        return self.statut not in ACTIONS_TERMINEES and self.echeance < timezone.localdate()

    def clean(self):
        if not (self.jalon and self.echeance and self.suivi_id):
            return
        fin = self.suivi.fin_des_conventions()
        if fin and self.echeance > fin:
            raise ValidationError(
                {
                    "echeance": _(
                        "Le jalon « %(libelle)s » tombe le %(echeance)s, après la fin de la convention "
                        "(%(fin)s). Choisissez une échéance au plus tard le %(fin)s "
                        "ou prolongez la convention."
                    )
                    % {
                        "libelle": self.libelle,
                        "echeance": date_longue(self.echeance),
                        "fin": date_longue(fin),
                    }
                }
            )


class Convention(Horodate):
    """An agreement: a laureate's support, or a territory's "convention d'objectifs et de moyens"."""

    suivi = models.ForeignKey(Suivi, on_delete=models.CASCADE, related_name="conventions")
    intitule = models.CharField(_("intitulé"), max_length=250)
    montant = models.DecimalField(
        _("montant (€)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    debut = models.DateField(_("début"))
    fin = models.DateField(_("fin"))
    conditions = models.TextField(_("conditions"), blank=True)
    signee_le = models.DateField(_("signée le"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("convention")
        verbose_name_plural = _("conventions")
        ordering = ["debut", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fin__gte=models.F("debut")), name="acc_convention_dates"
            ),
            models.CheckConstraint(
                condition=models.Q(montant__isnull=True) | models.Q(montant__gte=0, montant__lte=MONTANT_MAX),
                name="acc_convention_montant",
            ),
        ]

    def __str__(self):
        return self.intitule

    @property
    def region_code(self):
        return self.suivi.region_code

    def clean(self):
        if self.debut and self.fin and self.fin < self.debut:
            raise ValidationError({"fin": _("La fin de la convention doit suivre son début.")})
        if self.montant is not None and self.montant > MONTANT_MAX:
            raise ValidationError({"montant": _("Montant invraisemblable : au plus 1 milliard d'euros.")})


class Resultat(models.Model):
    """Results declared for one period, keyed like the call's numeric questions."""

    suivi = models.ForeignKey(Suivi, on_delete=models.CASCADE, related_name="resultats")
    periode = models.PositiveSmallIntegerField(_("période"), choices=Periode.choices)
    valeurs = models.JSONField(_("valeurs"), default=dict, blank=True)
    commentaire = models.TextField(_("commentaire"), blank=True)
    declare_le = models.DateTimeField(_("déclaré le"), default=timezone.now)
    declare_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("résultat déclaré")
        verbose_name_plural = _("résultats déclarés")
        ordering = ["suivi", "periode"]
        constraints = [
            models.UniqueConstraint(fields=["suivi", "periode"], name="acc_un_resultat_par_periode"),
            models.CheckConstraint(condition=models.Q(periode__in=Periode.values), name="acc_periode_connue"),
        ]

    def __str__(self):
        return f"{self.suivi} — {self.get_periode_display()}"

    @property
    def region_code(self):
        return self.suivi.region_code


@receiver(post_delete, sender=Evenement)
def supprimer_fichier(sender, instance, **kwargs):
    if instance.fichier:
        instance.fichier.delete(save=False)
