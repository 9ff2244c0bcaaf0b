from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from essaim.commun.admin import AdminPerimetreRegional, ChoixDansLePerimetre
from essaim.commun.permissions import est_administrateur

from .enums import TypeCandidat
from .forms import ModeleEmailForm
from .models import Appel, Candidature, Evaluation, ModeleEmail, PieceJointe, PieceKit
from .rules import appels_gerables


class AppelAdminForm(forms.ModelForm):
    types_candidats = forms.MultipleChoiceField(
        label=_("Types de candidats éligibles"),
        choices=TypeCandidat.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    webinaire_lien = forms.URLField(label=_("Lien du webinaire"), required=False, assume_scheme="https")

    class Meta:
        model = Appel
        fields = [
            "titre",
            "slug",
            "region",
            "chapeau",
            "description",
            "publie",
            "contact_email",
            "ouverture",
            "cloture",
            "types_candidats",
            "formulaire",
            "libelles_decision",
            "comite",
            "webinaire_titre",
            "webinaire_date",
            "webinaire_duree",
            "webinaire_lien",
        ]


class PieceKitInline(ChoixDansLePerimetre, admin.TabularInline):
    model = PieceKit
    extra = 1
    fields = ["titre", "nature", "fichier", "ordre"]


@admin.register(Appel)
class AppelAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    form = AppelAdminForm
    list_display = ["titre", "region", "ouverture", "cloture", "publie"]
    list_filter = ["region", "publie"]
    search_fields = ["titre", "slug"]
    prepopulated_fields = {"slug": ["titre"]}
    filter_horizontal = ["comite"]
    inlines = [PieceKitInline]
    fieldsets = [
        (None, {"fields": ["titre", "slug", "region", "chapeau", "description", "publie", "contact_email"]}),
        (_("Calendrier"), {"fields": ["ouverture", "cloture"]}),
        (_("Éligibilité et formulaire"), {"fields": ["types_candidats", "formulaire", "libelles_decision"]}),
        (_("Comité"), {"fields": ["comite"]}),
        (
            _("Webinaire d'information"),
            {"fields": ["webinaire_titre", "webinaire_date", "webinaire_duree", "webinaire_lien"]},
        ),
    ]


class PieceJointeInline(ChoixDansLePerimetre, admin.TabularInline):
    model = PieceJointe
    extra = 0
    readonly_fields = ["cle", "nom_original", "taille", "fichier", "deposee_le"]


class EvaluationInline(ChoixDansLePerimetre, admin.TabularInline):
    model = Evaluation
    extra = 0
    fields = ["evaluateur", "avis", "note", "commentaire"]


@admin.register(Candidature)
class CandidatureAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["__str__", "appel", "statut", "decision", "deposee_le"]
    list_filter = ["appel", "statut", "decision", "type_candidat"]
    search_fields = ["nom_structure", "candidat__email"]
    raw_id_fields = ["candidat", "structure", "decidee_par"]
    readonly_fields = ["deposee_le", "decidee_le", "notifiee_le"]
    inlines = [PieceJointeInline, EvaluationInline]


@admin.register(Evaluation)
class EvaluationAdmin(AdminPerimetreRegional):
    list_display = ["candidature", "evaluateur", "avis", "note"]
    list_filter = ["avis"]
    raw_id_fields = ["candidature", "evaluateur"]


@admin.register(ModeleEmail)
class ModeleEmailAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    """Defaults (no call) are the administrators' business; staff edit their calls' templates."""

    form = ModeleEmailForm
    list_display = ["nature", "appel", "sujet"]
    list_filter = ["nature"]
    fields = ["appel", "nature", "sujet", "corps"]

    def get_form(self, request, obj=None, **kwargs):
        kwargs["fields"] = self.fields
        form = super().get_form(request, obj, **kwargs)
        if not est_administrateur(request.user):
            # Staff edit their own calls' templates; platform defaults belong to administrators.
            champ = form.base_fields["appel"]
            champ.required = True
            champ.queryset = appels_gerables(request.user)
        return form
