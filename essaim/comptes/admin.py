from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from essaim.commun.permissions import est_administrateur

from .models import Utilisateur


@admin.register(Utilisateur)
class UtilisateurAdmin(UserAdmin):
    """Only administrators manage accounts and roles."""

    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "regions", "is_active"]
    search_fields = ["email", "first_name", "last_name", "organisation"]
    filter_horizontal = ["regions"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Identité"), {"fields": ["first_name", "last_name", "organisation"]}),
        (_("Rôle et périmètre"), {"fields": ["role", "regions", "is_active"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]})]

    def has_module_permission(self, request):
        return est_administrateur(request.user)

    def has_view_permission(self, request, obj=None):
        return est_administrateur(request.user)

    has_change_permission = has_add_permission = has_delete_permission = has_view_permission
