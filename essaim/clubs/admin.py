from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from essaim.annuaire.admin import VocabulaireAdmin
from essaim.commun.admin import AdminPerimetreRegional, ChoixDansLePerimetre

from .models import Annonce, Club, Contact, Filiere, InscriptionRencontre, Membre, Rencontre


@admin.register(Filiere)
class FiliereAdmin(VocabulaireAdmin):
    """A vocabulary the CRESS staff edits, like the directory's themes."""

    list_display = ["libelle", "code", "ordre"]
    list_editable = ["ordre"]
    search_fields = ["libelle", "code"]


class MembreInline(ChoixDansLePerimetre, admin.TabularInline):
    model = Membre
    extra = 0
    fields = ["structure", "statut", "depuis"]
    autocomplete_fields = ["structure"]


@admin.register(Club)
class ClubAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["nom", "filiere", "region", "animateur", "statut"]
    list_filter = ["statut", "filiere", "region"]
    search_fields = ["nom"]
    prepopulated_fields = {"slug": ["nom"]}
    inlines = [MembreInline]


@admin.register(Membre)
class MembreAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["structure", "club", "statut", "depuis"]
    list_filter = ["statut", "club"]
    search_fields = ["structure__nom", "club__nom"]
    autocomplete_fields = ["structure"]


@admin.register(Contact)
class ContactAdmin(AdminPerimetreRegional):
    list_display = ["prenom", "nom", "email", "membre"]
    search_fields = ["nom", "email", "membre__structure__nom"]
    raw_id_fields = ["utilisateur"]


@admin.register(Rencontre)
class RencontreAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["titre", "club", "type", "date", "statut"]
    list_filter = ["type", "statut", "club"]
    search_fields = ["titre"]
    date_hierarchy = "date"
    raw_id_fields = ["commune"]


@admin.register(InscriptionRencontre)
class InscriptionRencontreAdmin(AdminPerimetreRegional):
    list_display = ["prenom", "nom", "email", "rencontre", "statut", "present"]
    list_filter = ["statut", "present"]
    search_fields = ["nom", "email"]
    raw_id_fields = ["utilisateur"]


@admin.register(Annonce)
class AnnonceAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["titre", "club", "sens", "categorie", "statut", "expire_le"]
    list_filter = ["sens", "categorie", "statut"]
    search_fields = ["titre"]
    raw_id_fields = ["auteur", "structure"]
