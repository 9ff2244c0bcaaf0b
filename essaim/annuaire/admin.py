"""Admin of the directory: région-scoped for CRESS staff, vocabularies editable."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from essaim.commun.admin import AdminPerimetreRegional, ChoixDansLePerimetre
from essaim.comptes.enums import Role

from .models import (
    Agrement,
    Gestion,
    ImportStructures,
    Lieu,
    ModificationEnAttente,
    ReglageRegion,
    Revendication,
    Signalement,
    Structure,
    Theme,
    Transition,
)


class LieuInline(ChoixDansLePerimetre, admin.TabularInline):
    model = Lieu
    extra = 0
    autocomplete_fields = ["commune"]
    fields = [
        "nom",
        "adresse",
        "code_postal",
        "commune",
        "latitude",
        "longitude",
        "etat_geocodage",
        "principal",
    ]


class GestionInline(ChoixDansLePerimetre, admin.TabularInline):
    model = Gestion
    extra = 0
    raw_id_fields = ["utilisateur"]


@admin.register(Structure)
class StructureAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["nom", "statut", "famille", "commune", "est_demo", "modifie_le"]
    list_filter = ["statut", "famille", "est_demo", "a_controler", "etat_enrichissement"]
    search_fields = ["nom", "sigle", "siret", "siren"]
    filter_horizontal = ["themes", "transitions", "agrements"]
    raw_id_fields = ["commune", "fusionnee_dans", "cree_par"]
    readonly_fields = ["region", "latitude", "longitude", "version", "cree_le", "modifie_le"]
    exclude = ["territoire_communes", "territoire_epcis"]
    inlines = [LieuInline, GestionInline]


class VocabulaireAdmin(admin.ModelAdmin):
    list_display = ["code", "libelle"]
    search_fields = ["code", "libelle"]

    def has_module_permission(self, request):
        return request.user.is_authenticated and (
            request.user.est_administrateur or request.user.role == Role.CHARGE_MISSION
        )

    has_view_permission = has_change_permission = has_add_permission = lambda self, request, obj=None: (
        self.has_module_permission(request)
    )


@admin.register(Theme)
class ThemeAdmin(VocabulaireAdmin):
    list_display = ["code", "libelle", "parent", "ordre"]


admin.site.register(Transition, VocabulaireAdmin)
admin.site.register(Agrement, VocabulaireAdmin)


@admin.register(Revendication, Signalement, ModificationEnAttente)
class DemandeAdmin(AdminPerimetreRegional):
    list_display = ["__str__", "statut", "cree_le"]
    list_filter = ["statut"]
    raw_id_fields = ["structure"]


@admin.register(ReglageRegion)
class ReglageRegionAdmin(AdminPerimetreRegional):
    list_display = ["region", "mode_moderation", "delai_fraicheur_jours"]


@admin.register(ImportStructures)
class ImportStructuresAdmin(AdminPerimetreRegional):
    list_display = ["nom_original", "source", "cree_par", "cree_le"]
    readonly_fields = ["rapport", "correspondance"]
