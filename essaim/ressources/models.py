"""The resource library: tools, guides, studies, laws, funding schemes, podcasts, inspiring
projects... proposed by members, moderated by the staff of their région, fed by the
conference's synthesis sheets."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from essaim.commun.html import nettoyer_html
from essaim.commun.normalisation import normaliser_nom

from .adresses import cle_sans_url, normaliser_url
from .enums import Echelle, EtatLien, StatutRessource, TypeRessource

# Paths under /ressources/ that a resource's slug must not shadow.
SLUGS_RESERVES = {"proposer", "moderation", "modifier"}


class RessourceQuerySet(models.QuerySet):
    def publiees(self):
        return self.filter(statut=StatutRessource.PUBLIEE)


class Ressource(models.Model):
    type = models.CharField(_("type"), max_length=20, choices=TypeRessource.choices, db_index=True)
    titre = models.CharField(_("titre"), max_length=300)
    slug = models.SlugField(_("adresse de la page"), max_length=120, unique=True, blank=True)
    url = models.URLField(_("adresse (URL)"), max_length=500, blank=True)
    # Deduplication key: one resource per page, whatever the spelling of its URL.
    url_normalisee = models.CharField(max_length=500, blank=True, editable=False)
    # Deduplication key of a resource without URL (folded title and publisher).
    cle_sans_url = models.CharField(max_length=400, blank=True, editable=False, db_index=True)
    # Keys the item was known by before an edit (URL changed, title corrected): a later
    # citation under the old spelling still finds it. "|u:<url>|t:<title|publisher>|".
    anciennes_cles = models.TextField(blank=True, editable=False)
    editeur_structure = models.ForeignKey(
        "annuaire.Structure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ressources_editees",
        verbose_name=_("éditeur (structure de l'annuaire)"),
    )
    editeur_libre = models.CharField(
        _("éditeur"), max_length=250, blank=True, help_text=_("Si l'éditeur n'est pas dans l'annuaire.")
    )
    description = models.TextField(_("description"), blank=True)
    transitions = models.ManyToManyField(
        "annuaire.Transition", blank=True, related_name="ressources", verbose_name=_("transitions")
    )
    themes = models.ManyToManyField(
        "annuaire.Theme", blank=True, related_name="ressources", verbose_name=_("thèmes")
    )
    # Région whose staff curates the item (moderation scope); also the région of its territory
    # below the national scale.
    region = models.ForeignKey(
        "territoires.Region", on_delete=models.PROTECT, related_name="+", verbose_name=_("région")
    )
    echelle = models.CharField(
        _("territoire concerné"), max_length=12, choices=Echelle.choices, default=Echelle.REGION
    )
    departement = models.ForeignKey(
        "territoires.Departement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("département"),
    )
    epci = models.ForeignKey(
        "territoires.EPCI",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("intercommunalité (EPCI)"),
    )
    commune = models.ForeignKey(
        "territoires.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
    )
    structures = models.ManyToManyField(
        "annuaire.Structure", blank=True, related_name="ressources", verbose_name=_("structures concernées")
    )
    date = models.DateField(_("date de publication"), null=True, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    langue = models.CharField(_("langue"), max_length=10, default="fr", help_text=_("Code ISO 639-1."))
    statut = models.CharField(
        _("statut"),
        max_length=12,
        choices=StatutRessource.choices,
        default=StatutRessource.EN_ATTENTE,
        db_index=True,
    )
    a_controler = models.BooleanField(
        _("à contrôler"), default=False, help_text=_("Publiée sans modération préalable : à vérifier.")
    )
    # Origin in the conference (one item may be cited by several workshops and editions).
    ateliers = models.ManyToManyField(
        "conference.Atelier", blank=True, related_name="ressources_bibliotheque", verbose_name=_("ateliers")
    )
    conferences = models.ManyToManyField(
        "conference.Conference",
        blank=True,
        related_name="ressources_bibliotheque",
        verbose_name=_("éditions de la conférence"),
    )
    # Background link check (offline-tolerant: "injoignable" is not "mort").
    etat_lien = models.CharField(
        _("état du lien"), max_length=12, choices=EtatLien.choices, default=EtatLien.NON_VERIFIE
    )
    lien_verifie_le = models.DateTimeField(_("lien vérifié le"), null=True, blank=True)
    lien_mort_depuis = models.DateTimeField(_("lien mort depuis le"), null=True, blank=True)
    lien_detail = models.CharField(_("résultat de la vérification"), max_length=200, blank=True)
    # Folded text (title, publisher, description) searched by ``q``.
    texte_recherche = models.TextField(blank=True, editable=False)
    propose_par = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ressources_proposees",
        verbose_name=_("proposée par"),
    )
    source = models.CharField(_("origine"), max_length=30, blank=True)
    est_demo = models.BooleanField(_("donnée de démonstration"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    publiee_le = models.DateTimeField(_("publiée le"), null=True, blank=True)
    cree_le = models.DateTimeField(_("créée le"), auto_now_add=True)
    modifie_le = models.DateTimeField(_("modifiée le"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["modifie_le", "texte_recherche"], m2m_fields=[transitions, themes, structures]
    )
    objects = RessourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        ordering = ["titre", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["url_normalisee"],
                condition=~models.Q(url_normalisee=""),
                name="ressource_url_normalisee_unique",
            )
        ]
        indexes = [models.Index(fields=["statut", "region"]), models.Index(fields=["statut", "type"])]

    def __str__(self):
        return self.titre

    def save(self, *args, **kwargs):
        self.description = nettoyer_html(self.description)
        self.url_normalisee = normaliser_url(self.url)
        self.cle_sans_url = "" if self.url_normalisee else cle_sans_url(self.titre, self.editeur)
        self._garder_anciennes_cles()
        self._completer_territoire()
        self.texte_recherche = normaliser_nom(
            " ".join((self.titre, self.editeur, strip_tags(self.description)))
        )
        if not self.slug:
            self.slug = self._slug_unique()
        if self.statut == StatutRessource.PUBLIEE and not self.publiee_le:
            self.publiee_le = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("ressources:detail", args=[self.slug])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._cles_lues = (instance.__dict__.get("url_normalisee"), instance.__dict__.get("cle_sans_url"))
        return instance

    @property
    def editeur(self) -> str:
        if self.editeur_structure_id:
            return self.editeur_structure.nom
        return self.editeur_libre

    @property
    def region_code(self) -> str | None:
        return self.region_id

    @property
    def est_publiee(self) -> bool:
        return self.statut == StatutRessource.PUBLIEE

    def est_gere_par(self, user) -> bool:
        """The person who proposed it may follow and correct it until it is published."""
        return bool(user and user.is_authenticated and self.propose_par_id == user.pk)

    @property
    def territoire(self):
        """The territory object at the item's scale (None for France)."""
        return {
            Echelle.COMMUNE: self.commune,
            Echelle.EPCI: self.epci,
            Echelle.DEPARTEMENT: self.departement,
            Echelle.REGION: self.region,
        }.get(self.echelle)

    @property
    def libelle_territoire(self) -> str:
        objet = self.territoire
        return str(_("France")) if objet is None else str(objet)

    def _garder_anciennes_cles(self):
        ancienne_url, ancienne_cle = getattr(self, "_cles_lues", (None, None))
        for prefixe, avant, apres in (
            ("u", ancienne_url, self.url_normalisee),
            ("t", ancienne_cle, self.cle_sans_url),
        ):
            marque = f"|{prefixe}:{avant}|"
            if avant and avant != apres and marque not in self.anciennes_cles:
                self.anciennes_cles = (self.anciennes_cles or "|") + marque[1:]
        self._cles_lues = (self.url_normalisee, self.cle_sans_url)

    def _completer_territoire(self):
        """Keep only the fields of the chosen scale and derive the enclosing ones."""
        echelle = Echelle(self.echelle)
        if echelle != Echelle.COMMUNE:
            self.commune = None
        if echelle != Echelle.EPCI:
            self.epci = None
        if echelle in (Echelle.REGION, Echelle.FRANCE, Echelle.EPCI):
            self.departement = None
        if self.commune_id:
            self.departement_id = self.commune.departement_id
            self.region_id = self.commune.region_id
        elif self.departement_id:
            self.region_id = self.departement.region_id

    def _slug_unique(self) -> str:
        base = slugify(self.titre)[:100] or "ressource"
        candidat, n = base, 2
        while (
            candidat in SLUGS_RESERVES or Ressource.objects.filter(slug=candidat).exclude(pk=self.pk).exists()
        ):
            candidat, n = f"{base}-{n}", n + 1
        return candidat
