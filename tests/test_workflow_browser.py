"""In a real browser: a unit officer enters a small budget through the admin forms, fixes
the error shown at a field and submits; the reviewer returns it with a comment, the officer
fixes and resubmits, the reviewer approves, the publisher publishes, and the public page and
its PDF show it. The publisher then corrects it; the audit shows who changed what.

The portal is served from a thread against data committed outside any test transaction (a
dedicated unit and officer, removed afterwards), so the demo budgets stay as they were."""

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection
from django.utils import timezone
from playwright.sync_api import expect

from budgets.models import Budget, Organisation, Region, Role, RoleAssignment, Status

from .browser import SHOTS, chromium_browser, serve

pytestmark = pytest.mark.browser

TIANMEN = "429006"
CODE = "213098"
NAME = "天门市浏览器测试中心"


@pytest.fixture
def db(django_db_setup, django_db_blocker):
    """Committed data for a server thread to see (replaces pytest-django's `db`, whose
    transaction the server could not see into); everything written is removed afterwards."""
    start = timezone.now()
    with django_db_blocker.unblock():
        region = Region.objects.get(code=TIANMEN)
        department = Organisation.objects.get(region=region, code="213")
        unit = Organisation.objects.create(region=region, code=CODE, name=NAME, kind="unit",
                                           parent=department)
        officer = User.objects.create_user("browser-officer", password="browser-officer",
                                           is_staff=True)
        RoleAssignment.objects.create(user=officer, role=Role.UNIT_OFFICER, organisation=unit)
        try:
            yield
        finally:
            Budget.objects.filter(organisation=unit).delete()
            officer.delete()
            unit.delete()
            for model in apps.get_models():
                name = model.__name__
                if name.startswith("Historical"):
                    model.objects.filter(history_date__gte=start).delete()
                elif name in ("AccessLog", "AccessAttempt"):
                    model.objects.filter(attempt_time__gte=start).delete()
            connection.close()


@pytest.fixture
def server(db, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    with serve() as url:
        yield url


@pytest.fixture
def chromium():
    with chromium_browser() as browser:
        yield browser


def sign_in(browser, server, username):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    page.goto(f"{server}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", username)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_be_visible()
    return page


def pick(page, select_id, term, text):
    """Choose an option of a select2 autocomplete by typing, as a person would."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", term)
    page.click(f".select2-results__option:has-text('{text}')")


def add_row(page, prefix):
    page.click(f"#{prefix}-group .add-row a")
    rows = page.locator(f"#{prefix}-group tr.form-row:not(.empty-form)")
    return rows.count() - 1


def shot(page, name):
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def enter_budget(page, server):
    page.goto(f"{server}/admin/budgets/budget/add/")
    pick(page, "id_organisation", CODE, NAME)
    page.select_option("#id_fiscal_year", label="2026年")
    page.select_option("#id_scope", "unit")
    page.fill("#id_layout", "hubei-tianmen")
    page.click("input[name=_continue]")
    expect(page.locator("#workflow h2")).to_contain_text("草稿")

    i = add_row(page, "revenue_items")
    pick(page, f"id_revenue_items-{i}-unit", CODE, NAME)
    page.select_option(f"#id_revenue_items-{i}-source", "general_budget")
    page.fill(f"#id_revenue_items-{i}-amount", "150000")
    i = add_row(page, "expenditure_items")
    pick(page, f"id_expenditure_items-{i}-unit", CODE, NAME)
    page.select_option(f"#id_expenditure_items-{i}-fund", "general_budget")
    pick(page, f"id_expenditure_items-{i}-function_code", "2080109", "2080109 社会保险经办机构")
    page.fill(f"#id_expenditure_items-{i}-personnel", "100000")
    # A typing slip the form refuses at the field.
    page.fill(f"#id_expenditure_items-{i}-public", "-50000")
    # 办公费 mistyped: 表6 will not agree with 表5, which validation reports on submission.
    for code, name, column, value in (("30101", "基本工资", "personnel", "100000"),
                                      ("30201", "办公费", "public", "45000")):
        j = add_row(page, "basic_items")
        pick(page, f"id_basic_items-{j}-economic_code", code, f"{code} {name}")
        page.fill(f"#id_basic_items-{j}-{column}", value)
    expect(page.locator("#expenditure_items-group .entry-rollup")).to_contain_text("20801")
    shot(page, "01-officer-enters-budget")
    page.click("input[name=_continue]")

    error = page.locator("#expenditure_items-group .errorlist")
    expect(error).to_contain_text("大于或等于")
    shot(page, "02-field-error-shown")
    page.fill(f"#id_expenditure_items-{i}-public", "50000")
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_contain_text("成功修改")
    return Budget.objects.get(organisation__code=CODE, status=Status.DRAFT)


def act(page, action, **fields):
    for selector, value in fields.items():
        page.fill(selector, value)
    page.click(f"#workflow-{action} button")


def test_a_budget_entered_through_the_forms_is_reviewed_published_and_corrected(
        server, chromium):
    browser = chromium
    officer = sign_in(browser, server, "browser-officer")
    budget = enter_budget(officer, server)
    change = f"{server}/admin/budgets/budget/{budget.pk}/change/"
    assert budget.expenditure_items.get().public == 50000
    act(officer, "submit")
    expect(officer.locator(".messagelist")).to_contain_text("预算未通过校验")
    expect(officer.locator(".messagelist")).to_contain_text("表6")
    shot(officer, "03-submission-refused-with-problems")
    officer.fill("#id_basic_items-1-public", "50000")
    officer.click("input[name=_continue]")
    act(officer, "submit")
    expect(officer.locator(".messagelist")).to_contain_text("已提交审核")

    reviewer = sign_in(browser, server, "demo-reviewer")
    reviewer.goto(change)
    act(reviewer, "return", **{"#return-comment": "办公费请按 40000 元编列"})
    expect(reviewer.locator(".messagelist")).to_contain_text("已退回")

    officer.goto(change)
    expect(officer.locator("#workflow .errornote")).to_contain_text("办公费请按 40000 元编列")
    shot(officer, "04-officer-sees-return-comment")
    officer.fill("#id_expenditure_items-0-public", "40000")
    officer.fill("#id_basic_items-1-public", "40000")
    officer.fill("#id_revenue_items-0-amount", "140000")
    officer.click("input[name=_continue]")
    act(officer, "submit")
    expect(officer.locator(".messagelist")).to_contain_text("已提交审核")

    reviewer.goto(change)
    act(reviewer, "approve")
    expect(reviewer.locator(".messagelist")).to_contain_text("已审核通过")
    publisher = sign_in(browser, server, "demo-publisher")
    publisher.goto(change)
    act(publisher, "publish")
    expect(publisher.locator(".messagelist")).to_contain_text("已公开")
    shot(publisher, "05-publisher-published")

    public = browser.new_page()
    public.goto(f"{server}/disclosures/{TIANMEN}/2026/{CODE}/")
    expect(public.locator("body")).to_contain_text(NAME)
    expect(public.locator("body")).to_contain_text("14.00")
    shot(public, "06-public-page")
    pdf = public.request.get(f"{server}/disclosures/{TIANMEN}/2026/{CODE}.pdf")
    assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"

    # A correction: a new revision; the first one stays published until it is replaced.
    publisher.goto(change)
    act(publisher, "correct", **{"#correct-reason": "人员经费少计 5000 元"})
    expect(publisher.locator(".messagelist")).to_contain_text("已创建更正版本")
    correction = Budget.objects.get(organisation__code=CODE, revision=2)
    officer.goto(f"{server}/admin/budgets/budget/{correction.pk}/change/")
    officer.fill("#id_expenditure_items-0-personnel", "105000")
    officer.fill("#id_basic_items-0-personnel", "105000")
    officer.fill("#id_revenue_items-0-amount", "145000")
    officer.click("input[name=_continue]")
    act(officer, "submit")
    reviewer.goto(f"{server}/admin/budgets/budget/{correction.pk}/change/")
    act(reviewer, "approve")
    publisher.goto(f"{server}/admin/budgets/budget/{correction.pk}/change/")
    act(publisher, "publish")
    expect(publisher.locator(".messagelist")).to_contain_text("已公开")

    first = Budget.objects.get(pk=budget.pk)
    assert first.status == Status.SUPERSEDED
    assert set(first.files.values_list("kind", flat=True)) >= {"pdf"}
    assert Budget.objects.get(pk=correction.pk).files.filter(kind="pdf").exists()
    publisher.goto(f"{server}/admin/budgets/budget/{correction.pk}/history/")
    changes = publisher.locator("#changes")
    expect(changes).to_contain_text("browser-officer")
    expect(changes).to_contain_text("100000.00 → 105000.00")
    shot(publisher, "07-audit-of-the-correction")
