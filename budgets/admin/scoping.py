"""Permission plumbing shared by the admin classes: every page asks budgets.permissions.

Objects outside the user's scope are not in the queryset and their pages answer 404 (a draft
cannot be found by guessing its URL); objects in scope that the user may not change are shown
read-only, and a POST to them is refused with 403 by Django's admin itself.
"""

from django.contrib.admin.utils import unquote
from django.http import Http404

from budgets import permissions
from budgets.models import Budget, Role
from budgets.permissions import Action


def budget_of(obj, path):
    for name in path.split("__"):
        obj = getattr(obj, name)
    return obj


class NotFoundOutsideScope:
    """Pages of objects outside get_queryset are 404, not a redirect to the index."""

    def _in_scope_or_404(self, request, object_id):
        if object_id and self.get_object(request, unquote(object_id)) is None:
            raise Http404("未找到该记录，或您无权查看")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._in_scope_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._in_scope_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._in_scope_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)


class SiteAdminOnly(NotFoundOutsideScope):
    """Reference data and accounts: site administrators change them, role holders read them
    (the autocomplete of the budget forms needs that)."""

    def has_module_permission(self, request):
        return permissions.is_site_admin(request.user) or \
            permissions.has_budget_role(request.user)

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, *args):
        return permissions.is_site_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.is_site_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_site_admin(request.user)


class AccountsOnly(SiteAdminOnly):
    def has_module_permission(self, request):
        return permissions.is_site_admin(request.user)


def _may_edit(request, budget):
    if budget is None:
        # Lists and empty forms: shown to officers, each object is checked on its own.
        return permissions.has_role(request.user, Role.UNIT_OFFICER)
    return permissions.can(request.user, Action.EDIT, budget)


def _may_view(request, budget):
    if budget is None:
        return permissions.is_site_admin(request.user) or \
            permissions.has_budget_role(request.user)
    return permissions.can(request.user, Action.VIEW, budget)


class ScopedToBudget(NotFoundOutsideScope):
    """A model admin whose objects belong to a budget through `budget_path`."""

    budget_path = "budget"

    def _budget(self, obj):
        return None if obj is None else budget_of(obj, self.budget_path)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if self.budget_path == "":
            return permissions.visible_budgets(request.user, qs)
        return qs.filter(**{f"{self.budget_path}__in":
                            permissions.visible_budgets(request.user)})

    def has_module_permission(self, request):
        return _may_view(request, None)

    def has_view_permission(self, request, obj=None):
        return _may_view(request, self._budget(obj))

    def has_add_permission(self, request, *args):
        return _may_edit(request, None)

    def has_change_permission(self, request, obj=None):
        return _may_edit(request, self._budget(obj))

    def has_delete_permission(self, request, obj=None):
        return _may_edit(request, self._budget(obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # New rows may only be attached to budgets the user may edit.
        if db_field.related_model is Budget:
            kwargs["queryset"] = editable_budgets(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def editable_budgets(user):
    return Budget.objects.filter(
        pk__in=[b.pk for b in permissions.visible_budgets(user).select_related("organisation")
                if permissions.can(user, Action.EDIT, b)])


class InlineOfBudget:
    """An inline on a budget's page (or on a page whose object has `parent_budget_path`)."""

    parent_budget_path = ""

    def _budget(self, obj):
        if obj is None:
            return None
        return budget_of(obj, self.parent_budget_path) if self.parent_budget_path else obj

    def has_view_permission(self, request, obj=None):
        return _may_view(request, self._budget(obj))

    def has_add_permission(self, request, obj=None):
        return _may_edit(request, self._budget(obj))

    def has_change_permission(self, request, obj=None):
        return _may_edit(request, self._budget(obj))

    def has_delete_permission(self, request, obj=None):
        return _may_edit(request, self._budget(obj))
