"""The spending tables: by function 项 (支出总表, the fund tables, with the splits their
projects give: 当年/上年结转 and project classes), by unit, and by economic 款."""

from collections import defaultdict

from budgets import models as m

from .base import EXPENDITURE_COLUMNS, ZERO, Row, Table, _add, _tree, _vector_tree


def _basic_and_total(personnel, public, project, operating, remit, subsidy):
    # total as sum(…, ZERO) adds it, spelt out: this runs for every row of every function table.
    return personnel + public, ZERO + personnel + public + project + operating + remit + subsidy


def _with_derived(values):
    values["basic"], values["total"] = _basic_and_total(
        *(values.get(column, ZERO) for column in EXPENDITURE_COLUMNS))
    return values


# The project amount fields that are money of each fund: (current year, carried over).
PROJECT_FUND_FIELDS = {
    m.Fund.GENERAL_BUDGET: ("current_general", "carryover_general"),
    m.Fund.GOV_FUND: ("current_gov_fund", "carryover_gov_fund"),
    m.Fund.SOE_CAPITAL: ("current_soe", "carryover_soe"),
    m.Fund.FISCAL_SPECIAL: ("fiscal_special", None),
    m.Fund.UNIT_FUNDS: ("unit_funds", None),
}
# Columns a function table derives from the projects filed under each 项 (Project.function_code).
PROJECT_SPLIT_COLUMNS = ("carryover_project", "personnel_project", "operating_project")
SPLIT_ZEROS = (ZERO,) * len(PROJECT_SPLIT_COLUMNS)
# Printed by the fund tables beside their plain columns: 当年/上年结转 (四川 表3) and the
# project classes (天门 国有资本经营预算支出表: 人员类 / 公用经费 / 其他运转类 / 特定目标类).
SPLIT_COLUMNS = ("current_total", "current_project", "carryover_project", "personnel_class",
                 "operating_class", "specific_class")


def project_money(project, funds, *, carried=None):
    """A project's money from `funds`; carried True/False keeps only the carried-over or only
    the current-year part."""
    amount = ZERO
    for fund in funds:
        current, carryover = PROJECT_FUND_FIELDS[fund]
        if carried is not True:
            amount += getattr(project, current)
        if carried is not False and carryover:
            amount += getattr(project, carryover)
    return amount


def _project_split(data, funds, units):
    """{function 项: {carryover_project, personnel_project, operating_project}} from the
    projects of `units` that name their 项; validation (V208/V209) checks that they cover each
    项's project spending."""
    funds = tuple(funds or m.Fund)
    leaves = defaultdict(dict)
    for project in data.projects:
        if project.function_code is None or project.unit.code not in units:
            continue
        values = {"carryover_project": project_money(project, funds, carried=True)}
        if project.category in (m.ProjectCategory.PERSONNEL, m.ProjectCategory.OPERATING):
            values[f"{project.category}_project"] = project_money(project, funds)
        _add(leaves[project.function_code.code], values, PROJECT_SPLIT_COLUMNS)
    return leaves


# _function_values unpacks a leaf vector in this order.
assert EXPENDITURE_COLUMNS + PROJECT_SPLIT_COLUMNS == (
    "personnel", "public", "project", "operating", "remit", "subsidy",
    "carryover_project", "personnel_project", "operating_project")


def _function_values(vector):
    """A function table row's values from its summed vector (EXPENDITURE_COLUMNS, then
    PROJECT_SPLIT_COLUMNS), with the derived columns (basic and total as _with_derived adds
    them): built in one dict, for every row of the four function tables. 当年 is what is not
    carried over; 特定目标类 (with unclassified projects, as the narrative counts them) is the
    project spending of no other class."""
    personnel, public, project, operating, remit, subsidy, carryover, personnel_project, \
        operating_project = vector
    basic, total = _basic_and_total(personnel, public, project, operating, remit, subsidy)
    return {"personnel": personnel, "public": public, "project": project,
            "operating": operating, "remit": remit, "subsidy": subsidy,
            "carryover_project": carryover, "personnel_project": personnel_project,
            "operating_project": operating_project,
            "basic": basic, "total": total,
            "current_project": project - carryover, "current_total": total - carryover,
            "personnel_class": personnel + personnel_project,
            "operating_class": operating_project,
            "specific_class": project - personnel_project - operating_project}


def function_table(data, *, funds=None, key="expenditure"):
    """支出总表 (all funds), 一般公共预算支出表 (general_budget), 政府性基金 / 国有资本 tables."""
    # Each 项's amounts as a list in `columns` order (a large budget has hundreds of 项).
    columns = EXPENDITURE_COLUMNS + PROJECT_SPLIT_COLUMNS
    leaves = {}
    units = set()
    for item in data.expenditure:
        if funds and item.fund not in funds:
            continue
        units.add(item.unit_code)
        leaf = leaves.get(item.function)
        if leaf is None:          # most 项 have one row: ZERO + each amount, as below
            leaves[item.function] = [*map(ZERO.__add__, item.amounts), *SPLIT_ZEROS]
            continue
        for i, amount in enumerate(item.amounts):
            leaf[i] += amount
    split_at = len(EXPENDITURE_COLUMNS)
    for code, values in _project_split(data, funds, units).items():
        leaf = leaves.get(code)
        if leaf is not None:   # a 项 with no spending has no row (validation reports it)
            for i, column in enumerate(PROJECT_SPLIT_COLUMNS, start=split_at):
                leaf[i] += values.get(column, ZERO)
    rows = _vector_tree(leaves, data.function_names, (3, 5, 7), columns, _function_values)
    shown = ("total", "basic", "personnel", "public") + EXPENDITURE_COLUMNS[2:]
    return Table(key, rows, shown + (SPLIT_COLUMNS if funds else ()))


def general_budget_table(data):
    return function_table(data, funds={m.Fund.GENERAL_BUDGET}, key="general_budget")


def gov_fund_table(data):
    return function_table(data, funds={m.Fund.GOV_FUND}, key="gov_fund")


def soe_capital_table(data):
    return function_table(data, funds={m.Fund.SOE_CAPITAL}, key="soe_capital")


def general_budget_by_unit(data):
    """一般公共预算支出表（分单位）: one row per unit."""
    per_unit = {}
    for item in data.expenditure:
        if item.fund == m.Fund.GENERAL_BUDGET:
            sums = per_unit.get(item.unit_code)
            if sums is None:
                sums = per_unit[item.unit_code] = [ZERO] * len(EXPENDITURE_COLUMNS)
            for i, amount in enumerate(item.amounts):
                sums[i] += amount
    per_unit = {code: dict(zip(EXPENDITURE_COLUMNS, sums, strict=True))
                for code, sums in per_unit.items()}
    rows = [Row(u.code, u.name, "unit", _with_derived(per_unit[u.code]))
            for u in data.units if u.code in per_unit]
    total = _with_derived({c: sum((r[c] for r in rows), ZERO) for c in EXPENDITURE_COLUMNS})
    return Table("general_budget_by_unit", [Row("", "合计", "total", total)] + rows,
                 ("total", "basic", "personnel", "public", "project"))


def basic_table(data):
    """一般公共预算基本支出表, by economic classification."""
    leaves = {item.economic_code.code: {"personnel": item.personnel, "public": item.public}
              for item in data.basic}
    rows = _tree(leaves, data.economic_names, (3, 5), ("personnel", "public"))
    for row in rows:
        row.values["total"] = row["personnel"] + row["public"]
    return Table("basic", rows, ("total", "personnel", "public"))


def expenditure_by_class(data, *, funds=None):
    sums = defaultdict(lambda: ZERO)
    for item in data.expenditure:
        if funds is None or item.fund in funds:
            sums[item.function[:3]] += item.total
    return sums


def appropriation_economic_table(data):
    """财政拨款支出表（部门经济分类）(四川 表2-1): 基本支出 by economic 款 (held for the
    一般公共预算) and the projects' appropriations by economic 款 (ProjectEconomicItem).

    While projects hold appropriations that no ProjectEconomicItem splits, the table is
    returned empty: printing the basic part alone would understate it."""
    funds = m.APPROPRIATION_FUNDS
    projects = sum((project_money(p, funds) for p in data.projects), ZERO)
    split = [item for item in data.project_economic if item.fund in funds]
    columns = ("total", "basic", "personnel", "public", "project")
    if projects and not split:
        return Table("appropriation_economic", [Row("", "合计", "total", {})], columns)
    leaves = defaultdict(dict)
    for item in data.basic:
        _add(leaves[item.economic_code.code],
             {"personnel": item.personnel, "public": item.public}, ("personnel", "public"))
    for item in split:
        _add(leaves[item.economic_code.code], {"project": item.amount}, ("project",))
    rows = _tree(leaves, data.economic_names, (3, 5), ("personnel", "public", "project"))
    for row in rows:
        row.values["basic"] = row["personnel"] + row["public"]
        row.values["total"] = row["basic"] + row["project"]
    return Table("appropriation_economic", rows, columns)
