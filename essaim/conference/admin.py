from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from essaim.commun.admin import AdminPerimetreRegional, ChoixDansLePerimetre

from .models import (
    Atelier,
    Conference,
    DateCle,
    EnjeuTransversal,
    Evenement,
    FicheSynthese,
    Inscription,
    MembreComite,
    ProjetInspirant,
    Ressource,
    SequenceProgramme,
    TransitionConference,
)
from .services.editions import assurer_transitions


class TransitionInline(ChoixDansLePerimetre, admin.StackedInline):
    model = TransitionConference
    extra = 0


class DateCleInline(ChoixDansLePerimetre, admin.TabularInline):
    model = DateCle
    extra = 0


class MembreComiteInline(ChoixDansLePerimetre, admin.TabularInline):
    model = MembreComite
    extra = 0


class EnjeuInline(ChoixDansLePerimetre, admin.StackedInline):
    model = EnjeuTransversal
    extra = 0


@admin.register(Conference)
class ConferenceAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["titre", "region", "annee", "publiee"]
    prepopulated_fields = {"slug": ["titre"]}
    inlines = [TransitionInline, DateCleInline, MembreComiteInline, EnjeuInline]

    def save_related(self, request, form, formsets, change):
        # A new edition gets the four transitions with their default guiding questions.
        super().save_related(request, form, formsets, change)
        assurer_transitions(form.instance)


class SequenceInline(ChoixDansLePerimetre, admin.StackedInline):
    model = SequenceProgramme
    extra = 0


@admin.register(Evenement)
class EvenementAdmin(AdminPerimetreRegional):
    list_display = ["titre", "type", "date", "conference"]
    inlines = [SequenceInline]


@admin.register(Atelier)
class AtelierAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["intitule", "conference", "date", "commune", "format", "statut", "participants_declares"]
    list_filter = ["conference", "statut", "format"]
    search_fields = ["intitule", "organisateurs_libres"]
    raw_id_fields = ["commune", "candidature", "responsables", "structures"]


@admin.register(Inscription)
class InscriptionAdmin(AdminPerimetreRegional):
    list_display = ["nom", "prenom", "atelier", "statut", "present", "conserver_jusqu_au"]
    list_filter = ["statut", "present"]


class ProjetInline(ChoixDansLePerimetre, admin.TabularInline):
    model = ProjetInspirant
    extra = 0


class RessourceInline(ChoixDansLePerimetre, admin.TabularInline):
    model = Ressource
    extra = 0


@admin.register(FicheSynthese)
class FicheSyntheseAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["atelier", "statut", "participants", "deposee_le", "en_retard"]
    list_filter = ["statut", "en_retard"]
    inlines = [ProjetInline, RessourceInline]
