from django import forms
from django.utils.translation import gettext_lazy as _


class ChoixTerritoireForm(forms.Form):
    q = forms.CharField(
        label=_("Territoire"),
        max_length=100,
        help_text=_("Nom ou code : France, une région, un département, un EPCI (nom ou SIREN), une commune."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "Lille, 59, Hauts-de-France…"}),
    )
