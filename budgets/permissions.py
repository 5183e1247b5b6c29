"""May this user do this action on this budget? The one answer the admin, the views, the
uploads and the downloads all ask.

Roles (budgets/models/roles.py) give a scope: a unit officer their own organisation, a
department reviewer a department and its units, a publisher a region and the regions below
it. `permitted` answers by role and scope alone; `can` also asks whether the budget's status
allows the action now (a published revision is never edited). Callers refuse with 403 when
`permitted` is false and hide drafts outside `visible_budgets` behind 404.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

from .models import Budget, Organisation, Region, Role, RoleAssignment, Status


class Action(models.TextChoices):
    VIEW = "view", "查看"
    EDIT = "edit", "编辑"
    UPLOAD = "upload", "上传"
    SUBMIT = "submit", "提交"
    APPROVE = "approve", "审核通过"
    RETURN = "return", "退回"
    PUBLISH = "publish", "公开"
    CORRECT = "correct", "更正"
    DOWNLOAD_DRAFT = "download_draft", "下载草稿"


BUDGET_ROLES = (Role.UNIT_OFFICER, Role.DEPARTMENT_REVIEWER, Role.FINANCE_PUBLISHER)

# Who may act, and from which statuses; VIEW and DOWNLOAD_DRAFT are open to every role in
# scope (and to site administrators) whatever the status.
RULES = {
    Action.EDIT: (Role.UNIT_OFFICER, (Status.DRAFT, Status.RETURNED)),
    Action.UPLOAD: (Role.UNIT_OFFICER, (Status.DRAFT, Status.RETURNED)),
    Action.SUBMIT: (Role.UNIT_OFFICER, (Status.DRAFT, Status.RETURNED)),
    Action.APPROVE: (Role.DEPARTMENT_REVIEWER, (Status.SUBMITTED,)),
    Action.RETURN: (Role.DEPARTMENT_REVIEWER, (Status.SUBMITTED,)),
    Action.PUBLISH: (Role.FINANCE_PUBLISHER, (Status.APPROVED,)),
    Action.CORRECT: (Role.FINANCE_PUBLISHER, (Status.PUBLISHED,)),
}


def _grants(user):
    """The user's role grants, read once per user object (one request)."""
    if not (user and user.is_authenticated and user.is_active):
        return []
    if not hasattr(user, "_budget_grants"):
        user._budget_grants = list(RoleAssignment.objects.filter(user=user))
    return user._budget_grants


def is_site_admin(user):
    return bool(user and user.is_authenticated and user.is_active and (
        user.is_superuser or any(g.role == Role.SITE_ADMIN for g in _grants(user))))


def has_role(user, role):
    return any(g.role == role for g in _grants(user))


def has_budget_role(user):
    return any(g.role in BUDGET_ROLES for g in _grants(user))


def _regions_under(region_ids):
    """The regions and every region below them (the region table is small)."""
    if not region_ids:
        return set()
    children = {}
    for pk, parent in Region.objects.values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(), list(region_ids)
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, ()))
    return found


def _scope(user, role):
    """(organisation ids, department ids, region ids) the user's grants of `role` cover."""
    cache = user.__dict__.setdefault("_budget_scopes", {})
    if role not in cache:
        grants = [g for g in _grants(user) if g.role == role]
        orgs = {g.organisation_id for g in grants if g.organisation_id}
        regions = _regions_under({g.region_id for g in grants if g.region_id})
        cache[role] = (orgs, regions)
    return cache[role]


def organisation_q(user, role, prefix=""):
    """A filter on Organisation (or, with prefix "organisation__", on Budget) for the
    organisations the user's grants of `role` cover."""
    orgs, regions = _scope(user, role)
    if role == Role.UNIT_OFFICER:
        return Q(**{f"{prefix}pk__in": orgs})
    if role == Role.DEPARTMENT_REVIEWER:
        return Q(**{f"{prefix}pk__in": orgs}) | Q(**{f"{prefix}parent_id__in": orgs})
    if role == Role.FINANCE_PUBLISHER:
        return Q(**{f"{prefix}region_id__in": regions})
    return Q(pk__in=[])


def covers(user, role, organisation):
    """Does one of the user's grants of `role` cover this organisation?"""
    orgs, regions = _scope(user, role)
    if role == Role.UNIT_OFFICER:
        return organisation.pk in orgs
    if role == Role.DEPARTMENT_REVIEWER:
        return organisation.pk in orgs or organisation.parent_id in orgs
    if role == Role.FINANCE_PUBLISHER:
        return organisation.region_id in regions
    return False


def visible_budgets(user, queryset=None):
    """Every revision the user may open, drafts included."""
    queryset = Budget.objects.all() if queryset is None else queryset
    if is_site_admin(user):
        return queryset
    q = Q(pk__in=[])
    for role in BUDGET_ROLES:
        q |= organisation_q(user, role, prefix="organisation__")
    return queryset.filter(q)


def visible_organisations(user, queryset=None):
    queryset = Organisation.objects.all() if queryset is None else queryset
    if is_site_admin(user):
        return queryset
    # An officer of a department also picks the department's units in its 部门预算.
    q = organisation_q(user, Role.DEPARTMENT_REVIEWER) | organisation_q(
        user, Role.FINANCE_PUBLISHER)
    orgs, _ = _scope(user, Role.UNIT_OFFICER)
    q |= Q(pk__in=orgs) | Q(parent_id__in=orgs)
    return queryset.filter(q)


def permitted(user, action, budget):
    """By role and scope alone, whatever the budget's status."""
    if action in (Action.VIEW, Action.DOWNLOAD_DRAFT):
        return is_site_admin(user) or any(
            covers(user, role, budget.organisation) for role in BUDGET_ROLES)
    role, _ = RULES[action]
    return covers(user, role, budget.organisation)


def can(user, action, budget):
    """Permitted, and the budget's status allows the action now."""
    if not permitted(user, action, budget):
        return False
    if action in RULES:
        return budget.status in RULES[action][1]
    return True


def allowed_actions(user, budget):
    return [action for action in Action if can(user, action, budget)]


def require(user, action, budget):
    """Refuse (PermissionDenied → 403) unless the user holds the role for this budget."""
    if not permitted(user, action, budget):
        raise PermissionDenied(f"您没有权限对“{budget}”执行“{action.label}”操作")


def may_create_for(user, organisation):
    """A first draft (form or upload) is started by the organisation's own officer."""
    return covers(user, Role.UNIT_OFFICER, organisation)


def creatable_organisations(user):
    return Organisation.objects.filter(organisation_q(user, Role.UNIT_OFFICER))
