from django.contrib import admin

from essaim.commun.admin import AdminPerimetreRegional

from .models import EPCI, Commune, Departement, Region


class ReferenceAdmin(AdminPerimetreRegional):
    """The COG is reference data, reloaded from INSEE: staff read it, nobody edits it by hand."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(ReferenceAdmin):
    list_display = ["code", "nom", "zone"]
    search_fields = ["nom", "code"]


@admin.register(Departement)
class DepartementAdmin(ReferenceAdmin):
    list_display = ["code", "nom", "region"]
    search_fields = ["nom", "code"]


@admin.register(EPCI)
class EPCIAdmin(ReferenceAdmin):
    list_display = ["code", "nom", "type", "population"]
    search_fields = ["nom", "code"]


@admin.register(Commune)
class CommuneAdmin(ReferenceAdmin):
    list_display = ["code", "nom", "departement", "epci", "codes_postaux", "population"]
    list_filter = ["region", "type"]
    search_fields = ["nom_recherche", "code", "codes_postaux"]
    list_select_related = ["departement", "epci"]
