"""Admin of the library: région-scoped for CRESS staff."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from essaim.commun.admin import AdminPerimetreRegional

from .models import Ressource


@admin.register(Ressource)
class RessourceAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["titre", "type", "statut", "region", "etat_lien", "est_demo", "modifie_le"]
    list_filter = ["statut", "type", "etat_lien", "est_demo", "a_controler", "echelle"]
    search_fields = ["titre", "editeur_libre", "url"]
    filter_horizontal = ["themes", "transitions"]
    raw_id_fields = ["editeur_structure", "structures", "commune", "epci", "propose_par", "ateliers"]
    readonly_fields = ["url_normalisee", "etat_lien", "lien_verifie_le", "lien_mort_depuis", "version"]
