"""Admin: vintages (read-only: they come from the import command; staff choose the published
one), received figures, and the NAF → transition domain correspondence (edited with history)."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .enums import StatutMillesime
from .models import ChiffreImporte, CorrespondanceNAF, DomaineTransition, Millesime
from .services.millesimes import publier


@admin.register(Millesime)
class MillesimeAdmin(admin.ModelAdmin):
    list_display = ["pk", "date_stock", "statut", "perimetre", "regions", "source", "demo", "fin"]
    list_filter = ["statut", "perimetre", "demo"]
    readonly_fields = [f.name for f in Millesime._meta.fields if f.name != "source"]
    exclude = ["totaux_communes"]
    actions = ["publier_le_millesime"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Publier ce millésime (les autres restent consultables)"))
    def publier_le_millesime(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choisissez un seul millésime à publier."), messages.ERROR)
            return
        millesime = queryset.get()
        if millesime.statut not in (StatutMillesime.PUBLIE, StatutMillesime.ARCHIVE):
            self.message_user(
                request, _("Un import en cours ou en échec ne peut être publié."), messages.ERROR
            )
            return
        if not request.user.has_perm("observatoire.publier_millesime", millesime):
            self.message_user(request, _("Vous ne pouvez pas publier ce millésime."), messages.ERROR)
            return
        publier(millesime, par=request.user)
        self.message_user(request, _("Millésime du %(date)s publié.") % {"date": millesime.libelle_date})


@admin.register(ChiffreImporte)
class ChiffreImporteAdmin(admin.ModelAdmin):
    list_display = ["source", "millesime", "annee", "niveau", "code", "famille", "secteur", "emplois"]
    list_filter = ["source", "millesime", "niveau", "annee"]
    search_fields = ["code", "secteur", "source"]


@admin.register(DomaineTransition)
class DomaineTransitionAdmin(SimpleHistoryAdmin):
    list_display = ["libelle", "code", "ordre"]
    search_fields = ["libelle", "code"]


@admin.register(CorrespondanceNAF)
class CorrespondanceNAFAdmin(SimpleHistoryAdmin):
    list_display = ["code_naf", "libelle_naf", "domaine", "justification", "modifie_le"]
    list_filter = ["domaine"]
    search_fields = ["code_naf", "libelle_naf", "justification"]
