"""Uploading a workbook in the admin: upload → preview of the changes, table by table →
explanations of the warnings → confirm → the draft replaced in one transaction; failed
uploads kept with their report workbook; the template; the batch command."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from budgets import models as m
from budgets import workflow
from budgets.exporting import budget_to_document
from budgets.validation.report import REPORT_SHEET
from budgets.workbook import layout as L
from budgets.workbook import read_workbook, write_workbook

from .workbook_edits import edited

pytestmark = pytest.mark.django_db

ADD = "/admin/budgets/workbookupload/add/"


def user(name):
    return get_user_model().objects.get(username=name)


@pytest.fixture
def draft():
    published = m.Budget.objects.get(organisation__code="213011", status=m.Status.PUBLISHED)
    return workflow.correct(published, acting_user=user("demo-publisher"), reason="测试更正")



def upload(client, data, draft=None, name="预算.xlsx"):
    url = ADD + (f"?budget={draft.pk}" if draft else "")
    response = client.post(url, {"workbook": SimpleUploadedFile(name, data)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return m.WorkbookUpload.objects.latest("pk")


def corrected(wb):
    """A corrected workbook: 1000 元 of 基本工资 (30101) moved to 津贴补贴 (30102)."""
    ws = wb[L.BASIC.name]
    for code, delta in (("30101", -1000), ("30102", 1000)):
        row = next(c.row for c in ws["A"] if c.value == code)
        for column in ("C", "D"):
            ws[f"{column}{row}"].value += delta


def test_an_officer_uploads_a_corrected_workbook_previews_the_changes_and_confirms(client, draft):
    published = m.Budget.objects.get(organisation__code="213011", status=m.Status.PUBLISHED)
    before_published = budget_to_document(published)
    client.force_login(user("demo-officer"))
    record = upload(client, edited(write_workbook(draft), corrected), draft)
    assert record.status == m.UploadStatus.PREVIEWED, record.report["problems"]

    page = client.get(f"/admin/budgets/workbookupload/{record.pk}/change/").content.decode()
    assert "将导入的变化（按表）" in page and "确认导入" in page
    by_table = {p["table"]: p for p in record.report["preview"]}
    assert by_table["表6 一般公共预算基本支出表"]["changed"] == 2
    assert by_table["支出明细（表3、表5、表8、表9）"]["changed"] == 0
    assert "personnel：334240.00 → 333240.00" in str(by_table["表6 一般公共预算基本支出表"])
    assert budget_to_document(draft)["basic_expenditure"][0]["personnel"] == "334240.00"

    response = client.post(f"/admin/budgets/workbookupload/{record.pk}/change/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.status, record.budget) == (m.UploadStatus.IMPORTED, draft)
    assert budget_to_document(draft)["basic_expenditure"][0]["personnel"] == "333240.00"
    assert budget_to_document(published) == before_published
    event = draft.events.filter(action=m.BudgetEvent.Action.IMPORT).latest("pk")
    assert event.actor == user("demo-officer") and "预算.xlsx" in event.note


def test_a_warning_needs_a_written_explanation_that_reviewers_see(client, draft):
    line = sum((i.public for i in draft.basic_items.filter(economic_code__code="30217")),
               Decimal(0))
    book = write_workbook(draft)

    def receptions(wb):
        ws = wb[L.THREE_PUBLIC.name]
        delta = line + 1000 - Decimal(str(ws["F5"].value))
        ws["F5"].value = float(line + 1000)
        ws["A5"].value = float(Decimal(str(ws["A5"].value)) + delta)

    client.force_login(user("demo-officer"))
    record = upload(client, edited(book, receptions), draft)
    assert (record.status, record.fatal_count, record.warning_count) == (
        m.UploadStatus.PREVIEWED, 0, 1)
    assert record.report["problems"][0]["where"] == f"{L.THREE_PUBLIC.name}!F5"
    url = f"/admin/budgets/workbookupload/{record.pk}/change/"
    refused = client.post(url, {"explain-0": "  "})
    assert "请说明提示" in refused.content.decode()
    record.refresh_from_db()
    assert record.status == m.UploadStatus.PREVIEWED

    client.post(url, {"explain-0": "接待任务由项目经费安排"})
    [explanation] = draft.warning_explanations.all()
    assert (explanation.code, explanation.text) == ("V302", "接待任务由项目经费安排")
    client.force_login(user("demo-reviewer"))
    page = client.get(url).content.decode()
    assert "接待任务由项目经费安排" in page and "确认导入" not in page


def test_a_failed_upload_is_kept_with_a_report_marking_each_offending_cell(client, draft):
    before = budget_to_document(draft)

    def change(wb):
        wb[L.BASIC.name]["D7"] = "三十万"
        wb[L.BASIC.name]["B7"] = "=HYPERLINK(\"http://x\")"

    client.force_login(user("demo-officer"))
    record = upload(client, edited(write_workbook(draft), change), draft)
    assert record.status == m.UploadStatus.REJECTED and record.file
    assert budget_to_document(draft) == before
    page = client.get(f"/admin/budgets/workbookupload/{record.pk}/change/").content.decode()
    assert f"{L.BASIC.name}!D7" in page and "本预算已保存的数据未作任何改动" in page

    response = client.get(f"/admin/budgets/workbookupload/{record.pk}/report.xlsx")
    wb = load_workbook(BytesIO(response.content))
    assert wb.sheetnames[0] == REPORT_SHEET
    listed = [[c.value for c in row] for row in wb[REPORT_SHEET].iter_rows(min_row=2)]
    assert listed[0][:3] == ["错误", "R000", f"{L.BASIC.name}!D7"]
    assert "实际为“三十万”" in listed[0][3]
    cell = wb[L.BASIC.name]["D7"]
    assert "实际为“三十万”" in cell.comment.text and cell.fill.fgColor.rgb.endswith("F4B6B6")
    formula = wb[L.BASIC.name]["B7"]   # the uploaded formula cannot run when the report opens
    assert formula.data_type == "s" and formula.quotePrefix


def test_only_the_organisations_own_officer_may_upload_and_a_published_budget_is_never_replaced(
        client):
    published = m.Budget.objects.get(organisation__code="213011", status=m.Status.PUBLISHED)
    book = write_workbook(published)
    before = budget_to_document(published)
    client.force_login(user("demo-officer"))
    record = upload(client, book)
    assert record.status == m.UploadStatus.REJECTED
    assert "不能被上传覆盖" in record.report["problems"][0]["message"]

    client.force_login(user("demo-reviewer"))
    assert client.post(ADD, {"workbook": SimpleUploadedFile("a.xlsx", book)}).status_code == 403
    other = m.Budget.objects.get(organisation__code="503019")
    client.force_login(user("demo-officer"))
    record = upload(client, write_workbook(other))
    assert "您没有权限" in record.report["problems"][0]["message"]
    assert budget_to_document(published) == before


def test_the_empty_template_of_an_organisation_and_year_reads_back_empty(client):
    org = m.Organisation.objects.get(code="213011")
    client.force_login(user("demo-officer"))
    response = client.get("/admin/budgets/workbookupload/template/",
                          {"organisation": org.pk, "year": 2026, "scope": "unit"})
    assert response.status_code == 200
    doc = read_workbook(response.content)
    assert (doc["organisation"]["code"], doc["year"], doc["scope"]) == ("213011", 2026, "unit")
    assert doc["expenditure"] == doc["basic_expenditure"] == doc["projects"] == []
    wb = load_workbook(BytesIO(response.content))
    assert wb[L.BASIC.name].freeze_panes == "C5"
    assert wb.sheetnames == [s.name for s in L.SHEETS]


def test_the_batch_command_imports_a_directory_and_names_what_it_refused(tmp_path, capsys):
    for org in ("213011", "213002"):
        budget = m.Budget.objects.get(organisation__code=org, status=m.Status.PUBLISHED)
        (tmp_path / f"{org}.xlsx").write_bytes(write_workbook(budget))
    with pytest.raises(CommandError, match="2 个工作簿未导入"):
        call_command("import_workbook", str(tmp_path), "--region", "429006", "--year", "2026")
    assert "不能被上传覆盖" in capsys.readouterr().err   # published: corrected, never replaced
    with pytest.raises(CommandError):
        call_command("import_workbook", str(tmp_path), "--region", "420100", "--year", "2026")
    assert "不是命令指定的“420100”" in capsys.readouterr().err


def test_the_published_workbook_download_costs_one_query_once_cached(
        client, django_assert_num_queries):
    url = "/disclosures/429006/2026/213002.xlsx"
    client.get(url)
    with django_assert_num_queries(1):
        assert client.get(url).status_code == 200


def test_negative_figures_stay_numbers_and_typed_text_stays_text_in_exports():
    budget = m.Budget.objects.get(organisation__code="213011", status=m.Status.PUBLISHED)
    m.PriorYearFigure.objects.create(budget=budget, year=2019, measure="revenue_total",
                                     code="", amount=Decimal("-12.50"))
    m.NarrativeText.objects.update_or_create(budget=budget, key="other.test",
                                             defaults={"text": "=1+2"})
    wb = load_workbook(BytesIO(write_workbook(budget)))
    amounts = [c for row in wb[L.PRIOR_YEAR.name].iter_rows(min_row=4) for c in row
               if c.value == -12.5]
    assert amounts and amounts[0].data_type == "n"
    text = next(c for row in wb[L.NARRATIVE.name].iter_rows() for c in row if c.value == "=1+2")
    assert text.data_type == "s" and text.quotePrefix


def test_an_oversized_upload_is_recorded_as_refused_without_keeping_the_file(
        client, draft, settings):
    settings.MAX_WORKBOOK_UPLOAD_BYTES = 1024 * 1024
    client.force_login(user("demo-officer"))
    record = upload(client, bytes(1024 * 1024 + 1), draft, name="太大.xlsx")
    assert (record.status, bool(record.file), record.uploaded_by) == (
        m.UploadStatus.REJECTED, False, user("demo-officer"))
    assert "超过上限 1 MB" in record.report["problems"][0]["message"]


def test_an_officer_downloads_the_filled_workbook_of_a_draft_and_others_cannot(client, draft):
    url = f"/admin/budgets/workbookupload/budget/{draft.pk}.xlsx"
    client.force_login(user("demo-officer"))
    response = client.get(url)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert read_workbook(response.content)["organisation"]["code"] == "213011"
    wuhan_officer = get_user_model().objects.create_user("wuhan-officer", is_staff=True)
    m.RoleAssignment.objects.create(user=wuhan_officer, role=m.Role.UNIT_OFFICER,
                                    organisation=m.Organisation.objects.get(code="503019"))
    client.force_login(wuhan_officer)
    assert client.get(url).status_code == 404
