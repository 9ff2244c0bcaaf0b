"""Admin of strategic plans: région-scoped for CRESS staff, with history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from essaim.commun.admin import AdminPerimetreRegional, ChoixDansLePerimetre

from .models import Action, Indicateur, Mesure, NoteAvancement, Objectif, Plan, Priorite


class PrioriteEnLigne(ChoixDansLePerimetre, admin.TabularInline):
    model = Priorite
    extra = 0
    fields = ["nature", "ordre", "titre"]


@admin.register(Plan)
class PlanAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["titre", "region", "annee_debut", "annee_fin", "public", "demo"]
    list_filter = ["region", "public", "demo"]
    search_fields = ["titre", "slug"]
    prepopulated_fields = {"slug": ["titre"]}
    filter_horizontal = ["partage_avec"]
    inlines = [PrioriteEnLigne]


@admin.register(Objectif)
class ObjectifAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["titre", "priorite", "type", "statut", "responsable", "horizon", "demo"]
    list_filter = ["statut", "type", "demo"]
    search_fields = ["titre"]
    raw_id_fields = ["responsable"]


@admin.register(Indicateur)
class IndicateurAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["code", "libelle", "objectif", "mode", "calcul", "cible", "frequence"]
    list_filter = ["mode", "frequence", "plan"]
    search_fields = ["code", "libelle"]


@admin.register(Mesure)
class MesureAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["indicateur", "periode", "valeur", "date", "saisie_par", "calculee_le"]
    list_filter = ["periode"]
    raw_id_fields = ["indicateur", "saisie_par"]
    readonly_fields = ["calculee_le", "version"]


@admin.register(NoteAvancement)
class NoteAvancementAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["objectif", "periode", "date", "auteur"]
    raw_id_fields = ["objectif", "auteur"]


@admin.register(Action)
class ActionAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["titre", "plan", "statut", "debut", "fin"]
    list_filter = ["statut", "plan"]
    filter_horizontal = ["objectifs"]
