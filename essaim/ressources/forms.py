"""Forms of the library (French errors naming the field and the value; nothing typed is lost)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from essaim.annuaire.forms import ListeTerritoiresField
from essaim.annuaire.models import Theme, Transition
from essaim.commun.forms import ChampTexteMisEnForme
from essaim.conference.forms import StructuresAnnuaireField
from essaim.territoires.forms import CommuneField
from essaim.territoires.models import EPCI, Departement, Region

from .enums import Echelle, EtatLien
from .models import Ressource
from .providers import liens
from .services.bibliotheque import doublon_de

CHAMPS = [
    "type",
    "titre",
    "url",
    "editeur_libre",
    "description",
    "transitions",
    "themes",
    "echelle",
    "region",
    "departement",
    "date",
    "licence",
    "langue",
]


class RessourceForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Adresse (URL)"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Adresse complète de la page, commençant par https://."),
    )
    editeur_annuaire = StructuresAnnuaireField(
        label=_("Éditeur présent dans l'annuaire"),
        required=False,
        help_text=_("SIRET, SIREN ou nom exact de sa fiche ; sinon, écrivez l'éditeur ci-dessus."),
        widget=forms.TextInput,
    )
    structures_annuaire = StructuresAnnuaireField(
        label=_("Structures concernées"),
        required=False,
        help_text=_("Une par ligne : SIRET, SIREN ou nom exact de la fiche de l'annuaire."),
    )
    epci_saisi = ListeTerritoiresField(
        modele=EPCI, label=_("Intercommunalité (EPCI)"), help_text=_("Nom exact ou SIREN.")
    )
    commune_saisie = CommuneField(label=_("Commune"), required=False)
    description = ChampTexteMisEnForme(
        label=capfirst(Ressource._meta.get_field("description").verbose_name), required=False
    )
    # Shown only once the link was found dead (hidden input until then).
    lien_mort_accepte = forms.BooleanField(
        label=_("Proposer quand même (la page est provisoirement indisponible)"),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Ressource
        fields = CHAMPS
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "transitions": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "region": _("La CRESS de cette région relit la ressource avant sa publication."),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.doublon = None
        self.fields["transitions"].queryset = Transition.objects.all()
        self.fields["themes"].queryset = Theme.objects.select_related("parent")
        self.fields["region"].queryset = Region.objects.order_by("nom")
        self.fields["departement"].queryset = Departement.objects.order_by("code")
        self.fields["departement"].required = False
        if user is not None:
            from essaim.annuaire.rules import structures_visibles

            for nom in ("editeur_annuaire", "structures_annuaire"):
                self.fields[nom].structures = structures_visibles(user)
            if not self.instance.pk and user.is_authenticated and user.region_codes:
                self.initial.setdefault("region", sorted(user.region_codes)[0])
        instance = self.instance
        if instance.pk:
            if instance.editeur_structure_id:
                s = instance.editeur_structure
                self.initial["editeur_annuaire"] = s.siret or s.nom
            self.initial["structures_annuaire"] = "\n".join(
                s.siret or s.nom for s in instance.structures.all()
            )
            if instance.epci_id:
                self.initial["epci_saisi"] = f"{instance.epci.nom} ({instance.epci_id})"
            if instance.commune_id:
                self.initial["commune_saisie"] = instance.commune.libelle
        self.order_fields(
            [
                "type",
                "titre",
                "url",
                "lien_mort_accepte",
                "editeur_libre",
                "editeur_annuaire",
                "description",
                "transitions",
                "themes",
                "echelle",
                "region",
                "departement",
                "epci_saisi",
                "commune_saisie",
                "structures_annuaire",
            ]
        )

    def clean_editeur_annuaire(self):
        structures = self.cleaned_data.get("editeur_annuaire") or []
        if len(structures) > 1:
            raise forms.ValidationError(_("Un seul éditeur : indiquez une seule structure."))
        return structures[0] if structures else None

    def clean(self):
        donnees = super().clean()
        echelle = donnees.get("echelle")
        requis = {
            Echelle.DEPARTEMENT: ("departement", _("Choisissez le département concerné.")),
            Echelle.EPCI: ("epci_saisi", _("Indiquez l'intercommunalité concernée.")),
            Echelle.COMMUNE: ("commune_saisie", _("Indiquez la commune concernée.")),
        }
        if echelle in requis:
            champ, message = requis[echelle]
            if not donnees.get(champ) and champ not in self.errors:
                self.add_error(champ, message)
        epcis = donnees.get("epci_saisi") or []
        if len(epcis) > 1:
            self.add_error("epci_saisi", _("Une seule intercommunalité."))
        editeur = donnees.get("editeur_annuaire")
        if not editeur and not (donnees.get("editeur_libre") or "").strip():
            self.add_error("editeur_libre", _("Indiquez l'éditeur (texte libre ou structure de l'annuaire)."))
        self._verifier_doublon(donnees, editeur)
        self._verifier_lien(donnees)
        return donnees

    def _verifier_doublon(self, donnees, editeur):
        titre = donnees.get("titre") or ""
        nom_editeur = editeur.nom if editeur else donnees.get("editeur_libre", "")
        existante = doublon_de(donnees.get("url", ""), titre, nom_editeur, exclure=self.instance)
        if existante is not None:
            self.doublon = existante
            champ = "url" if donnees.get("url") else "titre"
            self.add_error(
                champ,
                _("Déjà dans la bibliothèque : « %(titre)s » (%(statut)s). Voir %(lien)s")
                % {
                    "titre": existante.titre,
                    "statut": existante.get_statut_display().lower(),
                    "lien": existante.get_absolute_url(),
                },
            )

    def _verifier_lien(self, donnees):
        url = donnees.get("url")
        if not url or "url" in self.errors or (self.instance.pk and url == self.instance.url):
            return
        resultat = liens.verifier(url)
        self.resultat_lien = resultat
        if resultat.etat == EtatLien.MORT and not donnees.get("lien_mort_accepte"):
            self.fields["lien_mort_accepte"].widget = forms.CheckboxInput()
            self.add_error(
                "url",
                _(
                    "Ce lien ne mène à aucune page : %(detail)s. Vérifiez l'adresse, ou cochez "
                    "« Proposer quand même » si la page n'est que provisoirement indisponible."
                )
                % {"detail": resultat.detail},
            )

    def donnees(self) -> dict:
        """The cleaned data in the shape of ``services.bibliotheque``."""
        d = self.cleaned_data
        donnees = {nom: d.get(nom) for nom in CHAMPS}
        donnees["editeur_structure"] = d.get("editeur_annuaire")
        donnees["structures"] = d.get("structures_annuaire") or []
        donnees["transitions"] = list(d.get("transitions") or [])
        donnees["themes"] = list(d.get("themes") or [])
        donnees["epci"] = (d.get("epci_saisi") or [None])[0]
        donnees["commune"] = d.get("commune_saisie")
        donnees["editeur_libre"] = (d.get("editeur_libre") or "").strip()
        return donnees


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("approuver", _("Publier")),
            ("rejeter", _("Renvoyer en brouillon")),
            ("archiver", _("Archiver")),
        ]
    )
    message = forms.CharField(
        label=_("Message à la personne qui l'a proposée (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
