"""Forms of the staff and committee pages (the application form itself is built dynamically:
see ``services/formulaire.py``)."""

import json

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .enums import Avis, Decision, StatutCandidature, TypeCandidat, TypeQuestion
from .models import Appel, Evaluation, ModeleEmail, PieceKit
from .services.emails import verifier_gabarit
from .services.formulaire import valider_formulaire


class QuestionForm(forms.Form):
    cle = forms.CharField(
        label=gettext_lazy("Clé"),
        max_length=60,
        help_text=gettext_lazy("Identifiant technique stable : minuscules, chiffres et « _ »."),
    )
    libelle = forms.CharField(label=gettext_lazy("Libellé de la question"), max_length=300)
    type = forms.ChoiceField(label=gettext_lazy("Type de réponse"), choices=TypeQuestion.choices)
    obligatoire = forms.BooleanField(label=gettext_lazy("Réponse obligatoire"), required=False)
    choix = forms.CharField(
        label=gettext_lazy("Choix proposés"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Pour les questions à choix : une option par ligne, « valeur | libellé »."),
    )
    aide = forms.CharField(label=gettext_lazy("Aide"), required=False, max_length=500)

    def clean_choix(self):
        lignes = [ligne.strip() for ligne in self.cleaned_data["choix"].splitlines() if ligne.strip()]
        choix = []
        for ligne in lignes:
            valeur, _sep, libelle = ligne.partition("|")
            valeur, libelle = valeur.strip(), libelle.strip()
            choix.append([valeur, libelle or valeur])
        return choix

    @staticmethod
    def initial_depuis(question: dict) -> dict:
        return {
            **question,
            "choix": "\n".join(f"{v} | {lib}" for v, lib in question.get("choix") or []),
        }


class BaseQuestionFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        self.questions = valider_formulaire(self.questions_ordonnees())

    def questions_ordonnees(self) -> list[dict]:
        retenus = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        retenus = [f for f in retenus if f.cleaned_data.get("cle") or f.cleaned_data.get("libelle")]
        retenus.sort(key=lambda f: (f.cleaned_data.get("ORDER") is None, f.cleaned_data.get("ORDER") or 0))
        champs = ("cle", "libelle", "type", "obligatoire", "choix", "aide")
        return [{c: f.cleaned_data.get(c) for c in champs} for f in retenus]


QuestionFormSet = forms.formset_factory(
    QuestionForm, formset=BaseQuestionFormSet, extra=2, can_order=True, can_delete=True
)


class ImportFormulaireForm(forms.Form):
    definition = forms.CharField(
        label=gettext_lazy("Définition JSON"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "Collez le fichier exporté depuis un autre appel : il remplace les questions."
        ),
    )

    def clean_definition(self):
        try:
            donnees = json.loads(self.cleaned_data["definition"])
        except json.JSONDecodeError as erreur:
            raise ValidationError(
                _("JSON illisible (ligne %(ligne)s, colonne %(colonne)s) : %(msg)s")
                % {"ligne": erreur.lineno, "colonne": erreur.colno, "msg": erreur.msg}
            ) from erreur
        if isinstance(donnees, dict):
            donnees = donnees.get("questions", donnees.get("formulaire"))
        return valider_formulaire(donnees)


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = ["avis", "note", "commentaire"]
        widgets = {
            "avis": forms.RadioSelect,
            "commentaire": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons need no empty "---------" choice.
        self.fields["avis"].choices = Avis.choices


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=gettext_lazy("Décision"), widget=forms.RadioSelect)
    message = forms.CharField(
        label=gettext_lazy("Message à la personne candidate"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Inséré dans l'e-mail de décision (motifs, points à revoir, suite…)."),
    )
    notifier = forms.BooleanField(
        label=gettext_lazy("Envoyer l'e-mail de décision maintenant"),
        required=False,
        initial=True,
        help_text=gettext_lazy("Sinon, envoyez plus tard toutes les décisions en une fois."),
    )

    def __init__(self, *args, appel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = appel.choix_decision


class ModeleEmailForm(forms.ModelForm):
    class Meta:
        model = ModeleEmail
        fields = ["sujet", "corps"]
        widgets = {"corps": forms.Textarea(attrs={"rows": 14})}

    def clean_sujet(self):
        verifier_gabarit(self.cleaned_data["sujet"])
        return self.cleaned_data["sujet"]

    def clean_corps(self):
        verifier_gabarit(self.cleaned_data["corps"])
        return self.cleaned_data["corps"]


class FiltreCandidaturesForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Rechercher"), required=False)
    statut = forms.ChoiceField(
        label=gettext_lazy("Statut"),
        required=False,
        choices=[("", gettext_lazy("Tous"))] + [c for c in StatutCandidature.choices if c[0] != "brouillon"],
    )
    decision = forms.ChoiceField(label=gettext_lazy("Décision"), required=False)
    type_candidat = forms.ChoiceField(
        label=gettext_lazy("Type de candidat"),
        required=False,
        choices=[("", gettext_lazy("Tous")), *TypeCandidat.choices],
    )
    evaluation = forms.ChoiceField(
        label=gettext_lazy("Mon évaluation"),
        required=False,
        choices=[
            ("", gettext_lazy("Indifférent")),
            ("a_faire", gettext_lazy("À faire")),
            ("faite", gettext_lazy("Faite")),
        ],
    )

    def __init__(self, *args, appel, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [
            ("", _("Toutes")),
            ("aucune", _("Sans décision")),
            *appel.choix_decision,
        ]

    def filtrer(self, qs, user):
        if not self.is_valid():
            return qs
        donnees = self.cleaned_data
        if donnees["q"]:
            from django.db.models import Q

            q = donnees["q"]
            qs = qs.filter(
                Q(nom_structure__icontains=q)
                | Q(candidat__email__icontains=q)
                | Q(candidat__last_name__icontains=q)
                | Q(reponses__icontains=q)
            )
        if donnees["statut"]:
            qs = qs.filter(statut=donnees["statut"])
        if donnees["decision"] == "aucune":
            qs = qs.filter(decision="")
        elif donnees["decision"] in Decision.values:
            qs = qs.filter(decision=donnees["decision"])
        if donnees["type_candidat"]:
            qs = qs.filter(type_candidat=donnees["type_candidat"])
        if donnees["evaluation"] == "a_faire":
            qs = qs.exclude(evaluations__evaluateur=user)
        elif donnees["evaluation"] == "faite":
            qs = qs.filter(evaluations__evaluateur=user)
        return qs


class DateHeureInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class AppelForm(forms.ModelForm):
    """The call as CRESS staff edit it (the admin offers the same fields)."""

    types_candidats = forms.MultipleChoiceField(
        label=gettext_lazy("Qui peut candidater ?"),
        choices=TypeCandidat.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy("Aucune case cochée : tout type de candidat."),
    )
    libelle_retenue = forms.CharField(
        label=gettext_lazy("Libellé de la décision « retenue »"), required=False
    )
    libelle_a_revoir = forms.CharField(
        label=gettext_lazy("Libellé de la décision « à revoir »"), required=False
    )
    libelle_refusee = forms.CharField(
        label=gettext_lazy("Libellé de la décision « refusée »"), required=False
    )
    webinaire_lien = forms.URLField(
        label=gettext_lazy("Lien du webinaire"), required=False, assume_scheme="https"
    )

    class Meta:
        model = Appel
        fields = [
            "titre",
            "slug",
            "region",
            "chapeau",
            "description",
            "ouverture",
            "cloture",
            "publie",
            "contact_email",
            "types_candidats",
            "comite",
            "webinaire_titre",
            "webinaire_date",
            "webinaire_duree",
            "webinaire_lien",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 10}),
            "ouverture": DateHeureInput,
            "cloture": DateHeureInput,
            "webinaire_date": DateHeureInput,
            "comite": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from essaim.comptes.enums import Role
        from essaim.comptes.models import Utilisateur
        from essaim.territoires.rules import regions_gerables

        for champ in ("ouverture", "cloture", "webinaire_date"):
            self.fields[champ].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
        regions = regions_gerables(user)
        self.fields["region"].queryset = regions
        # The committee: CRESS staff and partners of the call's régions (or of the user's).
        codes = (
            [self.instance.region_id]
            if self.instance.region_id
            else list(regions.values_list("code", flat=True))
        )
        self.fields["comite"].queryset = (
            Utilisateur.objects.filter(
                role__in=[Role.PARTENAIRE, Role.CHARGE_MISSION], regions__code__in=codes
            )
            .distinct()
            .order_by("last_name", "email")
        )
        self.fields["comite"].help_text = _("Partenaires et chargé·es de mission de la région.")
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Laissez vide pour le déduire du titre.")
        libelles = self.instance.libelles_decision or {}
        for decision in Decision:
            self.fields[f"libelle_{decision.value}"].initial = libelles.get(decision.value, "")
            self.fields[f"libelle_{decision.value}"].help_text = _("Par défaut : %(d)s") % {
                "d": decision.label
            }

    def clean_slug(self):
        from django.utils.text import slugify

        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("titre") or "")[:100]
        base, n = slug or "appel", 2
        while Appel.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug

    def clean(self):
        donnees = super().clean()
        self.instance.libelles_decision = {
            d.value: donnees[f"libelle_{d.value}"].strip()
            for d in Decision
            if donnees.get(f"libelle_{d.value}", "").strip()
        }
        return donnees


class PieceKitForm(forms.ModelForm):
    class Meta:
        model = PieceKit
        fields = ["titre", "nature", "fichier", "ordre"]

    def clean_fichier(self):
        from .services.formulaire import EXTENSIONS_PAR_DEFAUT, FichierField

        fichier = self.cleaned_data["fichier"]
        FichierField(extensions=EXTENSIONS_PAR_DEFAUT, taille_max_mo=20).validate(fichier)
        return fichier
