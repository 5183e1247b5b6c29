"""Accounts and their roles, managed by site administrators; changes are in the history."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from simple_history.admin import SimpleHistoryAdmin

from budgets import audit, permissions
from budgets.models import RoleAssignment

from .scoping import AccountsOnly


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ("organisation", "region")

    def has_view_permission(self, request, obj=None):
        return permissions.is_site_admin(request.user)

    def has_add_permission(self, request, obj=None):
        return permissions.is_site_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.is_site_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_site_admin(request.user)


class AccountAdmin(AccountsOnly, SimpleHistoryAdmin, UserAdmin):
    inlines = [RoleInline]
    list_display = ("username", "first_name", "is_active", "is_staff", "is_superuser")

    def save_model(self, request, obj, form, change):
        with audit.acting(request.user, audit.VIA_FORM):
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with audit.acting(request.user, audit.VIA_FORM):
            super().save_related(request, form, formsets, change)
            user = form.instance
            # A role is useless without access to the admin; grant it with the role.
            if user.role_assignments.exists() and not user.is_staff:
                user.is_staff = True
                user.save(update_fields=["is_staff"])


class AccountGroupAdmin(AccountsOnly, GroupAdmin):
    pass


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AccountsOnly, SimpleHistoryAdmin):
    list_display = ("user", "role", "organisation", "region")
    list_filter = ("role",)
    search_fields = ("user__username", "organisation__name", "organisation__code", "region__name")
    autocomplete_fields = ("user", "organisation", "region")
    list_select_related = ("user", "organisation", "region")

    def save_model(self, request, obj, form, change):
        with audit.acting(request.user, audit.VIA_FORM):
            super().save_model(request, obj, form, change)

    def delete_model(self, request, obj):
        with audit.acting(request.user, audit.VIA_FORM):
            super().delete_model(request, obj)


admin.site.unregister(User)
admin.site.unregister(Group)
admin.site.register(User, AccountAdmin)
admin.site.register(Group, AccountGroupAdmin)
