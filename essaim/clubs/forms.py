from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.commun.dates import date_longue
from essaim.commun.html import nettoyer_html
from essaim.territoires.forms import CommuneField

from .enums import SensAnnonce
from .models import Annonce, Rencontre
from .services.rencontres import CONSERVATION_MOIS


class DemandeAdhesionForm(forms.Form):
    structure = forms.ModelChoiceField(label=_("Structure"), queryset=None, empty_label=None)
    fonction = forms.CharField(label=_("Votre fonction dans la structure"), max_length=150, required=False)
    message = forms.CharField(
        label=_("Message à l'animateur·rice (facultatif)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, structures=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures
        self.fields["structure"].help_text = _(
            "Vous serez la personne contact de la structure pour le club (nom et e-mail visibles des "
            "autres membres et de la CRESS ; retirés quand la structure quitte le club)."
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accepter", _("Accepter")), ("refuser", _("Refuser"))])
    motif = forms.CharField(
        label=_("Motif (en cas de refus)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RencontreForm(forms.ModelForm):
    commune = CommuneField(
        label=_("Commune"), required=False, help_text=_("Laissez vide pour une rencontre en ligne.")
    )
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Rencontre
        fields = [
            "titre",
            "type",
            "date",
            "heure_debut",
            "heure_fin",
            "en_ligne",
            "commune",
            "lieu",
            "programme",
            "intervenants",
            "capacite",
            "reservee_adherents",
            "inscriptions_ouvertes",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "heure_debut": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "heure_fin": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "programme": forms.Textarea(attrs={"rows": 5}),
            "intervenants": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.modifie_le.isoformat())
            if self.instance.commune_id:
                self.initial["commune"] = f"{self.instance.commune.nom} ({self.instance.commune.code})"

    def clean_date(self):
        date = self.cleaned_data["date"]
        inchangee = self.instance.pk and self.instance.date == date
        if date and date < timezone.localdate() and not inchangee:
            raise forms.ValidationError(
                _(
                    "La date du %(date)s est passée : une rencontre se programme à partir d'aujourd'hui "
                    "(%(aujourd_hui)s). Pour garder trace d'une rencontre passée, rédigez son compte rendu."
                )
                % {"date": date_longue(date), "aujourd_hui": date_longue(timezone.localdate())}
            )
        return date

    def clean_programme(self):
        return nettoyer_html(self.cleaned_data["programme"])

    def clean(self):
        donnees = super().clean()
        debut, fin = donnees.get("heure_debut"), donnees.get("heure_fin")
        if debut and fin and fin <= debut:
            self.add_error(
                "heure_fin",
                _("L'heure de fin (%(fin)s) doit suivre l'heure de début (%(debut)s).")
                % {"fin": fin.strftime("%H:%M"), "debut": debut.strftime("%H:%M")},
            )
        if not donnees.get("en_ligne") and not donnees.get("commune") and "commune" not in self.errors:
            self.add_error("commune", _("Indiquez la commune, ou cochez « en ligne »."))
        version = donnees.get("version")
        if self.instance.pk and version and version != self.instance.modifie_le.isoformat():
            raise forms.ValidationError(
                _(
                    "Quelqu'un a modifié cette rencontre pendant que vous la modifiiez. Votre saisie est "
                    "conservée ci-dessous : rechargez la page dans un autre onglet pour voir l'autre "
                    "version, "
                    "puis enregistrez de nouveau."
                )
            )
        return donnees


class CompteRenduForm(forms.ModelForm):
    class Meta:
        model = Rencontre
        fields = ["compte_rendu", "decisions", "participants_declares", "ressources"]
        widgets = {
            "ressources": forms.CheckboxSelectMultiple,
            "compte_rendu": forms.Textarea(attrs={"rows": 6}),
            "decisions": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from essaim.ressources.models import Ressource

        # Published library items, and those already linked (even if since unpublished).
        deja = self.instance.ressources.values("pk") if self.instance.pk else []
        self.fields["ressources"].queryset = Ressource.objects.filter(
            Q(pk__in=Ressource.objects.publiees().values("pk")) | Q(pk__in=deja)
        ).order_by("titre")

    def clean_compte_rendu(self):
        return nettoyer_html(self.cleaned_data["compte_rendu"])


class InscriptionForm(forms.Form):
    prenom = forms.CharField(label=_("Prénom"), max_length=100)
    nom = forms.CharField(label=_("Nom"), max_length=100)
    email = forms.EmailField(label=_("Adresse e-mail"))
    organisation = forms.CharField(label=_("Structure (facultatif)"), max_length=200, required=False)
    consentement = forms.BooleanField(
        label=_("J'accepte que ces informations servent à gérer mon inscription et la feuille d'émargement."),
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consentement"].help_text = _(
            "Destinataires : l'animateur·rice du club et la CRESS. Données conservées %(mois)s mois après "
            "la rencontre, puis supprimées ; vous pouvez annuler et les effacer à tout moment."
        ) % {"mois": CONSERVATION_MOIS}


class AnnonceForm(forms.ModelForm):
    structure = forms.ModelChoiceField(label=_("Au nom de"), queryset=None, empty_label=None)

    class Meta:
        model = Annonce
        fields = ["sens", "categorie", "titre", "description", "structure", "expire_le"]
        widgets = {
            "sens": forms.RadioSelect(choices=SensAnnonce.choices),
            "expire_le": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, structures=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["structure"].queryset = structures

    def clean_expire_le(self):
        date = self.cleaned_data["expire_le"]
        if date < timezone.localdate():
            raise forms.ValidationError(
                _("La date d'expiration (%(date)s) est passée : choisissez une date à venir.")
                % {"date": date_longue(date)}
            )
        return date


class ContactAnnonceForm(forms.Form):
    message = forms.CharField(
        label=_("Votre message"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Envoyé par courriel à l'auteur de l'annonce, dont l'adresse ne vous est pas montrée. "
            "Votre adresse lui sera donnée pour qu'il ou elle vous réponde."
        ),
    )
