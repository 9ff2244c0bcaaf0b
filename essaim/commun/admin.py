"""Admin building blocks: région scoping for CRESS staff, the same rules as everywhere."""

from django.contrib import admin

from .models import Travail
from .permissions import est_administrateur, est_charge_mission


class RegionScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin that shows CRESS staff only the rows of their régions.

    ``region_lookup`` is the ORM path from the model to a région code, e.g. ``"region"``,
    ``"commune__region"`` or ``"conference__region"``. Administrators see everything.
    """

    region_lookup = "region"

    def _scope(self, request):
        return None if est_administrateur(request.user) else request.user.region_codes

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        codes = self._scope(request)
        if codes is None:
            return qs
        return qs.filter(**{f"{self.region_lookup}__in": codes}).distinct()

    def _dans_le_perimetre(self, request, obj):
        if est_administrateur(request.user):
            return True
        if not est_charge_mission(request.user):
            return False
        if obj is None:
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request):
        return est_administrateur(request.user) or est_charge_mission(request.user)

    def has_view_permission(self, request, obj=None):
        return self._dans_le_perimetre(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._dans_le_perimetre(request, obj)

    def has_add_permission(self, request):
        return self._dans_le_perimetre(request, None)

    def has_delete_permission(self, request, obj=None):
        return self._dans_le_perimetre(request, obj)


@admin.register(Travail)
class TravailAdmin(RegionScopedAdmin):
    region_lookup = "region_code"
    list_display = ["libelle", "statut", "fait", "total", "cree_par", "cree_le"]
    list_filter = ["statut", "nature"]
    readonly_fields = [f.name for f in Travail._meta.fields]

    def has_add_permission(self, request):
        return False
