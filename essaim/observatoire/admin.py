"""Admin: vintages (read-only: they come from the import command) and received figures."""

from django.contrib import admin

from .models import ChiffreImporte, Millesime


@admin.register(Millesime)
class MillesimeAdmin(admin.ModelAdmin):
    list_display = ["pk", "date_stock", "statut", "perimetre", "regions", "source", "demo", "fin"]
    list_filter = ["statut", "perimetre", "demo"]
    readonly_fields = [f.name for f in Millesime._meta.fields if f.name != "source"]
    exclude = ["totaux_communes"]

    def has_add_permission(self, request):
        return False


@admin.register(ChiffreImporte)
class ChiffreImporteAdmin(admin.ModelAdmin):
    list_display = ["source", "millesime", "annee", "niveau", "code", "famille", "secteur", "emplois"]
    list_filter = ["source", "millesime", "niveau", "annee"]
    search_fields = ["code", "secteur", "source"]
