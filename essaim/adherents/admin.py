from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from essaim.commun.admin import AdminPerimetreRegional

from .models import Adhesion, Reseau


@admin.register(Reseau)
class ReseauAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["structure", "region"]
    list_filter = ["region"]
    search_fields = ["structure__nom"]
    autocomplete_fields = ["structure", "membres"]


@admin.register(Adhesion)
class AdhesionAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["structure", "annee", "mode", "reseau", "statut", "badge_public", "region"]
    list_filter = ["annee", "statut", "mode", "region"]
    search_fields = ["structure__nom", "structure__siren"]
    autocomplete_fields = ["structure"]
