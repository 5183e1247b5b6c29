"""A workbook exported by 预算管理一体化 carries the official tables only (no 封面, no data
sheets, its own sheet names): importing one gives a budget whose published tables match the
seed figure for figure, and a missing table is named in the message."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from budgets import statements
from budgets.demo import demo_workbooks, system_user
from budgets.importing.upload import import_workbook
from budgets.models import Budget, FunctionCode, Region, UploadStatus
from budgets.workbook import layout as L

from .seed_text import SEED_DIR, printed_figures
from .test_seed_figures import SEEDS, computed, wan

pytestmark = pytest.mark.django_db

REGION = "990001"   # a region of its own: the seeds' own budgets are published already


def official_only(seed, *, drop=()):
    """The seed's workbook as 一体化 exports it: the printed tables alone, each sheet named
    by its title and titled with the year ("2026年收支总表")."""
    path = next(p for p in demo_workbooks() if p.stem == seed)
    wb = load_workbook(path)
    official = {s.name: s for s, _ in L.OFFICIAL_TABLES}
    for ws in list(wb.worksheets):
        sheet = official.get(ws.title)
        if sheet is None or sheet.title in drop:
            wb.remove(ws)
            continue
        ws["A1"] = f"2026年{sheet.title}"
        ws.title = sheet.title.replace("“", "").replace("”", "")
        if sheet is L.PROJECTS:
            without_our_columns(ws)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def without_our_columns(ws):
    """表10 as 一体化 prints it: no 项目单位代码 column (the unit is named in 项目单位)."""
    header = next(row for row in ws.iter_rows() if row[0].value == "项目编码")
    column = next(c.column for c in header if c.value == "项目单位代码")
    for merged in [r for r in ws.merged_cells.ranges if r.min_col <= column <= r.max_col]:
        ws.unmerge_cells(str(merged))
    for row in ws.iter_rows(min_col=column, max_col=column):
        row[0].value = None


@pytest.fixture
def region():
    return Region.objects.get_or_create(code=REGION, defaults={"name": "一体化测试市"})[0]


def imported(data):
    return import_workbook(data, acting_user=system_user(), via="command", region=REGION,
                           explanation="一体化导出的工作簿")


@pytest.mark.parametrize("seed", SEEDS)
def test_an_official_only_workbook_publishes_the_seed_tables_figure_for_figure(seed, region):
    upload = imported(official_only(seed))
    assert upload.status == UploadStatus.IMPORTED, upload.report.get("problems")
    budget = Budget.objects.get(pk=upload.budget_id)
    assert (budget.organisation.region, budget.fiscal_year.year) == (region, 2026)
    text = (SEED_DIR / f"{seed}.txt").read_text(encoding="utf-8")
    classes = dict(FunctionCode.objects.filter(year=budget.fiscal_year, level="class")
                   .values_list("name", "code"))
    tables = statements.all_tables(budget)
    figures = list(printed_figures(text, classes))
    assert len(figures) > 100
    wrong = [f"{f}: computed {wan(computed(tables, f))}" for f in figures
             if wan(computed(tables, f)) != f.value]
    assert wrong == []


def test_an_official_only_workbook_without_its_expenditure_table_is_refused_naming_it(region):
    before = Budget.objects.count()
    upload = imported(official_only(SEEDS[0], drop=("支出总表",)))
    assert upload.status == UploadStatus.REJECTED
    messages = [p["message"] for p in upload.report["problems"]]
    assert any("缺少“支出总表”" in text for text in messages), messages
    assert Budget.objects.count() == before


def test_an_official_only_workbook_needs_to_be_told_its_region(region):
    upload = import_workbook(official_only(SEEDS[0]), acting_user=system_user(),
                             via="command", explanation="一体化导出的工作簿")
    assert upload.status == UploadStatus.REJECTED
    assert any("--region" in p["message"] for p in upload.report["problems"])


def test_an_export_uploaded_to_a_draft_takes_region_year_and_scope_from_it_and_keeps_the_rest():
    from django.contrib.auth.models import User

    from budgets import workflow
    from budgets.importing.upload import confirm, receive, warnings_of

    published = Budget.objects.get(organisation__region__code="429006",
                                   organisation__code="213011", status="published")
    draft = workflow.correct(published, acting_user=User.objects.get(username="demo-publisher"),
                             reason="一体化导出")
    officer = User.objects.get(username="demo-officer")
    upload = receive(official_only("tianmen-hrss-info-center-2026"), acting_user=officer,
                     budget=draft)
    assert upload.status == UploadStatus.PREVIEWED, upload.report.get("problems")
    explanations = dict.fromkeys(range(len(warnings_of(upload))), "一体化导出的工作簿")
    assert confirm(upload, acting_user=officer, explanations=explanations) == draft
    draft.refresh_from_db()
    assert (draft.scope, draft.expenditure_items.count()) == (published.scope, 4)
    # What no official table carries is the draft's own still, not wiped by the export.
    for relation in ("project_forms", "narrative", "personnel", "glossary"):
        kept = getattr(draft, relation).count()
        assert kept == getattr(published, relation).count() > 0, relation
    assert draft.project_forms.get().projects.exists()
