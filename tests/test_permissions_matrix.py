"""Who may do what to which budget: every role × every action × their own organisation or
another one, through the admin pages a browser would use. Allowed actions take effect;
refused ones answer 403 or 404 (never 500) and change nothing."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budgets import workflow
from budgets.demo import demo_workbooks, system_user
from budgets.models import Budget, BudgetEvent, Organisation, Region, Role, RoleAssignment, Status
from budgets.permissions import Action
from budgets.workbook.reader import read_workbook
from tests.admin_form import confirm_upload, form_data

pytestmark = pytest.mark.django_db

TIANMEN = "429006"

# role → its grant, the organisation whose budget is its own, and another organisation's.
ROLES = {
    Role.UNIT_OFFICER: {"organisation": "213011", "own": "213011", "other": "213002"},
    Role.DEPARTMENT_REVIEWER: {"organisation": "213", "own": "213002", "other": "wuhan"},
    Role.FINANCE_PUBLISHER: {"region": TIANMEN, "own": "213011", "other": "wuhan"},
    Role.SITE_ADMIN: {"own": "213011", "other": "wuhan"},
}
ALLOWED_ON_OWN = {
    Role.UNIT_OFFICER: {Action.VIEW, Action.EDIT, Action.UPLOAD, Action.SUBMIT,
                        Action.DOWNLOAD_DRAFT},
    Role.DEPARTMENT_REVIEWER: {Action.VIEW, Action.APPROVE, Action.RETURN,
                               Action.DOWNLOAD_DRAFT},
    Role.FINANCE_PUBLISHER: {Action.VIEW, Action.PUBLISH, Action.CORRECT,
                             Action.DOWNLOAD_DRAFT},
    # Site administrators see everything but act on no budget: that is the roles' work.
    Role.SITE_ADMIN: {Action.VIEW, Action.DOWNLOAD_DRAFT},
}
ALLOWED_ON_OTHER = {Role.SITE_ADMIN: {Action.VIEW, Action.DOWNLOAD_DRAFT}}
# The status a budget must be in for the action to make sense.
STATE = {Action.APPROVE: Status.SUBMITTED, Action.RETURN: Status.SUBMITTED,
         Action.PUBLISH: Status.APPROVED, Action.CORRECT: Status.PUBLISHED}

_workbooks = {}


def workbook_of(budget):
    """The demo workbook of the budget's organisation, as an upload."""
    if not _workbooks:
        for path in demo_workbooks():
            data = path.read_bytes()
            _workbooks[read_workbook(data)["organisation"]["code"]] = (path.name, data)
    name, data = _workbooks[budget.organisation.code]
    return SimpleUploadedFile(name, data)


def published_budget(code):
    published = Budget.objects.filter(status=Status.PUBLISHED)
    if code == "wuhan":
        return published.exclude(organisation__region__code=TIANMEN).get()
    return published.get(organisation__region__code=TIANMEN, organisation__code=code)


def budget_in_state(code, status):
    budget = published_budget(code)
    if status == Status.PUBLISHED:
        return budget
    draft = workflow.correct(budget, acting_user=system_user(), reason="权限测试用更正")
    Budget.objects.filter(pk=draft.pk).update(status=status)
    draft.refresh_from_db()
    return draft


def account(role):
    grant = ROLES[role]
    user = User.objects.create_user(f"matrix-{role}", password="x", is_staff=True)
    scope = {}
    if "organisation" in grant:
        scope["organisation"] = Organisation.objects.get(region__code=TIANMEN,
                                                         code=grant["organisation"])
    if "region" in grant:
        scope["region"] = Region.objects.get(code=TIANMEN)
    RoleAssignment.objects.create(user=user, role=role, **scope)
    return user


def url(name, budget, *args):
    return reverse(f"admin:budgets_budget_{name}", args=[budget.pk, *args])


def attempt(client, action, budget):
    """Try the action as a browser would; return (response, whether it took effect)."""
    if action == Action.VIEW:
        r = client.get(url("change", budget))
        return r, r.status_code == 200 and budget.organisation.name in r.content.decode()
    if action == Action.EDIT:
        page = client.get(url("change", budget))
        data = form_data(page.content.decode(), "budget_form") if page.status_code == 200 else {}
        data.update(layout=["matrix-edited"], _save=["保存"])
        r = client.post(url("change", budget), data)
        return r, Budget.objects.get(pk=budget.pk).layout == "matrix-edited"
    if action == Action.UPLOAD:
        r = client.post(url("upload", budget), {"workbook": workbook_of(budget)})
        if r.status_code == 302:     # to the upload's preview: confirm it
            r = confirm_upload(client, r)
        return r, budget.events.filter(action=BudgetEvent.Action.IMPORT, via="upload").exists()
    if action == Action.DOWNLOAD_DRAFT:
        r = client.get(url("download", budget))
        return r, r.status_code == 200 and r["Content-Type"].startswith("application/json")
    before = Budget.objects.filter(organisation=budget.organisation).count()
    r = client.post(url("workflow", budget, action.value),
                    {"comment": "请补充说明", "reason": "更正测试"})
    if action == Action.CORRECT:
        return r, Budget.objects.filter(organisation=budget.organisation).count() == before + 1
    expected = {Action.SUBMIT: Status.SUBMITTED, Action.APPROVE: Status.APPROVED,
                Action.RETURN: Status.RETURNED, Action.PUBLISH: Status.PUBLISHED}[action]
    return r, Budget.objects.get(pk=budget.pk).status == expected


@pytest.mark.parametrize("whose", ["own", "other"])
@pytest.mark.parametrize("action", list(Action))
@pytest.mark.parametrize("role", list(ROLES))
def test_each_role_may_do_exactly_its_actions_on_its_own_budgets(client, role, action, whose):
    client.force_login(account(role))
    budget = budget_in_state(ROLES[role][whose], STATE.get(action, Status.DRAFT))
    allowed = (ALLOWED_ON_OWN if whose == "own" else ALLOWED_ON_OTHER).get(role, set())

    response, took_effect = attempt(client, action, budget)

    if action in allowed:
        assert response.status_code in (200, 302), response.content[:500]
        assert took_effect, f"{role} should be able to {action} the {whose} budget"
    else:
        assert response.status_code in (403, 404)
        assert not took_effect


def test_a_draft_outside_the_users_scope_is_not_found_rather_than_forbidden(client):
    client.force_login(account(Role.UNIT_OFFICER))
    sibling = budget_in_state("213002", Status.DRAFT)
    for name in ("change", "history", "download", "upload"):
        assert client.get(url(name, sibling)).status_code == 404


def test_the_budget_list_shows_only_budgets_in_scope(client):
    client.force_login(account(Role.UNIT_OFFICER))
    response = client.get(reverse("admin:budgets_budget_changelist"))
    listed = set(response.context["cl"].queryset.values_list("organisation__code", flat=True))
    assert listed == {"213011"}


def test_a_user_without_a_role_sees_no_budget(client):
    client.force_login(User.objects.create_user("no-role", password="x", is_staff=True))
    assert client.get(reverse("admin:budgets_budget_changelist")).status_code == 403
    budget = published_budget("213011")
    assert client.get(url("change", budget)).status_code == 404


def test_an_officer_cannot_move_a_budget_to_another_unit(client):
    client.force_login(account(Role.UNIT_OFFICER))
    draft = budget_in_state("213011", Status.DRAFT)
    page = client.get(url("change", draft))
    data = form_data(page.content.decode(), "budget_form")
    data.update(organisation=[str(Organisation.objects.get(code="213002").pk)], _save=["保存"])
    client.post(url("change", draft), data)
    assert Budget.objects.get(pk=draft.pk).organisation.code == "213011"


@pytest.mark.parametrize("role", [Role.UNIT_OFFICER, Role.DEPARTMENT_REVIEWER,
                                  Role.FINANCE_PUBLISHER])
def test_only_site_administrators_manage_accounts_and_roles(client, role):
    client.force_login(account(role))
    for name in ("admin:auth_user_changelist", "admin:budgets_roleassignment_changelist",
                 "admin:budgets_roleassignment_add"):
        assert client.get(reverse(name)).status_code == 403
    client.force_login(User.objects.get(username="demo-admin"))
    for name in ("admin:auth_user_changelist", "admin:budgets_roleassignment_add"):
        assert client.get(reverse(name)).status_code == 200


def test_an_officer_cannot_start_a_budget_for_another_unit(client):
    client.force_login(account(Role.UNIT_OFFICER))
    other = Organisation.objects.get(region__code=TIANMEN, code="213002")
    before = Budget.objects.count()
    response = client.post(reverse("admin:budgets_budget_add"), {
        "organisation": other.pk, "fiscal_year": published_budget("213011").fiscal_year_id,
        "scope": "unit", "layout": "hubei-tianmen", "_save": "保存"})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["organisation"]
    assert Budget.objects.count() == before
