"""The conférence régionale de l'ESS: editions, labelled workshops, participants, synthesis
sheets and the staff consolidation that feeds the report."""

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from essaim.commun.bornes import ANNEE_MAX, ANNEE_MIN, CAPACITE_MAX, ORDRE_MAX, PARTICIPANTS_MAX, entre
from essaim.commun.inscriptions import InscriptionBase
from essaim.commun.models import Horodate

from .enums import (
    Format,
    PrecisionDate,
    StatutAtelier,
    StatutFiche,
    StatutInscription,
    Transition,
    TypeEvenement,
)


class Conference(Horodate):
    region = models.ForeignKey("territoires.Region", on_delete=models.PROTECT, related_name="conferences")
    annee = models.PositiveSmallIntegerField(_("année"), validators=entre(ANNEE_MIN, ANNEE_MAX))
    slug = models.SlugField(_("identifiant d'URL"), max_length=80, unique=True)
    titre = models.CharField(_("titre"), max_length=200)
    theme = models.CharField(_("thème"), max_length=200, blank=True)
    presentation = models.TextField(_("présentation"), blank=True)
    co_organisateurs = models.TextField(_("co-organisateurs"), blank=True, help_text=_("Un par ligne."))
    date_debut = models.DateField(_("début du cycle d'ateliers"), null=True, blank=True)
    date_fin = models.DateField(_("fin du cycle d'ateliers"), null=True, blank=True)
    publiee = models.BooleanField(_("publiée"), default=True)
    duree_conservation_mois = models.PositiveSmallIntegerField(
        _("durée de conservation des inscriptions (mois)"), default=12, validators=entre(1, 120)
    )
    appel = models.OneToOneField(
        "appels.Appel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="conference",
        verbose_name=_("appel à contributions"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("conférence régionale")
        verbose_name_plural = _("conférences régionales")
        ordering = ["-annee", "region"]
        constraints = [
            models.UniqueConstraint(fields=["region", "annee"], name="conference_unique_region_annee")
        ]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("conference:detail", args=[self.slug])

    @property
    def region_code(self):
        return self.region_id

    def liste_co_organisateurs(self):
        return [ligne.strip() for ligne in self.co_organisateurs.splitlines() if ligne.strip()]


class TransitionConference(models.Model):
    """A transition covered by an edition, its guiding question and the staff consolidation."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="transitions")
    transition = models.CharField(max_length=20, choices=Transition.choices)
    question = models.CharField(_("question directrice"), max_length=400, blank=True)
    problematique = models.TextField(_("problématique posée"), blank=True)
    leviers = models.TextField(_("leviers à conserver ou amplifier"), blank=True)
    freins = models.TextField(_("freins à lever"), blank=True)
    projets = models.TextField(_("projets inspirants"), blank=True)
    outils = models.TextField(_("bonnes pratiques, outils et ressources"), blank=True)
    medias = models.TextField(_("podcasts et médias"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("transition de l'édition")
        ordering = ["conference", "id"]
        constraints = [
            models.UniqueConstraint(fields=["conference", "transition"], name="conference_transition_unique")
        ]

    def __str__(self):
        return self.get_transition_display()

    @property
    def region_code(self):
        return self.conference.region_id


class DateCle(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="dates_cles")
    date = models.DateField()
    libelle = models.CharField(_("libellé"), max_length=200)

    class Meta:
        ordering = ["date"]
        verbose_name = _("date clé")
        verbose_name_plural = _("dates clés")

    def __str__(self):
        return f"{self.date} — {self.libelle}"


class Evenement(models.Model):
    """Launch, closing, information webinar: a dated event with a programme."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="evenements")
    type = models.CharField(max_length=20, choices=TypeEvenement.choices)
    titre = models.CharField(_("titre"), max_length=200)
    date = models.DateField()
    heure_debut = models.TimeField(null=True, blank=True)
    heure_fin = models.TimeField(null=True, blank=True)
    lieu = models.CharField(_("lieu"), max_length=200, blank=True)
    commune = models.ForeignKey("territoires.Commune", null=True, blank=True, on_delete=models.SET_NULL)
    animation = models.CharField(_("animation"), max_length=300, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("événement")

    def __str__(self):
        return self.titre


class SequenceProgramme(models.Model):
    """One item of an event programme (introduction, round table) with its speakers."""

    evenement = models.ForeignKey(Evenement, on_delete=models.CASCADE, related_name="programme")
    ordre = models.PositiveSmallIntegerField(default=0, validators=entre(0, ORDRE_MAX))
    titre = models.CharField(_("titre"), max_length=300)
    description = models.TextField(blank=True)
    intervenants = models.TextField(_("intervenants"), blank=True, help_text=_("Un par ligne."))

    class Meta:
        ordering = ["ordre", "id"]

    def __str__(self):
        return self.titre

    def liste_intervenants(self):
        return [ligne.strip() for ligne in self.intervenants.splitlines() if ligne.strip()]


class MembreComite(models.Model):
    """An organisation of the partnership committee and the people who sat for it."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="comite")
    ordre = models.PositiveSmallIntegerField(default=0, validators=entre(0, ORDRE_MAX))
    organisation = models.CharField(max_length=200)
    personnes = models.CharField(max_length=400, blank=True)

    class Meta:
        ordering = ["ordre", "id"]
        verbose_name = _("membre du comité de partenariat")

    def __str__(self):
        return self.organisation


class EnjeuTransversal(models.Model):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="enjeux")
    numero = models.PositiveSmallIntegerField(validators=entre(1, ORDRE_MAX))
    titre = models.CharField(max_length=300)
    texte = models.TextField(blank=True)
    exemples = models.TextField(blank=True, help_text=_("Un exemple ou lien par ligne."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["numero"]
        verbose_name = _("enjeu transversal")
        verbose_name_plural = _("enjeux transversaux")

    def __str__(self):
        return f"{self.numero} - {self.titre}"

    @property
    def region_code(self):
        return self.conference.region_id


class Atelier(Horodate):
    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="ateliers")
    intitule = models.CharField(_("intitulé"), max_length=400)
    organisateurs_libres = models.TextField(
        _("organisateurs (texte libre)"), blank=True, help_text=_("Une structure par ligne.")
    )
    structures = models.ManyToManyField(
        "annuaire.Structure",
        blank=True,
        related_name="ateliers_conference",
        verbose_name=_("structures organisatrices"),
    )
    transitions = models.JSONField(_("transitions abordées"), default=list, blank=True)
    date = models.DateField(null=True, blank=True)
    precision_date = models.CharField(max_length=5, choices=PrecisionDate.choices, default=PrecisionDate.JOUR)
    heure_debut = models.TimeField(_("heure de début"), null=True, blank=True)
    heure_fin = models.TimeField(_("heure de fin"), null=True, blank=True)
    format = models.CharField(max_length=12, choices=Format.choices, blank=True)
    commune = models.ForeignKey(
        "territoires.Commune", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    departement = models.ForeignKey(
        "territoires.Departement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lieu = models.CharField(_("adresse ou lieu"), max_length=300, blank=True)
    capacite = models.PositiveIntegerField(
        _("capacité"), null=True, blank=True, validators=entre(0, CAPACITE_MAX)
    )
    description = models.TextField(blank=True)
    public = models.CharField(_("public visé"), max_length=300, blank=True)
    eco_responsable = models.JSONField(_("démarche éco-responsable"), default=list, blank=True)
    participants_declares = models.PositiveIntegerField(
        _("participants déclarés"), null=True, blank=True, validators=entre(0, PARTICIPANTS_MAX)
    )
    statut = models.CharField(max_length=12, choices=StatutAtelier.choices, default=StatutAtelier.LABELLISE)
    inscriptions_ouvertes = models.BooleanField(_("inscriptions ouvertes"), default=True)
    responsables = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="ateliers_conference",
        verbose_name=_("responsables"),
    )
    candidature = models.OneToOneField(
        "appels.Candidature", null=True, blank=True, on_delete=models.SET_NULL, related_name="atelier"
    )
    cle_import = models.CharField(max_length=64, blank=True, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("atelier de la conférence")
        verbose_name_plural = _("ateliers de la conférence")
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "cle_import"],
                condition=~models.Q(cle_import=""),
                name="atelier_cle_import_unique",
            )
        ]

    def __str__(self):
        # Several workshops may share a title: the date and the first organiser tell them apart
        # in lists and choices (no query: the organisers' free text only).
        precisions = [self.date.strftime("%d/%m/%Y")] if self.date else []
        organisateur = next((n.strip() for n in self.organisateurs_libres.splitlines() if n.strip()), "")
        if organisateur:
            precisions.append(organisateur)
        return f"{self.intitule} ({', '.join(precisions)})" if precisions else self.intitule

    def get_absolute_url(self):
        return reverse("conference:atelier", args=[self.conference.slug, self.pk])

    @property
    def region_code(self):
        return self.conference.region_id

    def est_gere_par(self, user) -> bool:
        return bool(user.is_authenticated and self.responsables.filter(pk=user.pk).exists())

    def liste_organisateurs(self) -> list[str]:
        noms = [ligne.strip() for ligne in self.organisateurs_libres.splitlines() if ligne.strip()]
        if self.pk:
            from essaim.commun.normalisation import normaliser_nom

            connus = {normaliser_nom(n) for n in noms}
            noms += [s.nom for s in self.structures.all() if normaliser_nom(s.nom) not in connus]
        return noms

    def libelles_transitions(self) -> list[str]:
        return [str(Transition(t).label) for t in self.transitions if t in Transition.values]

    def libelles_eco_responsable(self) -> list[str]:
        from .enums import CritereEcoResponsable

        return [
            str(CritereEcoResponsable(c).label)
            for c in self.eco_responsable
            if c in CritereEcoResponsable.values
        ]

    @property
    def en_visio(self) -> bool:
        return self.format == Format.VISIO

    @property
    def code_departement(self) -> str:
        """'visio', a département code or 'inconnu' — the key used by the figures."""
        if self.commune_id:
            return self.commune.departement_id
        if self.departement_id:
            return self.departement_id
        if self.format == Format.VISIO:
            return "visio"
        return "inconnu"

    @property
    def mois(self) -> str | None:
        return self.date.strftime("%Y-%m") if self.date else None

    @property
    def dernier_jour(self) -> datetime.date | None:
        """The last day the workshop may take place: its date, or the end of its month when
        only the month is known."""
        if self.date is None:
            return None
        if self.precision_date == PrecisionDate.MOIS:
            return datetime.date(
                self.date.year, self.date.month, calendar.monthrange(self.date.year, self.date.month)[1]
            )
        return self.date

    @property
    def est_passe(self) -> bool:
        """The workshop has taken place (Europe/Paris calendar): registration is closed."""
        return self.dernier_jour is not None and self.dernier_jour < timezone.localdate()

    def nombre_presents(self) -> int:
        return self.inscriptions.filter(present=True).count()

    def nombre_participants(self) -> int | None:
        """The count used by the figures: the filed synthesis sheet, else the organiser's
        declared count, else the on-site check-ins (None when nothing is known)."""
        fiche = getattr(self, "fiche", None)
        if fiche and fiche.statut != StatutFiche.BROUILLON and fiche.participants is not None:
            return fiche.participants
        if self.participants_declares is not None:
            return self.participants_declares
        presents = self.nombre_presents()
        return presents or None

    def places_restantes(self) -> int | None:
        if self.capacite is None:
            return None
        confirmees = self.inscriptions.filter(statut=StatutInscription.CONFIRMEE).count()
        return max(0, self.capacite - confirmees)


class Inscription(InscriptionBase):
    """A participant's registration (fields and rules: ``commun.inscriptions``)."""

    atelier = models.ForeignKey(Atelier, on_delete=models.CASCADE, related_name="inscriptions")
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inscriptions_conference",
    )

    class Meta:
        ordering = ["cree_le", "id"]
        verbose_name = _("inscription")
        constraints = [
            models.UniqueConstraint(fields=["atelier", "email"], name="inscription_unique_email_atelier")
        ]

    @property
    def region_code(self):
        return self.atelier.conference.region_id


class FicheSynthese(Horodate):
    atelier = models.OneToOneField(Atelier, on_delete=models.CASCADE, related_name="fiche")
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    participants = models.PositiveIntegerField(
        _("nombre de participants"), null=True, blank=True, validators=entre(0, PARTICIPANTS_MAX)
    )
    problematique = models.TextField(_("problématique"), blank=True)
    leviers = models.TextField(_("leviers à conserver ou amplifier"), blank=True)
    freins = models.TextField(_("freins à lever"), blank=True)
    remarques = models.TextField(_("remarques libres"), blank=True)
    statut = models.CharField(max_length=10, choices=StatutFiche.choices, default=StatutFiche.BROUILLON)
    deposee_le = models.DateTimeField(null=True, blank=True)
    en_retard = models.BooleanField(_("déposée en retard"), default=False)
    validee_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validee_le = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fiche de synthèse")
        verbose_name_plural = _("fiches de synthèse")

    def __str__(self):
        return f"Fiche de synthèse — {self.atelier}"

    @property
    def region_code(self):
        return self.atelier.conference.region_id

    def est_gere_par(self, user) -> bool:
        return self.atelier.est_gere_par(user)


class ProjetInspirant(models.Model):
    fiche = models.ForeignKey(FicheSynthese, on_delete=models.CASCADE, related_name="projets")
    nom = models.CharField(max_length=200)
    territoire = models.CharField(max_length=200, blank=True)
    lien = models.URLField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.nom


class Ressource(models.Model):
    fiche = models.ForeignKey(FicheSynthese, on_delete=models.CASCADE, related_name="ressources")
    titre = models.CharField(max_length=200)
    lien = models.URLField(blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        return self.titre
