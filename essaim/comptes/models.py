"""Accounts: e-mail login, one role, and the régions a staff member or partner acts on."""

from functools import cached_property

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import Role


class UtilisateurManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("Une adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_superuser=True, role=Role.ADMINISTRATEUR)
        return self._create_user(email, password, **extra)


class Utilisateur(AbstractUser):
    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices, default=Role.VISITEUR)
    regions = models.ManyToManyField(
        "territoires.Region",
        blank=True,
        related_name="utilisateurs",
        verbose_name=_("régions"),
        help_text=_("Périmètre d'action des chargé·es de mission et des partenaires."),
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UtilisateurManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").lower()
        if self.is_superuser:
            self.role = Role.ADMINISTRATEUR
        # Staff roles reach the Django admin; what they see there is scoped by région.
        self.is_staff = self.role in (Role.CHARGE_MISSION, Role.ADMINISTRATEUR)
        super().save(*args, **kwargs)

    @cached_property
    def region_codes(self) -> frozenset[str]:
        if not self.pk:
            return frozenset()
        return frozenset(self.regions.values_list("code", flat=True))

    @property
    def est_administrateur(self) -> bool:
        return self.is_superuser or self.role == Role.ADMINISTRATEUR
