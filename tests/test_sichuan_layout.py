"""The Sichuan tables built from data: 表2-1 财政拨款支出预算表（部门经济分类科目） from basic
spending and the projects' appropriations by economic 款, 表3 split into 当年财政拨款安排 /
上年结转安排 from the projects' carry-over, and 表4-1 政府性基金预算"三公"经费 from its own
record; each prints its empty note when the budget holds no such figures."""

import copy
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from budgets import statements, validation, workflow
from budgets.demo import system_user
from budgets.exporting import budget_to_document
from budgets.importing.document import save_document
from budgets.models import Budget, EconomicCode, Status
from budgets.workbook import read_workbook
from budgets.workbook.writer import write_document

from .admin_form import form_data
from .test_disclosure_page import figures_on_page, page_url, parse
from .test_seed_figures import budget_for

pytestmark = pytest.mark.django_db

SEED = "tianmen-social-insurance-bureau-2026"
DAZHOU = {"code": "511700", "name": "达州市", "parent": {"code": "510000", "name": "四川省"}}


def row(items, **match):
    return next(i for i in items if all(i.get(k) == v for k, v in match.items()))


def seed_in_dazhou():
    """The seed's document as a Dazhou budget: same organisation codes in another region."""
    doc = budget_to_document(budget_for(SEED))
    doc.update(region=copy.deepcopy(DAZHOU), layout="sichuan-dazhou")
    # The Sichuan 情况说明 states changes the Tianmen one does not: their reasons are typed.
    typed = {n["key"] for n in doc["narrative"]}
    doc["narrative"] += [{"key": key, "text": "按实际需要安排。"} for key in (
        "reason.three_public_change", "reason.procurement") if key not in typed]
    return doc


def sichuan_document():
    """The seed in Dazhou, with 2.60 万元 of 工作经费 carried over from last year, a
    government-fund project (8.00 万元) spent on 30227/30231/30217, the general projects split
    by economic 款, and a government-fund "三公" of 3.00 万元."""
    doc = seed_in_dazhou()
    work = row(doc["projects"], name="工作经费")      # 2080109, 12.60 万元 this year
    work.update(current_general="100000.00", carryover_general="26000.00")
    general = row(doc["revenue"], source="general_budget", carryover=False)
    general["amount"] = f"{Decimal(general['amount']) - 26000:.2f}"
    detail = row(doc["revenue_details"], source="general_budget", label="经费拨款（补助）")
    detail["amount"] = f"{Decimal(detail['amount']) - 26000:.2f}"
    doc["revenue"] += [
        {"unit": "213002", "source": "general_budget", "carryover": True, "amount": "26000.00"},
        {"unit": "213002", "source": "gov_fund", "carryover": False, "amount": "80000.00"}]
    doc["expenditure"].append({
        "unit": "213002", "fund": "gov_fund", "function": "2080199", "personnel": "0.00",
        "public": "0.00", "project": "80000.00", "operating": "0.00", "remit": "0.00",
        "subsidy": "0.00"})
    doc["projects"].append({
        **{k: "0.00" for k in work if k.startswith(("current_", "carryover_"))},
        "code": "", "name": "基金运转项目", "unit": "213002", "group_code": "",
        "group_name": work["group_name"], "category": "operating", "function": "2080199",
        "current_gov_fund": "80000.00", "fiscal_special": "0.00", "unit_funds": "0.00"})
    doc["project_economic"] = [
        {"fund": "general_budget", "economic": "30201", "amount": "100000.00"},
        {"fund": "general_budget", "economic": "30227", "amount": "513500.00"},
        {"fund": "general_budget", "economic": "30399", "amount": "387300000.00"},
        {"fund": "gov_fund", "economic": "30217", "amount": "10000.00"},
        {"fund": "gov_fund", "economic": "30227", "amount": "50000.00"},
        {"fund": "gov_fund", "economic": "30231", "amount": "20000.00"}]
    doc["gov_fund_three_public"] = {"overseas": "0.00", "vehicle_purchase": "0.00",
                                    "vehicle_operation": "20000.00", "reception": "10000.00"}
    return doc


def publish(doc):
    """Through the standard workbook and the importer, then the workflow (which refuses a
    budget with fatal validation problems)."""
    budget = save_document(read_workbook(write_document(doc)))
    user = system_user()
    for step in (workflow.submit, workflow.approve, workflow.publish):
        step(budget, acting_user=user, via="command")
    return budget


def printed(client, budget, table):
    response = client.get(page_url(budget))
    assert response.status_code == 200
    html = response.content.decode()
    rows = parse(html).tables[table]
    notes = html.split(f'data-table="{table}"')[1].split("</section>")[0]
    return figures_on_page(rows), notes


@pytest.fixture
def sichuan(client):
    return publish(sichuan_document())


def test_the_workbook_carries_the_new_facts_both_ways():
    doc = sichuan_document()
    read = read_workbook(write_document(doc))
    assert [{k: v for k, v in i.items() if k != "_where"} for i in read["project_economic"]] \
        == doc["project_economic"]
    assert read["gov_fund_three_public"] == doc["gov_fund_three_public"]
    saved = budget_to_document(save_document(read))
    assert saved["project_economic"] == doc["project_economic"]
    assert saved["gov_fund_three_public"] == doc["gov_fund_three_public"]


def test_table_3_splits_this_years_appropriation_from_the_carry_over(client, sichuan):
    cells, _ = printed(client, sichuan, "general_budget")
    assert {col: cells[("2080109@213002", col)] for col in (
        "total", "current_total", "basic", "current_project", "carryover_project")} == {
        "total": "666.62", "current_total": "664.02", "basic": "627.02",
        "current_project": "37.00", "carryover_project": "2.60"}
    assert {col: cells[("", col)] for col in (
        "total", "current_total", "basic", "current_project", "carryover_project")} == {
        "total": "39,585.07", "current_total": "39,582.47", "basic": "793.72",
        "current_project": "38,788.75", "carryover_project": "2.60"}
    # A 项 whose projects carry nothing over prints no carry-over.
    assert cells[("2080105@213002", "current_project")] == "21.75"
    assert cells[("2080105@213002", "carryover_project")] == ""


def test_split_code_columns_are_named_so_print_can_size_them(client, sichuan):
    html = client.get(page_url(sichuan)).content.decode()
    table = html.split('data-table="general_budget"')[1].split("</table>")[0]
    assert '<colgroup><col class="col-class_code"><col class="col-section_code">' \
        '<col class="col-item_code"><col class="col-unit_code"><col class="col-name">' in table


def test_table_2_1_prints_basic_and_project_spending_by_economic_section(client, sichuan):
    cells, notes = printed(client, sichuan, "appropriation_economic")
    columns = ("total", "basic", "personnel", "public", "project")

    def line(code):
        return tuple(cells[(code, c)] for c in columns)

    assert line("30201") == ("18.80", "8.80", "", "8.80", "10.00")
    assert line("30217") == ("1.92", "0.92", "", "0.92", "1.00")
    assert line("30227") == ("56.35", "", "", "", "56.35")
    assert line("30231") == ("5.50", "3.50", "", "3.50", "2.00")
    assert line("30399") == ("38,730.00", "", "", "", "38,730.00")
    assert line("") == ("39,593.07", "793.72", "704.78", "88.94", "38,799.35")
    assert "30201" in notes and "本表无数据" not in notes


def test_table_4_1_prints_the_government_fund_three_public(client, sichuan):
    cells, notes = printed(client, sichuan, "gov_fund_three_public")
    assert {col: cells[("", col)] for col in (
        "total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")} \
        == {"total": "3.00", "overseas": "", "vehicle": "2.00", "vehicle_purchase": "",
            "vehicle_operation": "2.00", "reception": "1.00"}
    assert "本表无数据" not in notes
    # The general budget's "三公" (表3-3) is still the general budget's.
    general, _ = printed(client, sichuan, "three_public")
    assert general[("", "total")] == "4.42"


def test_without_the_new_facts_2_1_and_4_1_print_their_empty_note(client):
    budget = publish(seed_in_dazhou())
    for table in ("appropriation_economic", "gov_fund_three_public"):
        cells, notes = printed(client, budget, table)
        assert not any(cells.values()), table
        assert "注：本表无数据。" in notes
    # 表3 still prints every figure: nothing is carried over.
    cells, _ = printed(client, budget, "general_budget")
    assert cells[("", "current_total")] == cells[("", "total")] == "39,585.07"
    assert cells[("", "carryover_project")] == ""


def test_a_budget_without_projects_prints_2_1_from_basic_spending_alone():
    doc = seed_in_dazhou()
    data = statements.BudgetData(save_document(doc))
    data.projects = []
    table = statements.appropriation_economic_table(data)
    assert table.total["total"] == table.total["basic"] == Decimal("7937153.00")
    assert table.row("30201")["public"] == Decimal("88000.00")


def test_project_spending_by_economic_section_must_add_up_to_each_fund():
    doc = sichuan_document()
    row(doc["project_economic"], fund="gov_fund", economic="30227")["amount"] = "40000.00"
    issues = validation.problems(save_document(doc))
    found = [i for i in issues if i.code == "V210"]
    assert len(found) == 1 and found[0].fatal
    assert "政府性基金预算" in found[0].message and "8.00" not in found[0].message
    assert "80,000.00 元" in found[0].message and "70,000.00 元" in found[0].message


def test_carry_over_beyond_its_functions_project_spending_is_refused():
    doc = sichuan_document()
    row(doc["projects"], name="工作经费")["carryover_general"] = "500000.00"
    issues = validation.problems(save_document(doc))
    assert any(i.code == "V208" and i.fatal and "2080109" in i.message for i in issues)


def test_a_project_without_function_code_is_reported_with_what_it_affects():
    doc = sichuan_document()
    row(doc["projects"], name="工作经费")["function"] = ""
    issues = [i for i in validation.problems(save_document(doc)) if i.code == "V209"]
    assert issues and not issues[0].fatal
    assert "工作经费" in issues[0].message and "四川表3" in issues[0].message


def test_a_project_that_moves_no_split_column_needs_no_function_code():
    doc = sichuan_document()
    row(doc["projects"], name="办案经费")["function"] = ""      # 特定目标类, nothing carried
    issues = validation.problems(save_document(doc))
    assert not [i for i in issues if i.code in ("V208", "V209")]


def test_an_operating_project_filed_under_the_wrong_function_is_reported():
    doc = sichuan_document()
    row(doc["projects"], name="基金运转项目")["function"] = "2080109"
    issues = [i for i in validation.problems(save_document(doc)) if i.code == "V209"]
    assert {"2080109" in i.message for i in issues} == {True}
    assert not any(i.fatal for i in issues)


def test_government_fund_three_public_cannot_exceed_government_fund_spending():
    doc = sichuan_document()
    doc["gov_fund_three_public"]["reception"] = "100000.00"
    issues = validation.problems(save_document(doc))
    assert any(i.code == "V303" and i.fatal for i in issues)


def test_the_seed_budgets_keep_their_three_public_and_have_no_gov_fund_record():
    budget = budget_for(SEED)
    assert budget.three_public.total == Decimal("44200.00")
    assert not Budget.objects.filter(pk=budget.pk, gov_fund_three_public__isnull=False).exists()
    assert budget_to_document(budget)["gov_fund_three_public"] is None


def test_an_officer_enters_both_on_the_budget_page(client):
    client.force_login(User.objects.get(username="demo-officer"))
    published = Budget.objects.get(organisation__code="213011", status=Status.PUBLISHED)
    draft = workflow.correct(published, acting_user=User.objects.get(username="demo-publisher"),
                             reason="录入测试")
    url = reverse("admin:budgets_budget_change", args=[draft.pk])
    data = form_data(client.get(url).content.decode(), "budget_form")
    office = EconomicCode.objects.get(year__year=2026, code="30201")
    data.update({
        "project_economic_items-TOTAL_FORMS": ["1"],
        "project_economic_items-0-fund": ["general_budget"],
        "project_economic_items-0-economic_code": [str(office.pk)],
        "project_economic_items-0-amount": ["150000.00"],
        "gov_fund_three_public-TOTAL_FORMS": ["1"],
        "gov_fund_three_public-0-overseas": ["0"],
        "gov_fund_three_public-0-vehicle_purchase": ["0"],
        "gov_fund_three_public-0-vehicle_operation": ["0"],
        "gov_fund_three_public-0-reception": ["1200.00"],
        "_save": ["保存"]})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    data = statements.BudgetData(draft)
    assert statements.appropriation_economic_table(data).row("30201")["project"] == \
        Decimal("150000.00")
    assert statements.gov_fund_three_public_table(data).total["total"] == Decimal("1200.00")
    assert not [i for i in validation.problems(draft) if i.code == "V210"]

