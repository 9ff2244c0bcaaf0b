from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.territoires.forms import CommuneField

from .enums import CritereEcoResponsable, Format, PrecisionDate, Transition
from .models import Atelier, EnjeuTransversal, FicheSynthese, ProjetInspirant, Ressource, TransitionConference


class InscriptionForm(forms.Form):
    prenom = forms.CharField(label=_("Prénom"), max_length=100)
    nom = forms.CharField(label=_("Nom"), max_length=100)
    email = forms.EmailField(label=_("Adresse e-mail"))
    organisation = forms.CharField(label=_("Structure (facultatif)"), max_length=200, required=False)
    consentement = forms.BooleanField(
        label=_("J'accepte que ces informations servent à gérer mon inscription et la feuille d'émargement."),
        required=True,
    )

    def __init__(self, *args, atelier=None, **kwargs):
        super().__init__(*args, **kwargs)
        if atelier is not None:
            self.fields["consentement"].help_text = _(
                "Destinataires : l'organisateur de l'atelier et la CRESS. Données conservées "
                "%(mois)s mois après l'atelier, puis supprimées ; vous pouvez annuler et les effacer "
                "à tout moment."
            ) % {"mois": atelier.conference.duree_conservation_mois}


class StructuresAnnuaireField(forms.CharField):
    """Directory records named one per line by SIRET, SIREN or exact name (accents/case folded)."""

    widget = forms.Textarea(attrs={"rows": 2})
    # The records the user may name (set by the form from ``structures_visibles(user)``).
    structures = None

    def to_python(self, value):
        from essaim.annuaire.models import Structure
        from essaim.commun.normalisation import normaliser_nom

        fiches = self.structures if self.structures is not None else Structure.objects.all()

        trouvees, inconnues = [], []
        for ligne in (value or "").splitlines():
            cle = ligne.strip()
            if not cle:
                continue
            chiffres = cle.replace(" ", "")
            if chiffres.isdigit() and len(chiffres) in (9, 14):
                champ = "siret" if len(chiffres) == 14 else "siren"
                structure = fiches.filter(**{champ: chiffres}).first()
            else:
                nom = normaliser_nom(cle)
                # No folded-name column in the directory: compare folded names in Python, on
                # ids and names only (a form submission, a few thousand rows at most).
                candidates = [
                    pk for pk, n in fiches.values_list("pk", "nom").iterator() if normaliser_nom(n) == nom
                ]
                candidates = list(fiches.filter(pk__in=candidates))
                structure = candidates[0] if len(candidates) == 1 else None
            (trouvees if structure else inconnues).append(structure or cle)
        if inconnues:
            raise forms.ValidationError(
                _(
                    "Structure(s) introuvable(s) dans l'annuaire : %(noms)s. Indiquez le SIRET, ou laissez "
                    "l'organisateur en texte libre."
                )
                % {"noms": ", ".join(f"« {n} »" for n in inconnues)}
            )
        return trouvees


class AtelierForm(forms.ModelForm):
    structures_annuaire = StructuresAnnuaireField(
        label=_("Structures organisatrices de l'annuaire"),
        required=False,
        help_text=_("Une par ligne : SIRET, SIREN ou nom exact de la fiche de l'annuaire."),
    )
    transitions = forms.MultipleChoiceField(
        label=_("Transitions abordées"), choices=Transition.choices, widget=forms.CheckboxSelectMultiple
    )
    eco_responsable = forms.MultipleChoiceField(
        label=_("Démarche éco-responsable"),
        choices=CritereEcoResponsable.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    commune = CommuneField(
        label=_("Commune"), required=False, help_text=_("Laissez vide pour un atelier en ligne.")
    )
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices)

    class Meta:
        model = Atelier
        fields = [
            "intitule",
            "organisateurs_libres",
            "transitions",
            "date",
            "precision_date",
            "heure_debut",
            "heure_fin",
            "format",
            "commune",
            "lieu",
            "capacite",
            "description",
            "public",
            "eco_responsable",
            "inscriptions_ouvertes",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "heure_debut": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "heure_fin": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "organisateurs_libres": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            from essaim.annuaire.rules import structures_visibles

            # Unpublished records are named only by their managers and their région's staff.
            self.fields["structures_annuaire"].structures = structures_visibles(user)
        if self.instance and self.instance.commune_id:
            self.initial["commune"] = f"{self.instance.commune.nom} ({self.instance.commune.code})"
        if self.instance and self.instance.pk:
            self.initial["structures_annuaire"] = "\n".join(
                s.siret or s.nom for s in self.instance.structures.all()
            )
        self.order_fields(["intitule", "organisateurs_libres", "structures_annuaire"])

    def save(self, commit=True):
        atelier = super().save(commit=commit)
        if commit:
            atelier.structures.set(self.cleaned_data.get("structures_annuaire") or [])
        return atelier

    def clean(self):
        donnees = super().clean()
        if donnees.get("format") == Format.PRESENTIEL and not donnees.get("commune"):
            self.add_error("commune", _("Indiquez la commune d'un atelier en présentiel."))
        date = donnees.get("date")
        conference = self.instance.conference
        if date and conference:
            from .services.editions import bornes_edition

            debut, fin = bornes_edition(conference)
            if not (debut.replace(day=1) <= date <= fin):
                self.add_error(
                    "date",
                    _("La date doit être comprise entre le %(d)s et le %(f)s.")
                    % {"d": debut.strftime("%d/%m/%Y"), "f": fin.strftime("%d/%m/%Y")},
                )
        if donnees.get("precision_date") == PrecisionDate.MOIS and date:
            donnees["date"] = date.replace(day=1)
        return donnees


class DeclarationParticipantsForm(forms.ModelForm):
    class Meta:
        model = Atelier
        fields = ["participants_declares"]


class FicheSyntheseForm(forms.ModelForm):
    class Meta:
        model = FicheSynthese
        fields = ["participants", "problematique", "leviers", "freins", "remarques"]
        widgets = {
            champ: forms.Textarea(attrs={"rows": 4})
            for champ in ("problematique", "leviers", "freins", "remarques")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].required = True


class ProjetForm(forms.ModelForm):
    lien = forms.URLField(label=_("Lien"), required=False, assume_scheme="https")

    class Meta:
        model = ProjetInspirant
        fields = ["nom", "territoire", "lien"]


class RessourceForm(forms.ModelForm):
    lien = forms.URLField(label=_("Lien"), required=False, assume_scheme="https")

    class Meta:
        model = Ressource
        fields = ["titre", "lien"]


ProjetsFormSet = forms.inlineformset_factory(
    FicheSynthese, ProjetInspirant, form=ProjetForm, extra=2, can_delete=True
)
RessourcesFormSet = forms.inlineformset_factory(
    FicheSynthese, Ressource, form=RessourceForm, extra=2, can_delete=True
)


class ConsolidationForm(forms.ModelForm):
    class Meta:
        model = TransitionConference
        fields = ["question", "problematique", "leviers", "freins", "projets", "outils", "medias"]


EnjeuxFormSet = forms.inlineformset_factory(
    TransitionConference.conference.field.related_model,
    EnjeuTransversal,
    fields=["numero", "titre", "texte", "exemples"],
    extra=1,
    can_delete=True,
)
