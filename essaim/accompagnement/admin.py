from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from essaim.commun.admin import AdminPerimetreRegional, ChoixDansLePerimetre

from .enums import NatureSuivi
from .models import (
    Action,
    ChangementStatut,
    Convention,
    Evenement,
    Orientation,
    ProjetTransition,
    Referent,
    Resultat,
    Suivi,
    TerritoireAccompagne,
)


class EvenementInline(ChoixDansLePerimetre, admin.StackedInline):
    model = Evenement
    extra = 0
    fields = ["type", "date", "titre", "texte", "interne", "prochaines_etapes", "accompagnateur", "fichier"]


class ActionInline(ChoixDansLePerimetre, admin.TabularInline):
    model = Action
    extra = 0
    fields = ["libelle", "echeance", "jalon", "statut", "responsable", "faite_le"]


class ConventionInline(ChoixDansLePerimetre, admin.TabularInline):
    model = Convention
    extra = 0


class ResultatInline(ChoixDansLePerimetre, admin.TabularInline):
    model = Resultat
    extra = 0
    fields = ["periode", "valeurs", "commentaire", "declare_le"]


@admin.register(Suivi)
class SuiviAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["titre", "nature", "region", "statut", "accompagnateur", "ouvert_le"]
    list_filter = ["nature", "statut", "region"]
    search_fields = ["titre"]
    raw_id_fields = ["structure", "candidature"]
    inlines = [ConventionInline, ActionInline, EvenementInline, ResultatInline]


@admin.register(Orientation)
class OrientationAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["structure", "besoin", "domaine", "departement", "date_orientation", "statut", "issue"]
    list_filter = ["besoin", "domaine", "statut", "region"]
    raw_id_fields = ["structure", "suivi"]
    filter_horizontal = ["freins"]


class ChangementInline(ChoixDansLePerimetre, admin.TabularInline):
    model = ChangementStatut
    extra = 0
    fields = ["statut", "date", "commentaire"]


class ReferentInline(ChoixDansLePerimetre, admin.TabularInline):
    model = Referent
    extra = 0


class ProjetInline(ChoixDansLePerimetre, admin.StackedInline):
    model = ProjetTransition
    extra = 0
    raw_id_fields = ["structures"]


@admin.register(TerritoireAccompagne)
class TerritoireAdmin(AdminPerimetreRegional, SimpleHistoryAdmin):
    list_display = ["epci", "region", "statut_politique_ess", "pilote"]
    list_filter = ["statut_politique_ess", "pilote", "region"]
    search_fields = ["epci__nom", "epci__code"]
    fields = ["epci", "region", "pilote", "ptce"]
    raw_id_fields = ["epci", "ptce"]
    inlines = [ChangementInline, ReferentInline, ProjetInline]

    def save_model(self, request, obj, form, change):
        if not obj.suivi_id:
            obj.suivi = Suivi.objects.create(
                nature=NatureSuivi.TERRITOIRE, region_id=obj.region_id, titre=obj.epci.nom[:250]
            )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The current status is the latest change by date.
        territoire = form.instance
        dernier = territoire.changements.order_by("-date", "-pk").first()
        statut = dernier.statut if dernier else ""
        if territoire.statut_politique_ess != statut:
            territoire.statut_politique_ess = statut
            territoire.save(update_fields=["statut_politique_ess", "modifie_le"])
