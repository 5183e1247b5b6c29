"""Checks of the figures an uploaded workbook prints for computed rows and columns: every
类/款/合计 row, every 合计/小计 column and every figure of the summary tables is compared with
what the facts give (budgets.validation.facts), by interval arithmetic where the sheet is in
万元; a rounding tail passes exactly when rounding each figure can explain it. Also the
printed code trees: codes the year's catalog has, each 项 under its own 款 and 类, no row
twice.
"""

from collections import defaultdict

from budgets.workbook import layout as L
from budgets.workbook.read_tables import _label_key

from .core import Amount, Issue, show

TABLE_NAMES = {"overview": L.OVERVIEW, "income": L.INCOME, "expenditure": L.EXPENDITURE,
               "appropriation": L.APPROPRIATION, "general_budget": L.GENERAL_BUDGET,
               "general_budget_by_unit": L.GENERAL_BY_UNIT, "basic": L.BASIC,
               "three_public": L.THREE_PUBLIC, "gov_fund_three_public": L.GOV_FUND_THREE_PUBLIC,
               "gov_fund": L.GOV_FUND,
               "soe_capital": L.SOE_CAPITAL, "projects": L.PROJECTS}
FUNCTION_TABLES = ("expenditure", "general_budget", "gov_fund", "soe_capital")
# Columns that are sums of other columns of the same row.
COLUMN_SUMS = {"total", "basic", "current", "carryover", "vehicle"}
ROW_SUMS = {   # within-row sums of 项目支出表 (its rows are matched by position, not by code)
    "projects": (("total", ("current_general", "current_gov_fund", "current_soe",
                            "carryover_general", "carryover_gov_fund", "carryover_soe",
                            "fiscal_special", "unit_funds")),),
}
LEVEL_RULES = {
    3: ("V601", "表内勾稽：类级科目数应等于其所属款级科目之和"),
    5: ("V601", "表内勾稽：款级科目数应等于其所属项级科目之和"),
}


def _issue(code, title, figure, expected, found, fatal=True):
    message = f"{title}。应为 {expected}，实际为 {found}"
    return Issue(where=figure.where, message=message, fatal=fatal, code=code,
                 expected=expected, found=found)


def _rule_of(figure, row, tables_with_fact_rows):
    """(code, title) of the equation that determines a printed figure."""
    table, column = figure.table, figure.column
    if table in ("overview", "appropriation"):
        if row.startswith("class:"):
            return "V603", ("表间勾稽：按功能分类“类”列示的支出应等于支出总表"
                            "（支出明细）中该类的合计")
        if row.startswith(("revenue:", "carryover:")):
            return "V603", "表间勾稽：各项收入应等于收入总表中该来源的合计"
        return "V602", ("表内勾稽：收入总计 = 本年收入 + 上年结转结余 = 支出总计"
                        " = 本年支出 + 年终结转结余")
    if row == "":
        return "V601", "表内勾稽：合计行应等于各行之和"
    if table in tables_with_fact_rows and len(row) in LEVEL_RULES:
        return LEVEL_RULES[len(row)]
    if column in COLUMN_SUMS:
        return "V602", "表内勾稽：合计（小计）列应等于其各组成列之和"
    if table == "income":
        return "V603", "表间勾稽：部门行应为本部门及所属单位之和"
    return "V603", f"表间勾稽：应与“{L.EXPENDITURE_DETAIL.name}”中该单位、科目的支出之和一致"


def _class_codes(facts, names):
    by_name = {}
    for code, name in names.items():
        if len(code) == 3:
            by_name.setdefault(_label_key(name), code)
    return by_name


def _computed(facts, figure, row):
    if row is None:
        return None
    if row == "carryover_out":
        revenue = facts.cell(figure.table, "revenue_total", "amount")
        spending = facts.cell(figure.table, "expenditure_current", "amount")
        return revenue - spending
    column = "amount" if figure.table in ("overview", "appropriation") else figure.column
    return facts.cell(figure.table, row, column)


def _row(figure, class_codes):
    """The statements row of a figure; a class printed by name is found by its name."""
    if figure.row.startswith("label:"):
        code = class_codes.get(figure.row.removeprefix("label:"))
        return f"class:{code}" if code else None
    return figure.row


def _compare(printed, facts):
    found = []
    names = _names(facts)
    class_codes = _class_codes(facts, names)
    for figure in printed.figures:
        if figure.table == "projects" and figure.row.startswith("line:"):
            continue   # project rows: within-row sums below
        if figure.table == "basic" and len(figure.row) == 5:
            continue   # 表6's 款 rows are facts
        value = Amount.given(figure.value, figure.multiplier)
        row = _row(figure, class_codes)
        computed = _computed(facts, figure, row)
        if computed is None:
            if figure.value:
                found.append(_issue("V604", "表内勾稽：支出项目须是当年科目目录中的功能分类“类”",
                                    figure, "目录中的类名称", f"“{figure.name}”"))
            continue
        computed = Amount(computed.lo, computed.hi, wan=value.wan)
        if not value.agrees(computed):
            code, title = _rule_of(figure, row, ("basic",) + FUNCTION_TABLES)
            found.append(_issue(code, title, figure, show(computed), show(value)))
    return found


def _row_sums(printed):
    found = []
    rows = defaultdict(dict)
    for figure in printed.figures:
        if figure.table in ROW_SUMS:
            rows[(figure.table, figure.line)][figure.column] = figure
    for (table, _), figures in rows.items():
        for column, parts in ROW_SUMS[table]:
            if column not in figures:
                continue
            whole = figures[column]
            value = Amount.given(whole.value, whole.multiplier)
            computed = sum((Amount.given(figures[p].value, figures[p].multiplier)
                            for p in parts if p in figures), Amount(0, 0, wan=value.wan))
            if not value.agrees(computed):
                found.append(_issue("V602", "表内勾稽：合计列应等于其各组成列之和", whole,
                                    show(computed), show(value)))
    return found


def _names(facts):
    from budgets import models as m
    return dict(m.FunctionCode.objects.filter(year__year=facts.year).values_list("code", "name"))


def _trees(printed, facts):
    """Printed code rows: in the catalog, under the right parents, not repeated."""
    found = []
    seen = set()
    parents = {}
    for table, code, name, where in printed.tree_rows:
        if table in ("income", "general_budget_by_unit") or not code:
            continue
        catalog = facts.economic_codes if table == "basic" else facts.function_codes
        if (table, code) in seen:
            found.append(Issue(where=where, code="V606", fatal=True,
                               message=f"表内重复：科目“{code}”在本表中列了两次；每个科目只能列一行",
                               expected="每个科目一行", found=f"“{code}”重复"))
            continue
        seen.add((table, code))
        if code not in catalog:
            found.append(Issue(where=where, code="V604", fatal=True,
                               message=f"科目“{code} {name}”不在 {facts.year} 年科目目录中；"
                                       "请核对科目编码（科目每年修订）",
                               expected=f"{facts.year} 年目录中的科目", found=f"“{code}”"))
            continue
        if len(code) == 3:
            parents[table] = {3: code}
            continue
        parent = code[:3] if len(code) == 5 else code[:5]
        printed_parent = parents.get(table, {}).get(len(parent))
        if printed_parent != parent:
            found.append(Issue(
                where=where, code="V605", fatal=True,
                message=f"科目位置错误：“{code} {name}”应列在其上级科目 {parent} 之下，"
                        f"实际列在 {printed_parent or '表首'} 之下",
                expected=f"上级科目 {parent}", found=printed_parent or "无上级科目行"))
        parents.setdefault(table, {})[len(code)] = code
    return found


def check_printed(printed, facts):
    return _trees(printed, facts) + _compare(printed, facts) + _row_sums(printed)
