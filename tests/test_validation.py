"""Validation (表间勾稽): the same rules for stored budgets and uploaded workbooks; figures given
in 万元 are checked by interval arithmetic, so a rounding tail passes and nothing else does."""

from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from budgets import models as m
from budgets import validation
from budgets.validation.core import Amount, total
from budgets.workbook import layout as L
from budgets.workbook import write_workbook
from budgets.workbook.reader import read_workbook_printed

from .workbook_edits import edited

pytestmark = pytest.mark.django_db


def seed(org):
    return m.Budget.objects.get(organisation__code=org, status=m.Status.PUBLISHED)



def in_wan_yuan(ws):
    """The sheet as the published tables print it: 万元, two decimals, each figure rounded."""
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == L.UNIT_LINE:
                cell.value = "单位：万元"
            elif cell.row >= 4 and isinstance(cell.value, (int, float)):
                cell.value = float((Decimal(str(cell.value)) / 10000).quantize(
                    Decimal("0.01"), ROUND_HALF_UP))


def row_of(ws, code):
    return next(c.row for c in ws["A"] if c.value == code)


def check(book):
    doc, printed = read_workbook_printed(book)
    return validation.check_workbook(doc, printed)


def test_the_three_seeds_pass_every_rule_stored_and_as_workbooks():
    for org in ("213011", "213002", "503019"):
        budget = seed(org)
        assert validation.problems(budget) == []
        assert check(write_workbook(budget)) == []


def test_a_rounding_tail_is_one_rounding_can_explain_and_nothing_more():
    parts = [Amount.given(Decimal(x) * 10000, 10000) for x in ("16.07", "65.64", "32.82")]
    assert Amount.given(Decimal("114.52") * 10000, 10000).agrees(total(parts))
    assert Amount.given(Decimal("114.51") * 10000, 10000).agrees(total(parts))   # 3 × 0.005
    assert not Amount.given(Decimal("114.50") * 10000, 10000).agrees(total(parts))
    assert not Amount.exact(Decimal("1145200")).agrees(Amount.exact(Decimal("1145300")))


def wuhan_in_wan_yuan(pension=None):
    """The Wuhan seed's workbook with 表3, 表5 and 支出明细 in 万元, as published: 20805
    (行政事业单位养老支出) = 114.52 while its three 项 print 16.07 + 65.64 + 32.82 = 114.53.
    `pension` replaces the 20805 figures of 表3."""
    def change(wb):
        for sheet in (L.EXPENDITURE, L.GENERAL_BUDGET, L.EXPENDITURE_DETAIL):
            in_wan_yuan(wb[sheet.name])
        ws = wb[L.EXPENDITURE.name]
        row = row_of(ws, "20805")
        items = [ws.cell(row_of(ws, code), 3).value for code in ("2080502", "2080505",
                                                                 "2080506")]
        assert (ws.cell(row, 3).value, items) == (114.52, [16.07, 65.64, 32.82])
        if pension is not None:
            for column in (3, 4):   # 合计, 基本支出
                ws.cell(row, column).value = pension
    return edited(write_workbook(seed("503019")), change)


def test_the_published_rounding_tail_20805_is_not_reported():
    assert check(wuhan_in_wan_yuan()) == []


def test_a_class_row_beyond_rounding_is_reported_with_its_cell_and_rule():
    issues = check(wuhan_in_wan_yuan(114.42))
    ws = load_workbook(BytesIO(write_workbook(seed("503019"))))[L.EXPENDITURE.name]
    row = row_of(ws, "20805")
    found = {i.where: i for i in issues}
    issue = found[f"{L.EXPENDITURE.name}!C{row}"]
    assert issue.fatal and issue.code == "V601"
    assert "款级科目数应等于其所属项级科目之和" in issue.message
    assert issue.found == "114.42 万元" and issue.expected.startswith("114.53 万元")


def test_the_tianmen_narrative_figures_entered_in_table_6_are_reported():
    """The text gives 工会经费 2.77 and 公务用车运行维护费 0.92 where the table says 20.77 and
    3.50; entered as table figures, 302 商品和服务支出 = 88.94 no longer adds up."""
    rows = {}

    def change(wb):
        ws = wb[L.BASIC.name]
        in_wan_yuan(ws)
        for code, amount in (("30228", 2.77), ("30231", 0.92)):
            row = row_of(ws, code)
            ws.cell(row, 3).value = ws.cell(row, 5).value = amount
        rows.update({code: row_of(ws, code) for code in ("302", "30228")})
        assert ws.cell(rows["302"], 3).value == 88.94

    issues = check(edited(write_workbook(seed("213002")), change))
    found = {i.where: i for i in issues}
    class_row = found[f"{L.BASIC.name}!C{rows['302']}"]
    assert class_row.code == "V601" and class_row.fatal
    assert "类级科目数应等于其所属款级科目之和" in class_row.message
    assert class_row.found == "88.94 万元"
    assert class_row.expected.startswith("68.36 万元")
    assert f"{L.BASIC.name}!E{rows['302']}" in found            # 公用经费 column too
    assert f"{L.BASIC.name}!C{5}" in found                      # the 合计 row
    assert any(i.code == "V202" for i in issues)                # 表5 公用经费 ≠ 表6
    assert f"{L.BASIC.name}!C{rows['30228']}" not in found     # a fact row is not a sum


def test_a_deliberately_wrong_class_row_is_reported():
    def change(wb):
        ws = wb[L.EXPENDITURE.name]
        row = row_of(ws, "208")
        ws.cell(row, 3).value = ws.cell(row, 3).value + 100

    issues = check(edited(write_workbook(seed("213011")), change))
    assert [(i.code, i.where.split("!")[0]) for i in issues] == [("V601", L.EXPENDITURE.name)]
    assert "类级科目数应等于其所属款级科目之和" in issues[0].message


def test_a_stored_budget_breaking_the_cross_table_rules_is_refused_or_warned():
    budget = seed("213011")
    three = m.ThreePublicBudget.objects.get(budget=budget)
    three.reception = Decimal("99999999")
    three.save()
    line = m.MeasurementLine.objects.filter(form__budget=budget).first()
    line.amount += 1
    line.save()
    item = budget.basic_items.first()
    item.public += 100
    item.save()
    codes = {(i.code, i.fatal) for i in validation.problems(budget)}
    assert {("V301", True), ("V401", True), ("V202", True)} <= codes
    assert all(i.where and i.message for i in validation.problems(budget))


def test_three_public_beyond_its_basic_line_but_within_projects_is_a_warning():
    budget = seed("213011")
    three = m.ThreePublicBudget.objects.get(budget=budget)
    basic = sum((i.public for i in budget.basic_items.filter(economic_code__code="30217")),
                Decimal(0))
    three.reception = basic + 1000
    three.save()
    [issue] = validation.problems(budget)
    assert (issue.code, issue.fatal) == ("V302", False)
    assert "请说明" in issue.message
