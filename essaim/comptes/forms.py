from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Utilisateur


class ProfilForm(forms.ModelForm):
    class Meta:
        model = Utilisateur
        fields = ["first_name", "last_name", "organisation"]
        labels = {"first_name": _("Prénom"), "last_name": _("Nom")}


class SuppressionForm(forms.Form):
    confirmation = forms.CharField(
        label=_("Pour confirmer, saisissez votre adresse e-mail"),
        help_text=_("La suppression est définitive."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_confirmation(self):
        valeur = self.cleaned_data["confirmation"].strip().lower()
        if valeur != self.user.email:
            raise forms.ValidationError(_("L'adresse saisie ne correspond pas à celle du compte."))
        return valeur
