from django import forms
from django.utils.translation import gettext_lazy as _


class ChoixTerritoireForm(forms.Form):
    q = forms.CharField(
        label=_("Territoire"),
        max_length=100,
        help_text=_("Nom ou code : France, une région, un département, un EPCI (nom ou SIREN), une commune."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "placeholder": "Lille, 59, Hauts-de-France…"}),
    )


class ImportChiffresForm(forms.Form):
    fichier = forms.FileField(
        label=_("Fichier CSV ou XLSX"),
        help_text=_(
            "Colonnes : niveau, code, famille, secteur, année, établissements employeurs, emplois salariés, "
            "ETP, masse salariale."
        ),
    )
    source = forms.CharField(label=_("Source"), max_length=200, help_text=_("ex. INSEE Flores, URSSAF"))
    millesime = forms.CharField(label=_("Millésime de la source"), max_length=50, help_text=_("ex. 2022"))
    dry_run = forms.BooleanField(label=_("Simulation (ne rien enregistrer)"), required=False)
