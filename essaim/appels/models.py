"""Generic calls for applications: a call (Appel) with its configurable form, its organiser kit,
the applications (Candidature) and their review (Evaluation) by a committee.

Nothing here knows about conferences or workshops: a call for projects in social
entrepreneurship and the conference's call for workshop proposals use the same models.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from essaim.commun.bornes import ORDRE_MAX, entre
from essaim.commun.fichiers import stockage_prive
from essaim.commun.html import BALISES_DOCUMENT, nettoyer_html
from essaim.commun.models import Horodate

from .enums import (
    Avis,
    Decision,
    NatureEmail,
    NaturePiece,
    StatutCandidature,
    TypeCandidat,
)


class Appel(Horodate):
    titre = models.CharField(_("titre"), max_length=250)
    slug = models.SlugField(_("identifiant d'URL"), max_length=120, unique=True)
    region = models.ForeignKey(
        "territoires.Region", on_delete=models.PROTECT, related_name="appels", verbose_name=_("région")
    )
    chapeau = models.CharField(_("résumé"), max_length=400, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("HTML simple accepté."))
    ouverture = models.DateTimeField(_("ouverture des candidatures"))
    cloture = models.DateTimeField(_("clôture des candidatures"))
    publie = models.BooleanField(_("publié"), default=True)
    types_candidats = models.JSONField(
        _("types de candidats éligibles"),
        default=list,
        blank=True,
        help_text=_("Liste de codes parmi : %s.") % ", ".join(TypeCandidat.values),
    )
    formulaire = models.JSONField(_("questions du formulaire"), default=list, blank=True)
    libelles_decision = models.JSONField(
        _("libellés des décisions"),
        default=dict,
        blank=True,
        help_text=_('Par exemple {"retenue": "Labellisé"}.'),
    )
    comite = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="comites_appels",
        verbose_name=_("comité de sélection"),
    )
    webinaire_titre = models.CharField(_("titre du webinaire"), max_length=250, blank=True)
    webinaire_date = models.DateTimeField(_("date du webinaire d'information"), null=True, blank=True)
    webinaire_duree = models.PositiveSmallIntegerField(
        _("durée du webinaire (minutes)"), default=60, validators=entre(1, 24 * 60)
    )
    webinaire_lien = models.URLField(_("lien du webinaire"), blank=True)
    contact_email = models.EmailField(_("e-mail de contact"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appel à candidatures")
        verbose_name_plural = _("appels à candidatures")
        ordering = ["-cloture"]

    def __str__(self):
        return self.titre

    def save(self, *args, **kwargs):
        self.description = nettoyer_html(self.description, BALISES_DOCUMENT)
        super().save(*args, **kwargs)

    def clean(self):
        from .services.formulaire import valider_formulaire

        erreurs = {}
        if self.ouverture and self.cloture and self.cloture <= self.ouverture:
            erreurs["cloture"] = _("La clôture doit suivre l'ouverture.")
        inconnus = [t for t in self.types_candidats or [] if t not in TypeCandidat.values]
        if inconnus:
            erreurs["types_candidats"] = _("Types de candidats inconnus : %(t)s.") % {
                "t": ", ".join(inconnus)
            }
        try:
            self.formulaire = valider_formulaire(self.formulaire or [])
        except ValidationError as erreur:
            erreurs["formulaire"] = erreur.messages
        libelles = self.libelles_decision or {}
        if not isinstance(libelles, dict) or any(k not in Decision.values for k in libelles):
            erreurs["libelles_decision"] = _("Un objet dont les clés sont parmi : %(d)s.") % {
                "d": ", ".join(Decision.values)
            }
        if erreurs:
            raise ValidationError(erreurs)

    def get_absolute_url(self):
        return reverse("appels:detail", args=[self.slug])

    @property
    def region_code(self) -> str:
        return self.region_id

    @property
    def est_ouvert(self) -> bool:
        maintenant = timezone.now()
        return self.ouverture <= maintenant < self.cloture

    @property
    def est_a_venir(self) -> bool:
        return timezone.now() < self.ouverture

    @property
    def est_clos(self) -> bool:
        return timezone.now() >= self.cloture

    @property
    def webinaire(self) -> dict | None:
        """The information webinar as an event (None when there is none)."""
        if not self.webinaire_date:
            return None
        return {
            "titre": self.webinaire_titre or f"Webinaire d'information : {self.titre}",
            "debut": self.webinaire_date,
            "fin": self.webinaire_date + timedelta(minutes=self.webinaire_duree or 60),
            "lien": self.webinaire_lien,
            "ical": reverse("appels:webinaire_ics", args=[self.slug]),
        }

    def libelle_decision(self, decision: str) -> str:
        """The label of a decision for this call ("Labellisé" rather than "Retenue")."""
        if not decision:
            return ""
        surcharge = (self.libelles_decision or {}).get(decision)
        return str(surcharge or Decision(decision).label)

    @property
    def choix_decision(self) -> list[tuple[str, str]]:
        return [(d.value, self.libelle_decision(d.value)) for d in Decision]

    @property
    def libelles_types_candidats(self) -> list[str]:
        return [str(TypeCandidat(t).label) for t in self.types_candidats or [] if t in TypeCandidat.values]

    @property
    def choix_types_candidats(self) -> list[tuple[str, str]]:
        types = [t for t in self.types_candidats or [] if t in TypeCandidat.values] or TypeCandidat.values
        return [(t, str(TypeCandidat(t).label)) for t in types]


class PieceKit(Horodate):
    """A downloadable document of the organiser kit (call text, templates, sign-in sheet...)."""

    appel = models.ForeignKey(Appel, on_delete=models.CASCADE, related_name="kit", verbose_name=_("appel"))
    titre = models.CharField(_("titre"), max_length=250)
    fichier = models.FileField(_("fichier"), upload_to="appels/kit/%Y/", storage=stockage_prive)
    nature = models.CharField(
        _("nature"), max_length=40, choices=NaturePiece.choices, default=NaturePiece.AUTRE
    )
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=0, validators=entre(0, ORDRE_MAX))

    class Meta:
        verbose_name = _("pièce du kit")
        verbose_name_plural = _("pièces du kit")
        ordering = ["appel", "ordre", "titre"]

    def __str__(self):
        return self.titre

    @property
    def region_code(self):
        return self.appel.region_code


class Candidature(Horodate):
    appel = models.ForeignKey(
        Appel, on_delete=models.PROTECT, related_name="candidatures", verbose_name=_("appel")
    )
    candidat = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="candidatures",
        verbose_name=_("candidat·e"),
    )
    type_candidat = models.CharField(
        _("type de candidat"), max_length=40, choices=TypeCandidat.choices, blank=True
    )
    structure = models.ForeignKey(
        "annuaire.Structure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidatures",
        verbose_name=_("structure de l'annuaire"),
    )
    nom_structure = models.CharField(_("structure candidate"), max_length=250, blank=True)
    reponses = models.JSONField(_("réponses"), default=dict, blank=True)
    statut = models.CharField(
        _("statut"), max_length=20, choices=StatutCandidature.choices, default=StatutCandidature.BROUILLON
    )
    decision = models.CharField(_("décision"), max_length=20, choices=Decision.choices, blank=True)
    message_decision = models.TextField(_("message accompagnant la décision"), blank=True)
    deposee_le = models.DateTimeField(_("déposée le"), null=True, blank=True)
    decidee_le = models.DateTimeField(_("décidée le"), null=True, blank=True)
    notifiee_le = models.DateTimeField(_("décision envoyée le"), null=True, blank=True)
    decidee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décidée par"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("candidature")
        verbose_name_plural = _("candidatures")
        ordering = ["-deposee_le", "-cree_le"]

    def __str__(self):
        return f"{self.intitule} — {self.candidat}"

    def get_absolute_url(self):
        return reverse("appels:candidature", args=[self.pk])

    @property
    def region_code(self) -> str:
        return self.appel.region_code

    def est_gere_par(self, user) -> bool:
        return bool(user and user.is_authenticated and user.pk == self.candidat_id)

    @property
    def intitule(self) -> str:
        """A readable title taken from the answers: generic forms name it as they like."""
        reponses = self.reponses or {}
        for cle in ("titre", "intitule", "titre_atelier", "nom_projet", "projet"):
            if isinstance(reponses.get(cle), str) and reponses[cle].strip():
                return reponses[cle].strip()
        for question in self.appel.formulaire or []:
            valeur = reponses.get(question.get("cle"))
            if question.get("type") == "texte" and isinstance(valeur, str) and valeur.strip():
                return valeur.strip()
        return _("Candidature n° %(n)s") % {"n": self.pk}

    @property
    def libelle_decision(self) -> str:
        return self.appel.libelle_decision(self.decision)

    @property
    def libelle_statut(self) -> str:
        if self.statut == StatutCandidature.DECIDEE and self.decision:
            return self.libelle_decision
        return str(self.get_statut_display())

    @property
    def est_brouillon(self) -> bool:
        return self.statut == StatutCandidature.BROUILLON


def chemin_piece_jointe(instance, nom):
    return f"appels/candidatures/{instance.candidature.appel_id}/{instance.candidature_id}/{nom}"


class PieceJointe(models.Model):
    """A file answering a ``fichier`` question; ``reponses[cle]`` holds the original name."""

    candidature = models.ForeignKey(
        Candidature, on_delete=models.CASCADE, related_name="pieces", verbose_name=_("candidature")
    )
    cle = models.CharField(_("question"), max_length=80)
    fichier = models.FileField(_("fichier"), upload_to=chemin_piece_jointe, storage=stockage_prive)
    nom_original = models.CharField(_("nom du fichier"), max_length=255)
    taille = models.PositiveIntegerField(_("taille (octets)"), default=0)
    deposee_le = models.DateTimeField(_("déposée le"), auto_now=True)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        constraints = [
            models.UniqueConstraint(fields=["candidature", "cle"], name="appels_piece_unique_par_question")
        ]

    def __str__(self):
        return self.nom_original

    @property
    def region_code(self):
        return self.candidature.region_code


class Evaluation(Horodate):
    candidature = models.ForeignKey(
        Candidature, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("candidature")
    )
    evaluateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="evaluations_appels",
        verbose_name=_("évaluateur·rice"),
    )
    avis = models.CharField(_("avis"), max_length=20, choices=Avis.choices)
    note = models.PositiveSmallIntegerField(
        _("note sur 5"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(5)],
    )
    commentaire = models.TextField(_("commentaire"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")
        ordering = ["cree_le"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidature", "evaluateur"], name="appels_une_evaluation_par_evaluateur"
            ),
            models.CheckConstraint(
                condition=models.Q(note__isnull=True) | models.Q(note__gte=0, note__lte=5),
                name="appels_note_entre_0_et_5",
            ),
        ]

    def __str__(self):
        return f"{self.evaluateur} — {self.get_avis_display()}"

    @property
    def region_code(self):
        return self.candidature.region_code


class ModeleEmail(Horodate):
    """An editable e-mail template; ``appel`` empty = the default used by every call.

    Subject and body are Django templates rendered with a small safe context:
    ``candidat``, ``appel``, ``candidature``, ``decision`` (its label for the call), ``message``,
    ``lien``.
    """

    appel = models.ForeignKey(
        Appel,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="modeles_email",
        verbose_name=_("appel"),
        help_text=_("Vide : modèle par défaut pour tous les appels."),
    )
    nature = models.CharField(_("usage"), max_length=30, choices=NatureEmail.choices)
    sujet = models.CharField(_("objet"), max_length=250)
    corps = models.TextField(_("texte"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("modèle d'e-mail")
        verbose_name_plural = _("modèles d'e-mail")
        ordering = ["appel", "nature"]
        constraints = [
            models.UniqueConstraint(fields=["appel", "nature"], name="appels_modele_unique_par_appel"),
            models.UniqueConstraint(
                fields=["nature"],
                condition=models.Q(appel__isnull=True),
                name="appels_modele_defaut_unique",
            ),
        ]

    def __str__(self):
        return f"{self.get_nature_display()} — {self.appel or _('par défaut')}"

    @property
    def region_code(self):
        return self.appel.region_code if self.appel_id else None


@receiver(post_delete, sender=PieceJointe)
@receiver(post_delete, sender=PieceKit)
def supprimer_fichier(sender, instance, **kwargs):
    """Deleted rows (an account erased, a kit document removed) take their file with them."""
    if instance.fichier:
        instance.fichier.delete(save=False)
