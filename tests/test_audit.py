"""The audit trail: every change to budget data, status and roles, with who, when, what
(old and new values) and from where — imports included, although they write in bulk."""

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budgets import audit_trail, workflow
from budgets.demo import demo_workbooks
from budgets.exporting import budget_to_document
from budgets.importing.document import save_document
from budgets.models import (
    Budget,
    ExpenditureItem,
    Organisation,
    Role,
    RoleAssignment,
    Status,
    ThreePublicBudget,
)
from budgets.workbook.reader import read_workbook
from tests.admin_form import confirm_upload, form_data

pytestmark = pytest.mark.django_db

TIANMEN = "429006"


@pytest.fixture
def draft():
    published = Budget.objects.get(organisation__region__code=TIANMEN,
                                   organisation__code="213011", status=Status.PUBLISHED)
    return workflow.correct(published, acting_user=User.objects.get(username="demo-publisher"),
                            reason="审计测试")


def info_centre_workbook():
    for path in demo_workbooks():
        data = path.read_bytes()
        if read_workbook(data)["organisation"]["code"] == "213011":
            return SimpleUploadedFile(path.name, data)
    raise AssertionError("the information centre's demo workbook is missing")


def test_a_workbook_upload_shows_up_in_the_audit_with_who_and_from_where(
        client, draft, officer):
    client.force_login(officer)
    response = client.post(reverse("admin:budgets_budget_upload", args=[draft.pk]),
                           {"workbook": info_centre_workbook()})
    assert response.status_code == 302
    assert confirm_upload(client, response).status_code == 302

    rows = ExpenditureItem.history.filter(budget_id=draft.pk, history_type="+", via="upload")
    assert rows.count() == draft.expenditure_items.count() > 0
    assert set(rows.values_list("history_user__username", flat=True)) == {"demo-officer"}
    page = client.get(reverse("admin:budgets_budget_history", args=[draft.pk])).content.decode()
    assert "上传" in page and "demo-officer" in page and "支出（功能分类）" in page


def test_an_import_outside_a_request_is_recorded_as_a_command(draft):
    save_document(budget_to_document(draft))
    vias = set(ExpenditureItem.history.filter(budget_id=draft.pk, history_type="+")
               .values_list("via", flat=True))
    assert "command" in vias


def test_a_form_edit_records_the_old_and_the_new_value(client, draft, officer):
    client.force_login(officer)
    url = reverse("admin:budgets_budget_change", args=[draft.pk])
    data = form_data(client.get(url).content.decode(), "budget_form")
    old = ThreePublicBudget.objects.get(budget=draft).reception
    data.update({"three_public-0-reception": ["12345.67"], "_save": ["保存"]})
    assert client.post(url, data).status_code == 302

    change = next(e for e in audit_trail.entries(draft) if e.table == "“三公”经费")
    assert (change.kind, change.via, change.user.username) == ("修改", "表单", "demo-officer")
    assert ("公务接待费", old, 12345.67) == (change.changes[0][0], change.changes[0][1],
                                         float(change.changes[0][2]))


def test_status_changes_are_recorded_with_the_acting_user(draft, officer):
    workflow.submit(draft, acting_user=officer)
    record = Budget.history.filter(id=draft.pk).latest("history_date")
    assert (record.status, record.history_user, record.via) == ("submitted", officer, "form")


def test_granting_a_role_is_recorded_with_the_administrator_who_did_it(client):
    admin = User.objects.get(username="demo-admin")
    newcomer = User.objects.create_user("newcomer", password="x")
    client.force_login(admin)
    unit = Organisation.objects.get(region__code=TIANMEN, code="213002")
    response = client.post(reverse("admin:budgets_roleassignment_add"), {
        "user": newcomer.pk, "role": Role.UNIT_OFFICER, "organisation": unit.pk, "region": ""})
    assert response.status_code == 302
    grant = RoleAssignment.objects.get(user=newcomer)
    record = grant.history.get()
    assert (record.history_user, record.via, record.role) == (admin, "form", "unit_officer")


def test_the_audit_page_is_read_only_history_of_this_budget_alone(client, draft, officer):
    workflow.submit(draft, acting_user=officer)
    client.force_login(officer)
    page = client.get(reverse("admin:budgets_budget_history", args=[draft.pk]))
    assert page.status_code == 200
    assert {e.row for e in page.context["entries"] if e.table == "预算"} == {str(draft)}
