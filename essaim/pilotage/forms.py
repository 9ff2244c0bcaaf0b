"""Forms of strategic plans: objectives, indicators (manual in one form, automatic by choosing a
computation and its parameters), measures (one, or every due one at once), progress notes."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from essaim.commun import indicateurs as registre
from essaim.commun.permissions import regions_d_action
from essaim.comptes.models import Utilisateur
from essaim.territoires.models import Region

from . import periodes
from .enums import Mode, NaturePriorite, TypeValeur
from .models import Action, Indicateur, NoteAvancement, Objectif, Plan, Priorite
from .services.validation import lire_valeur, verifier_periode


class PlanForm(forms.ModelForm):
    """A new plan with its priorities and cross-cutting conditions typed one per line."""

    priorites = forms.CharField(
        label=_("Priorités"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Une par ligne, dans l'ordre."),
    )
    conditions = forms.CharField(
        label=_("Conditions transversales"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Une par ligne."),
    )

    class Meta:
        model = Plan
        fields = [
            "region",
            "titre",
            "slug",
            "annee_debut",
            "annee_fin",
            "ambition",
            "principes",
            "publics",
            "document_source",
            "public",
        ]
        widgets = {
            "ambition": forms.Textarea(attrs={"rows": 3}),
            "principes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        codes = regions_d_action(user)
        regions = Region.objects.order_by("nom")
        self.fields["region"].queryset = regions if codes is None else regions.filter(code__in=codes)

    def clean(self):
        donnees = super().clean()
        debut, fin = donnees.get("annee_debut"), donnees.get("annee_fin")
        if debut and fin and fin < debut:
            self.add_error("annee_fin", f"Dernière année : {fin} précède la première année ({debut}).")
        return donnees

    @staticmethod
    def _lignes(texte):
        return [ligne.strip() for ligne in (texte or "").splitlines() if ligne.strip()]

    def save(self, commit=True):
        """Saves the plan and its priorities (``commit`` must stay True: they need its key)."""
        plan = super().save()
        for nature, champ in (
            (NaturePriorite.PRIORITE, "priorites"),
            (NaturePriorite.CONDITION, "conditions"),
        ):
            for ordre, titre in enumerate(self._lignes(self.cleaned_data.get(champ)), start=1):
                Priorite.objects.create(plan=plan, nature=nature, ordre=ordre, titre=titre[:400])
        return plan


class ActionForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = ["titre", "description", "objectifs", "debut", "fin", "statut", "livrables"]
        widgets = {
            "debut": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "fin": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "objectifs": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
            "livrables": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["objectifs"].queryset = Objectif.objects.filter(priorite__plan=plan)

    def clean(self):
        donnees = super().clean()
        debut, fin = donnees.get("debut"), donnees.get("fin")
        if debut and fin and fin < debut:
            self.add_error("fin", f"Fin : le {fin:%d/%m/%Y} précède le début ({debut:%d/%m/%Y}).")
        return donnees


class ObjectifForm(forms.ModelForm):
    class Meta:
        model = Objectif
        fields = ["priorite", "titre", "description", "type", "responsable", "partenaires", "horizon"]
        widgets = {
            "horizon": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priorite"].queryset = Priorite.objects.filter(plan=plan)
        self.fields["priorite"].label = _("Priorité ou condition transversale")
        self.fields["responsable"].queryset = Utilisateur.objects.filter(regions=plan.region).order_by(
            "email"
        )
        self.fields["partenaires"].widget.attrs["rows"] = 2


class ChampValeur(forms.CharField):
    """A value typed the French way ("1 234,5"); read against the indicator in the form's clean."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)


class _IndicateurBase(forms.ModelForm):
    reference = ChampValeur(label=_("Valeur de référence"))
    cible = ChampValeur(label=_("Cible"))

    def __init__(self, *args, objectif, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.objectif = objectif
        self.instance.plan = objectif.plan
        for nom in ("date_reference", "date_cible"):
            self.fields[nom].widget = forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})

    def _lire(self, nom, libelle):
        type_valeur = self.cleaned_data.get("type_valeur") or self.instance.type_valeur
        unite = self.cleaned_data.get("unite") or self.instance.unite
        try:
            return lire_valeur(self.cleaned_data.get(nom), type_valeur, unite, libelle)
        except ValidationError as erreur:
            self.add_error(nom, erreur)
            return None

    def clean(self):
        donnees = super().clean()
        donnees["reference"] = self._lire("reference", "Valeur de référence")
        donnees["cible"] = self._lire("cible", "Cible")
        return donnees

    def _post_clean(self):
        self.instance.reference = self.cleaned_data.get("reference")
        self.instance.cible = self.cleaned_data.get("cible")
        super()._post_clean()


class IndicateurManuelForm(_IndicateurBase):
    class Meta:
        model = Indicateur
        fields = [
            "code",
            "libelle",
            "unite",
            "type_valeur",
            "date_reference",
            "date_cible",
            "sens",
            "frequence",
            "source",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.mode = Mode.MANUEL
        self.order_fields(
            ["code", "libelle", "unite", "type_valeur", "reference", "date_reference", "cible", "date_cible"]
        )


class IndicateurAutomatiqueForm(_IndicateurBase):
    calcul = forms.ChoiceField(label=_("Calcul"), choices=())
    region = forms.ModelChoiceField(label=_("Région du calcul"), queryset=Region.objects.order_by("nom"))

    class Meta:
        model = Indicateur
        fields = ["code", "libelle", "date_reference", "date_cible", "sens", "frequence"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.mode = Mode.AUTOMATIQUE
        self.fields["calcul"].choices = [("", "—")] + registre.choix()
        self.fields["region"].initial = self.instance.plan.region_id
        self.fields["code"].required = self.fields["libelle"].required = False
        self.fields["code"].help_text = _("Vide : le code du calcul.")
        self.fields["libelle"].help_text = _("Vide : le libellé du calcul.")
        self.order_fields(
            ["calcul", "region", "code", "libelle", "reference", "date_reference", "cible", "date_cible"]
        )

    def clean(self):
        code = self.cleaned_data.get("calcul")
        if code:
            calcul = registre.obtenir(code)
            self.instance.calcul = calcul.code
            self.instance.unite = calcul.unite
            self.instance.type_valeur = TypeValeur.POURCENTAGE if calcul.unite == "%" else TypeValeur.NOMBRE
            self.instance.source = f"Calcul automatique d'Essaim : {calcul.libelle}"
            self.cleaned_data["code"] = self.cleaned_data.get("code") or calcul.code
            self.cleaned_data["libelle"] = self.cleaned_data.get("libelle") or calcul.libelle
        region = self.cleaned_data.get("region")
        self.instance.parametres = {"region": region.code} if region else {}
        return super().clean()


class MesureForm(forms.Form):
    periode = forms.CharField(label=_("Période"), max_length=10)
    valeur = ChampValeur(label=_("Valeur"), required=True)
    date = forms.DateField(
        label=_("Date de la mesure"),
        required=False,
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    commentaire = forms.CharField(
        label=_("Commentaire"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    preuve_lien = forms.URLField(
        label=_("Preuve (lien)"), required=False, max_length=500, assume_scheme="https"
    )
    preuve_fichier = forms.FileField(label=_("Preuve (fichier)"), required=False)
    version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2_147_483_647
    )

    def __init__(self, *args, indicateur: Indicateur, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicateur = indicateur
        exemple = periodes.EXEMPLES[indicateur.frequence]
        self.fields["periode"].help_text = _("Par exemple : %(e)s.") % {"e": exemple}
        self.fields["valeur"].help_text = f"{indicateur.unite} — {indicateur.get_type_valeur_display()}"

    def clean_periode(self):
        return verifier_periode(self.indicateur, self.cleaned_data["periode"])

    def clean_valeur(self):
        i = self.indicateur
        return lire_valeur(self.cleaned_data["valeur"], i.type_valeur, i.unite)


class MesuresDuesForm(forms.Form):
    """One value field per (indicator, period) due; blank ones are left for later."""

    def __init__(self, *args, dues, **kwargs):
        super().__init__(*args, **kwargs)
        self.dues = {}
        for due in dues:
            nom = f"valeur_{due.indicateur.pk}_{due.periode}"
            self.dues[nom] = due
            self.fields[nom] = ChampValeur(
                label=f"{due.indicateur.libelle} — {due.periode}", help_text=due.indicateur.unite
            )

    def clean(self):
        donnees = super().clean()
        for nom, due in self.dues.items():
            if donnees.get(nom):
                i = due.indicateur
                try:
                    donnees[nom] = lire_valeur(
                        donnees[nom], i.type_valeur, i.unite, f"Valeur de « {i.libelle} »"
                    )
                except ValidationError as erreur:
                    self.add_error(nom, erreur)
        return donnees

    def saisies(self):
        return [
            (due, self.cleaned_data[nom])
            for nom, due in self.dues.items()
            if self.cleaned_data.get(nom) is not None
        ]


class NoteForm(forms.ModelForm):
    class Meta:
        model = NoteAvancement
        fields = ["periode", "date", "texte"]
        widgets = {
            "date": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "texte": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, objectif, **kwargs):
        super().__init__(*args, **kwargs)
        self.objectif = objectif
        self.fields["periode"].help_text = _("L'année concernée, par exemple 2024.")

    def clean_periode(self):
        plan = self.objectif.plan
        periode = self.cleaned_data["periode"].strip()
        try:
            annee, _partie = periodes.analyser(periode, "annuelle")
        except periodes.PeriodeInvalide as erreur:
            raise ValidationError(f"Période : {erreur}") from None
        if not plan.annee_debut <= annee <= plan.annee_fin:
            raise ValidationError(
                f"Période : « {periode} » est hors du plan, qui couvre {plan.annee_debut} à {plan.annee_fin}."
            )
        return periode


class StatutObjectifForm(forms.Form):
    statut = forms.ChoiceField(label=_("Nouveau statut"))
    raison = forms.CharField(label=_("Raison"), required=False, max_length=200)

    def __init__(self, *args, objectif, **kwargs):
        super().__init__(*args, **kwargs)
        from .enums import StatutObjectif

        possibles = StatutObjectif.transitions.get(StatutObjectif(objectif.statut), frozenset())
        self.fields["statut"].choices = [(s.value, s.label) for s in StatutObjectif if s in possibles]
