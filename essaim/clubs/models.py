"""Clubs Busin'ESS #Filières: networking groups by sector — member structures and their
contact people, sessions (rencontres) with registration and sign-in, needs and offers."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from essaim.commun.bornes import CAPACITE_MAX, ORDRE_MAX, PARTICIPANTS_MAX, entre
from essaim.commun.inscriptions import InscriptionBase, StatutInscription
from essaim.commun.models import Horodate

from .enums import (
    CategorieAnnonce,
    SensAnnonce,
    StatutAnnonce,
    StatutClub,
    StatutMembre,
    StatutRencontre,
    TypeRencontre,
)


class Filiere(models.Model):
    """A sector (filière) of the clubs — a vocabulary the staff edits."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    libelle = models.CharField(_("libellé"), max_length=120)
    ordre = models.PositiveSmallIntegerField(_("ordre"), default=0, validators=entre(0, ORDRE_MAX))

    class Meta:
        verbose_name = _("filière")
        verbose_name_plural = _("filières")
        ordering = ["ordre", "libelle"]

    def __str__(self):
        return self.libelle


class Club(Horodate):
    nom = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("adresse"), max_length=120, unique=True, blank=True)
    filiere = models.ForeignKey(
        Filiere, on_delete=models.PROTECT, related_name="clubs", verbose_name=_("filière")
    )
    region = models.ForeignKey(
        "territoires.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("région")
    )
    description = models.TextField(_("description"), blank=True)
    animateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clubs_animes",
        verbose_name=_("animateur·rice"),
        help_text=_("Un compte de l'équipe de la CRESS."),
    )
    statut = models.CharField(
        _("statut"), max_length=12, choices=StatutClub.choices, default=StatutClub.ACTIF
    )
    membres_publics = models.BooleanField(
        _("liste des membres publique"),
        default=False,
        help_text=_("Cochée : les structures membres figurent sur la page publique du club."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("club Busin'ESS")
        verbose_name_plural = _("clubs Busin'ESS")
        ordering = ["nom"]

    def __str__(self):
        return self.nom

    def save(self, *args, **kwargs):
        if not self.slug:
            base = slugify(self.nom)[:100] or "club"
            candidat, n = base, 2
            while Club.objects.filter(slug=candidat).exclude(pk=self.pk).exists():
                candidat, n = f"{base}-{n}", n + 1
            self.slug = candidat
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("clubs:detail", args=[self.slug])

    @property
    def region_code(self):
        return self.region_id

    def est_gere_par(self, user) -> bool:
        """The animateur runs the club (the région's staff too, through the rules)."""
        return bool(user and user.is_authenticated and self.animateur_id == user.pk)

    def est_membre(self, user) -> bool:
        """The user manages a member structure of the club."""
        if not (user and user.is_authenticated):
            return False
        return self.membres.filter(
            statut=StatutMembre.ACCEPTEE, structure__gestions__utilisateur=user
        ).exists()


class Membre(Horodate):
    """A directory structure in a club: asked by its manager, accepted by the animateur."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="membres")
    structure = models.ForeignKey(
        "annuaire.Structure", on_delete=models.CASCADE, related_name="clubs", verbose_name=_("structure")
    )
    statut = models.CharField(
        _("statut"), max_length=10, choices=StatutMembre.choices, default=StatutMembre.DEMANDEE
    )
    message = models.TextField(_("message de la demande"), blank=True)
    motif = models.TextField(_("motif du refus"), blank=True)
    demande_par = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decide_le = models.DateTimeField(_("décidée le"), null=True, blank=True)
    depuis = models.DateField(_("membre depuis"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("structure membre")
        verbose_name_plural = _("structures membres")
        ordering = ["structure__nom"]
        constraints = [models.UniqueConstraint(fields=["club", "structure"], name="membre_unique_par_club")]

    def __str__(self):
        return f"{self.structure} — {self.club}"

    @property
    def region_code(self):
        return self.club.region_id

    def est_gere_par(self, user) -> bool:
        return self.structure.est_gere_par(user)


class Contact(Horodate):
    """A contact person of a member structure for the club. Personal data: kept while the
    structure is a member, deleted with it (and by the person from "mes données")."""

    membre = models.ForeignKey(Membre, on_delete=models.CASCADE, related_name="contacts")
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contacts_clubs",
    )
    prenom = models.CharField(_("prénom"), max_length=100)
    nom = models.CharField(_("nom"), max_length=100)
    email = models.EmailField(_("adresse e-mail"))
    fonction = models.CharField(_("fonction"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("personne contact")
        verbose_name_plural = _("personnes contacts")
        ordering = ["nom", "prenom"]
        constraints = [models.UniqueConstraint(fields=["membre", "email"], name="contact_unique_par_membre")]

    def __str__(self):
        return f"{self.prenom} {self.nom}"

    @property
    def region_code(self):
        return self.membre.club.region_id


class Rencontre(Horodate):
    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="rencontres")
    titre = models.CharField(_("titre"), max_length=250)
    type = models.CharField(_("type"), max_length=12, choices=TypeRencontre.choices)
    date = models.DateField(_("date"))
    heure_debut = models.TimeField(_("heure de début"), null=True, blank=True)
    heure_fin = models.TimeField(_("heure de fin"), null=True, blank=True)
    en_ligne = models.BooleanField(_("en ligne"), default=False)
    commune = models.ForeignKey(
        "territoires.Commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("commune"),
    )
    lieu = models.CharField(_("adresse ou lieu"), max_length=300, blank=True)
    programme = models.TextField(_("programme"), blank=True)
    intervenants = models.TextField(_("intervenants"), blank=True, help_text=_("Une personne par ligne."))
    capacite = models.PositiveIntegerField(
        _("capacité"), null=True, blank=True, validators=entre(1, CAPACITE_MAX)
    )
    reservee_adherents = models.BooleanField(
        _("réservée aux adhérents de la CRESS"),
        default=False,
        help_text=_("Seules les personnes qui gèrent une structure adhérente peuvent s'inscrire."),
    )
    inscriptions_ouvertes = models.BooleanField(_("inscriptions ouvertes"), default=True)
    statut = models.CharField(
        _("statut"), max_length=10, choices=StatutRencontre.choices, default=StatutRencontre.PREVUE
    )
    compte_rendu = models.TextField(_("compte rendu"), blank=True)
    decisions = models.TextField(_("décisions"), blank=True, help_text=_("Une décision par ligne."))
    participants_declares = models.PositiveIntegerField(
        _("participants déclarés"), null=True, blank=True, validators=entre(0, PARTICIPANTS_MAX)
    )
    ressources = models.ManyToManyField(
        "ressources.Ressource",
        blank=True,
        related_name="rencontres_clubs",
        verbose_name=_("ressources produites"),
        help_text=_("Les outils, guides ou études de la bibliothèque issus de la rencontre."),
    )
    history = HistoricalRecords(m2m_fields=[ressources])

    class Meta:
        verbose_name = _("rencontre")
        verbose_name_plural = _("rencontres")
        ordering = ["date", "heure_debut", "id"]

    def __str__(self):
        return f"{self.titre} ({self.date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("clubs:rencontre", args=[self.club.slug, self.pk])

    @property
    def region_code(self):
        return self.club.region_id

    def est_gere_par(self, user) -> bool:
        return self.club.est_gere_par(user)

    @property
    def est_passee(self) -> bool:
        return self.date < timezone.localdate()

    @property
    def dernier_jour(self) -> datetime.date:
        return self.date

    def liste_intervenants(self) -> list[str]:
        return [ligne.strip() for ligne in self.intervenants.splitlines() if ligne.strip()]

    def liste_decisions(self) -> list[str]:
        return [ligne.strip() for ligne in self.decisions.splitlines() if ligne.strip()]

    def nombre_presents(self) -> int:
        return self.inscriptions.filter(present=True).count()

    def nombre_participants(self) -> int | None:
        """Declared count, else the check-ins (None when nothing is known)."""
        if self.participants_declares is not None:
            return self.participants_declares
        return self.nombre_presents() or None

    def places_restantes(self) -> int | None:
        if self.capacite is None:
            return None
        confirmees = self.inscriptions.filter(statut=StatutInscription.CONFIRMEE).count()
        return max(0, self.capacite - confirmees)


class InscriptionRencontre(InscriptionBase):
    """A registration to a session (fields and rules: ``commun.inscriptions``)."""

    rencontre = models.ForeignKey(Rencontre, on_delete=models.CASCADE, related_name="inscriptions")
    utilisateur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="inscriptions_clubs",
    )

    class Meta:
        ordering = ["cree_le", "id"]
        verbose_name = _("inscription à une rencontre")
        verbose_name_plural = _("inscriptions aux rencontres")
        constraints = [
            models.UniqueConstraint(fields=["rencontre", "email"], name="inscription_rencontre_unique_email")
        ]

    @property
    def region_code(self):
        return self.rencontre.club.region_id


class Annonce(Horodate):
    """A need or an offer between the members of a club."""

    club = models.ForeignKey(Club, on_delete=models.CASCADE, related_name="annonces")
    structure = models.ForeignKey(
        "annuaire.Structure",
        on_delete=models.CASCADE,
        related_name="annonces_clubs",
        verbose_name=_("structure"),
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="annonces_clubs"
    )
    sens = models.CharField(_("besoin ou offre"), max_length=8, choices=SensAnnonce.choices)
    categorie = models.CharField(_("catégorie"), max_length=12, choices=CategorieAnnonce.choices)
    titre = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"))
    statut = models.CharField(
        _("statut"), max_length=10, choices=StatutAnnonce.choices, default=StatutAnnonce.OUVERTE
    )
    expire_le = models.DateField(_("expire le"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besoin ou offre")
        verbose_name_plural = _("besoins et offres")
        ordering = ["-cree_le", "-id"]

    def __str__(self):
        return self.titre

    def get_absolute_url(self):
        return reverse("clubs:annonce", args=[self.club.slug, self.pk])

    @property
    def region_code(self):
        return self.club.region_id

    def est_gere_par(self, user) -> bool:
        return bool(
            user
            and user.is_authenticated
            and (self.auteur_id == user.pk or self.structure.est_gere_par(user))
        )

    @property
    def est_expiree(self) -> bool:
        return self.expire_le < timezone.localdate()
