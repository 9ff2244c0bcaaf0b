"""Forms of the follow-up files, DLA referrals and supported territories."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from essaim.annuaire.models import Structure
from essaim.commun.roles import Role
from essaim.conference.models import TransitionConference

from .enums import EtapeDLA, IssueDLA, Periode, StatutPolitiqueESS, StatutSuivi
from .models import Action, Convention, Evenement, Orientation, ProjetTransition, Referent
from .services.suivis import indicateurs

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def personnes_de_la_region(region_code):
    """Who may be made responsible or accompanying person: staff and partners of the région."""
    return (
        get_user_model()
        .objects.filter(
            Q(role__in=[Role.CHARGE_MISSION, Role.PARTENAIRE], regions__code=region_code)
            | Q(role=Role.ADMINISTRATEUR)
        )
        .distinct()
        .order_by("last_name", "first_name", "email")
    )


class EvenementForm(forms.ModelForm):
    class Meta:
        model = Evenement
        fields = [
            "type",
            "date",
            "titre",
            "texte",
            "prochaines_etapes",
            "accompagnateur",
            "interne",
            "fichier",
        ]
        widgets = {
            "date": DATE,
            "texte": forms.Textarea(attrs={"rows": 4}),
            "prochaines_etapes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, suivi, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [c for c in self.fields["type"].choices if c[0] != "statut"]
        self.fields["accompagnateur"].queryset = personnes_de_la_region(suivi.region_id)
        self.fields["accompagnateur"].required = False

    def clean(self):
        donnees = super().clean()
        if not (donnees.get("texte") or donnees.get("titre") or donnees.get("fichier")):
            raise ValidationError(
                _("Écrivez un titre, un texte ou joignez un fichier : l'entrée serait vide.")
            )
        return donnees


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["libelle", "echeance", "jalon", "responsable"]
        widgets = {"echeance": DATE}

    def __init__(self, *args, suivi, **kwargs):
        kwargs.setdefault("instance", Action(suivi=suivi))
        super().__init__(*args, **kwargs)
        self.fields["responsable"].queryset = personnes_de_la_region(suivi.region_id)


class ConventionForm(forms.ModelForm):
    class Meta:
        model = Convention
        fields = ["intitule", "montant", "debut", "fin", "signee_le", "conditions"]
        widgets = {
            "debut": DATE,
            "fin": DATE,
            "signee_le": DATE,
            "conditions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, suivi, **kwargs):
        kwargs.setdefault("instance", Convention(suivi=suivi))
        super().__init__(*args, **kwargs)


class ResultatForm(forms.Form):
    """One number field per numeric question of the call's form, plus the period."""

    periode = forms.TypedChoiceField(label=_("Période"), choices=Periode.choices, coerce=int)
    commentaire = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    corriger = forms.BooleanField(
        label=_("Corriger la déclaration déjà faite pour cette période"),
        required=False,
        help_text=_("L'ancienne déclaration reste dans l'historique."),
    )

    def __init__(self, *args, suivi, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = indicateurs(suivi.candidature.appel) if suivi.candidature_id else []
        for q in self.questions:
            prevu = (suivi.candidature.reponses or {}).get(q["cle"])
            self.fields[f"q_{q['cle']}"] = forms.DecimalField(
                label=q["libelle"],
                required=False,
                min_value=q.get("min"),
                max_value=q.get("max", 1_000_000_000),
                max_digits=14,
                decimal_places=2,
                help_text=_("Prévu dans la candidature : %(p)s") % {"p": prevu} if prevu is not None else "",
            )

    def valeurs(self) -> dict:
        sortie = {}
        for q in self.questions:
            v = self.cleaned_data.get(f"q_{q['cle']}")
            if v is not None:
                sortie[q["cle"]] = int(v) if v == v.to_integral_value() else float(v)
        return sortie


class StatutSuiviForm(forms.Form):
    statut = forms.ChoiceField(label=_("Nouveau statut"), choices=StatutSuivi.choices)


class AffectationForm(forms.Form):
    responsable = forms.ModelChoiceField(label=_("Responsable"), queryset=None, required=False)
    accompagnateur = forms.ModelChoiceField(label=_("Accompagnateur·rice"), queryset=None, required=False)

    def __init__(self, *args, suivi, **kwargs):
        super().__init__(*args, **kwargs)
        personnes = personnes_de_la_region(suivi.region_id)
        self.fields["responsable"].queryset = personnes
        self.fields["accompagnateur"].queryset = personnes


class EtapeDLAForm(forms.Form):
    etape = forms.ChoiceField(label=_("Étape"), choices=EtapeDLA.choices)
    date = forms.DateField(label=_("Date"), required=False, widget=DATE)
    issue = forms.ChoiceField(
        label=_("Issue (à la fin)"), choices=[("", "—"), *IssueDLA.choices], required=False
    )

    def clean(self):
        donnees = super().clean()
        if donnees.get("etape") == EtapeDLA.TERMINEE and not donnees.get("issue"):
            self.add_error("issue", _("Indiquez l'issue de l'accompagnement pour le terminer."))
        return donnees


def trouver_structure(texte: str):
    """A directory record from its number, SIRET, slug or page address."""
    texte = (texte or "").strip().rstrip("/")
    chiffres = re.sub(r"\s", "", texte)
    if re.fullmatch(r"\d{14}", chiffres):
        return Structure.objects.filter(siret=chiffres).first()
    if re.fullmatch(r"\d{1,12}", chiffres):
        return Structure.objects.filter(pk=int(chiffres)).first()
    slug = texte.rsplit("/", 1)[-1]
    return Structure.objects.filter(slug=slug).first() if slug else None


class OrientationForm(forms.ModelForm):
    structure_texte = forms.CharField(
        label=_("Structure de l'annuaire"),
        help_text=_("Numéro, SIRET ou adresse de sa fiche dans l'annuaire."),
        max_length=300,
    )
    accompagnateur = forms.ModelChoiceField(label=_("Accompagnateur·rice"), queryset=None, required=False)

    class Meta:
        model = Orientation
        fields = ["region", "departement", "besoin", "domaine", "prescripteur", "date_orientation", "freins"]
        widgets = {"date_orientation": DATE, "freins": forms.CheckboxSelectMultiple}

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["departement"].queryset = self.fields["departement"].queryset.filter(region__in=regions)
        self.fields["freins"].queryset = (
            TransitionConference.objects.filter(conference__region__in=regions)
            .exclude(freins="")
            .select_related("conference")
        )
        self.fields["freins"].label_from_instance = lambda tc: (
            f"{tc.conference} — {tc.get_transition_display()}"
        )
        self.fields["accompagnateur"].queryset = (
            get_user_model()
            .objects.filter(
                Q(role__in=[Role.CHARGE_MISSION, Role.PARTENAIRE], regions__in=regions)
                | Q(role=Role.ADMINISTRATEUR)
            )
            .distinct()
        )
        self.order_fields(["structure_texte"])

    def clean_structure_texte(self):
        structure = trouver_structure(self.cleaned_data["structure_texte"])
        if structure is None:
            raise ValidationError(
                _("Aucune fiche de l'annuaire ne correspond à « %(t)s ».")
                % {"t": self.cleaned_data["structure_texte"]}
            )
        self.instance.structure = structure
        return self.cleaned_data["structure_texte"]

    def _update_errors(self, errors):
        # The model names the structure; the form asks for it as text.
        if hasattr(errors, "error_dict") and "structure" in errors.error_dict:
            errors.error_dict["structure_texte"] = errors.error_dict.pop("structure")
        super()._update_errors(errors)


class ChangementStatutForm(forms.Form):
    statut = forms.ChoiceField(label=_("Politique ESS"), choices=StatutPolitiqueESS.choices)
    date = forms.DateField(
        label=_("Date du changement"),
        widget=DATE,
        error_messages={"required": _("Indiquez la date du changement de statut : elle est obligatoire.")},
    )
    commentaire = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PiloteForm(forms.Form):
    pilote = forms.BooleanField(label=_("Territoire pilote"), required=False)


class ReferentForm(forms.ModelForm):
    class Meta:
        model = Referent
        fields = ["qualite", "nom", "fonction", "email"]


def _structures_de_la_region(texte, region_code):
    """Directory records named one per line (number, SIRET or address), all in the région."""
    structures, erreurs = [], []
    for ligne in [ligne.strip() for ligne in (texte or "").splitlines() if ligne.strip()]:
        structure = trouver_structure(ligne)
        if structure is None:
            erreurs.append(_("Aucune fiche de l'annuaire ne correspond à « %(t)s ».") % {"t": ligne})
        elif structure.region_id != region_code:
            erreurs.append(_("« %(n)s » est hors de la région du territoire.") % {"n": structure.nom})
        else:
            structures.append(structure)
    if erreurs:
        raise ValidationError(erreurs)
    return structures


class ProjetForm(forms.ModelForm):
    structures_texte = forms.CharField(
        label=_("Structures de l'ESS associées"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Une par ligne : numéro, SIRET ou adresse de la fiche dans l'annuaire."),
    )

    class Meta:
        model = ProjetTransition
        fields = ["intitule", "description", "domaine", "debut"]
        widgets = {"debut": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, region_code, **kwargs):
        super().__init__(*args, **kwargs)
        self.region_code = region_code

    def clean_structures_texte(self):
        self.structures = _structures_de_la_region(self.cleaned_data["structures_texte"], self.region_code)
        return self.cleaned_data["structures_texte"]


class PTCEForm(forms.Form):
    structure_texte = forms.CharField(
        label=_("PTCE présent (fiche de l'annuaire)"),
        help_text=_("Numéro, SIRET ou adresse de sa fiche dans l'annuaire."),
        max_length=300,
    )

    def __init__(self, *args, region_code, **kwargs):
        super().__init__(*args, **kwargs)
        self.region_code = region_code

    def clean_structure_texte(self):
        self.structure = _structures_de_la_region(self.cleaned_data["structure_texte"], self.region_code)[0]
        return self.cleaned_data["structure_texte"]
