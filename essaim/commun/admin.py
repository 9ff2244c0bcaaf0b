"""Admin building blocks: région scoping for CRESS staff, the same rules as everywhere.

``AdminPerimetreRegional`` takes what a chargé·e de mission may see and pick from the
queryset functions each app's ``rules.py`` registers (``@perimetre_de("app.Modele")``):
the change list, the objects they may open, and the choices of every foreign key or
many-to-many pointing at a région-scoped model (the Region itself included). A POST naming
an object of another région is then refused by the form like any invalid choice.
"""

from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist, PermissionDenied

from .models import Travail
from .permissions import dans_le_perimetre, est_administrateur, est_charge_mission, objets_gerables, region_de


class ChoixDansLePerimetre:
    """Foreign-key and many-to-many choices limited to the user's régions (admins and inlines)."""

    def _limiter(self, db_field, request, kwargs):
        if est_administrateur(request.user):
            return kwargs
        modele = db_field.remote_field.model
        base = kwargs.get("queryset")
        if base is None:
            base = modele._default_manager.all()
        limite = objets_gerables(request.user, modele, base)
        if limite is not None:
            kwargs["queryset"] = limite
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return super().formfield_for_foreignkey(db_field, request, **self._limiter(db_field, request, kwargs))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **self._limiter(db_field, request, kwargs))


class AdminPerimetreRegional(ChoixDansLePerimetre, admin.ModelAdmin):
    """A ModelAdmin that shows CRESS staff only the rows of their régions.

    The model's scope comes from its app's ``rules.py`` (``objets_gerables``). Administrators
    see and pick everything; other users do not reach the module.
    """

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        limite = objets_gerables(request.user, self.model, qs)
        if limite is None:
            raise ImproperlyConfigured(
                f"{self.model._meta.label} n'a pas de périmètre : déclarez-le avec @perimetre_de "
                "dans le rules.py de son application."
            )
        return limite

    def get_list_filter(self, request):
        # A filter on a région-scoped relation lists only the values present in the user's
        # rows: the titles of another région's (unpublished) calls or editions never show.
        filtres = []
        for filtre in super().get_list_filter(request):
            if isinstance(filtre, str) and "__" not in filtre:
                champ = self.model._meta.get_field(filtre)
                if champ.is_relation and objets_gerables(request.user, champ.related_model) is not None:
                    filtre = (filtre, admin.RelatedOnlyFieldListFilter)
            filtres.append(filtre)
        return filtres

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

    def save_model(self, request, obj, form, change):
        # Second line of defence behind the limited choices: never write an object whose
        # région (when it already has one) is outside the user's scope.
        try:
            code = region_de(obj)
        except (ObjectDoesNotExist, AttributeError):  # a relation not set yet: the choices decided
            code = None
        if code and not dans_le_perimetre(request.user, code):
            raise PermissionDenied("Objet hors de vos régions.")
        super().save_model(request, obj, form, change)


@admin.register(Travail)
class TravailAdmin(AdminPerimetreRegional):
    list_display = ["libelle", "statut", "fait", "total", "cree_par", "cree_le"]
    list_filter = ["statut", "nature"]
    readonly_fields = [f.name for f in Travail._meta.fields]

    def has_add_permission(self, request):
        return False
