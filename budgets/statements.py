"""The standard tables, computed from a budget's stored leaf facts.

One function per table; each returns a `Table` whose rows carry exact 元 amounts. Pages, the
PDF, the workbook export, validation and the seed tests all read the tables from here, so a
figure is computed once and the same way everywhere. Rounding to 万元 is presentation's job.

`BudgetData` loads everything a budget's tables need in a fixed number of queries; pass it
around instead of the budget when computing several tables.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from . import models as m

ZERO = Decimal("0")

EXPENDITURE_COLUMNS = ("personnel", "public", "project", "operating", "remit", "subsidy")


@dataclass
class Row:
    code: str
    name: str
    level: str            # "total" | "class" | "section" | "item" | "group" | "unit" | "department"
    values: dict = field(default_factory=dict)

    def __getitem__(self, column):
        return self.values.get(column, ZERO)


@dataclass
class Table:
    key: str
    rows: list
    columns: tuple

    def row(self, code):
        return next((r for r in self.rows if r.code == code), None)

    @property
    def total(self):
        return next((r for r in self.rows if r.level == "total"), None)

    @property
    def is_empty(self):
        return not any(v for r in self.rows for v in r.values.values())


class BudgetData:
    """Everything the tables of one budget need, loaded once."""

    def __init__(self, budget):
        self.budget = budget
        year = budget.fiscal_year_id
        self.expenditure = list(budget.expenditure_items.select_related("function_code", "unit"))
        self.basic = list(budget.basic_items.select_related("economic_code"))
        self.revenue = list(budget.revenue_items.select_related("unit"))
        self.revenue_details = list(budget.revenue_details.all())
        self.projects = list(budget.projects.select_related("unit"))
        self.three_public = m.ThreePublicBudget.objects.filter(budget=budget).first()
        functions = list(m.FunctionCode.objects.filter(year_id=year).values_list(
            "code", "name", "description"))
        self.function_names = {code: name for code, name, _ in functions}
        # The catalog's explanation of each code, for the 名词解释 of the codes a budget uses.
        self.function_descriptions = {code: text for code, _, text in functions}
        self.economic_names = dict(
            m.EconomicCode.objects.filter(year_id=year).values_list("code", "name"))

    @cached_property
    def units(self):
        """The budget's units with the departments above them, in code order."""
        units = {o.code: o for o in self.budget.units.select_related("parent")}
        for unit in list(units.values()):
            if unit.parent_id:
                units.setdefault(unit.parent.code, unit.parent)
        return [units[code] for code in sorted(units)]


def _add(target, source, columns):
    for column in columns:
        target[column] = target.get(column, ZERO) + source.get(column, ZERO)


def _tree(leaves, names, lengths, columns):
    """Rows for a code tree: 合计, then each 类 followed by its 款 and 项, in code order.

    `leaves` maps a leaf code to {column: amount}. A parent row is the sum of the leaves
    below it; parents appear only when some leaf below them is listed."""
    sums = defaultdict(dict)
    total = {}
    for code, values in leaves.items():
        _add(total, values, columns)
        for length in lengths:
            if len(code) >= length:
                _add(sums[code[:length]], values, columns)
    level = {3: "class", 5: "section", 7: "item"}
    if max(lengths) == 5:
        level = {3: "class", 5: "section"}
    rows = [Row("", "合计", "total", {c: total.get(c, ZERO) for c in columns})]
    for code in sorted(sums):
        rows.append(Row(code, names.get(code, ""), level[len(code)],
                        {c: sums[code].get(c, ZERO) for c in columns}))
    return rows


def _with_derived(values):
    values["basic"] = values.get("personnel", ZERO) + values.get("public", ZERO)
    values["total"] = sum((values.get(c, ZERO) for c in EXPENDITURE_COLUMNS), ZERO)
    return values


def function_table(data, *, funds=None, key="expenditure"):
    """支出总表 (all funds), 一般公共预算支出表 (general_budget), 政府性基金 / 国有资本 tables."""
    leaves = defaultdict(dict)
    for item in data.expenditure:
        if funds and item.fund not in funds:
            continue
        _add(leaves[item.function_code.code],
             {c: getattr(item, c) for c in EXPENDITURE_COLUMNS}, EXPENDITURE_COLUMNS)
    rows = _tree(leaves, data.function_names, (3, 5, 7), EXPENDITURE_COLUMNS)
    for row in rows:
        _with_derived(row.values)
    return Table(key, rows, ("total", "basic", "personnel", "public") + EXPENDITURE_COLUMNS[2:])


def general_budget_table(data):
    return function_table(data, funds={m.Fund.GENERAL_BUDGET}, key="general_budget")


def gov_fund_table(data):
    return function_table(data, funds={m.Fund.GOV_FUND}, key="gov_fund")


def soe_capital_table(data):
    return function_table(data, funds={m.Fund.SOE_CAPITAL}, key="soe_capital")


def general_budget_by_unit(data):
    """一般公共预算支出表（分单位）: one row per unit."""
    per_unit = defaultdict(dict)
    for item in data.expenditure:
        if item.fund == m.Fund.GENERAL_BUDGET:
            _add(per_unit[item.unit.code], {c: getattr(item, c) for c in EXPENDITURE_COLUMNS},
                 EXPENDITURE_COLUMNS)
    rows = [Row(u.code, u.name, "unit", _with_derived(dict(per_unit.get(u.code, {}))))
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


def revenue_columns():
    """The sources of 本年收入 and of 上年结转结余, in the order the tables print them."""
    current = tuple(s.value for s in m.Source if s != m.Source.UNIT_FUNDS)
    carryover = tuple(s.value for s in (m.Source.GENERAL_BUDGET, m.Source.GOV_FUND,
                                        m.Source.SOE_CAPITAL, m.Source.FISCAL_SPECIAL,
                                        m.Source.UNIT_FUNDS))
    return current, carryover


def income_table(data):
    """收入总表: one row per unit and per department (Σ its units), and 合计.

    Columns are "current:<source>", "carryover:<source>", "current", "carryover", "total"."""
    per_unit = defaultdict(lambda: defaultdict(lambda: ZERO))
    for item in data.revenue:
        column = f"{'carryover' if item.carryover else 'current'}:{item.source}"
        per_unit[item.unit.code][column] += item.amount

    def finish(values):
        values = dict(values)
        values["current"] = sum((v for k, v in values.items() if k.startswith("current:")), ZERO)
        values["carryover"] = sum((v for k, v in values.items()
                                   if k.startswith("carryover:")), ZERO)
        values["total"] = values["current"] + values["carryover"]
        return values

    rows, total = [], defaultdict(lambda: ZERO)
    for unit in data.units:
        if unit.kind == m.OrganisationKind.DEPARTMENT:
            # A department row consolidates its own revenue and its units'.
            sums = defaultdict(lambda: ZERO)
            for member in data.units:
                if member.pk == unit.pk or member.parent_id == unit.pk:
                    for k, v in per_unit.get(member.code, {}).items():
                        sums[k] += v
            rows.append(Row(unit.code, unit.name, "department", finish(sums)))
        else:
            values = per_unit.get(unit.code, {})
            rows.append(Row(unit.code, unit.name, "unit", finish(values)))
    for values in per_unit.values():
        for k, v in values.items():
            total[k] += v
    current, carryover = revenue_columns()
    columns = ("total", "current") + tuple(f"current:{s}" for s in current) + \
        ("carryover",) + tuple(f"carryover:{s}" for s in carryover)
    return Table("income", [Row("", "合计", "total", finish(total))] + rows, columns)


def revenue_by_source(data, *, carryover=False):
    sums = defaultdict(lambda: ZERO)
    for item in data.revenue:
        if item.carryover == carryover:
            sums[item.source] += item.amount
    return sums


def expenditure_by_class(data, *, funds=None):
    sums = defaultdict(lambda: ZERO)
    for item in data.expenditure:
        if funds is None or item.fund in funds:
            sums[item.function_code.code[:3]] += item.total
    return sums


def overview(data):
    """收支总表: revenue by source (with detail sub-rows) and expenditure by 类.

    Rows: "revenue:<source>", "detail:<source>:<label>", "class:<code>", and the totals
    "revenue_current", "carryover_in", "revenue_total", "expenditure_current",
    "carryover_out", "expenditure_total". Each row has one value, "amount"."""
    rows = []
    current = revenue_by_source(data)
    for source in m.Source:
        rows.append(Row(f"revenue:{source.value}", source.label, "item",
                        {"amount": current.get(source.value, ZERO)}))
    for detail in data.revenue_details:
        rows.append(Row(f"detail:{detail.source}:{detail.label}", detail.label, "detail",
                        {"amount": detail.amount}))
    classes = expenditure_by_class(data)
    for code in sorted(set(classes) | {c for c in data.function_names if len(c) == 3}):
        rows.append(Row(f"class:{code}", data.function_names.get(code, ""), "class",
                        {"amount": classes.get(code, ZERO)}))
    revenue_current = sum(current.values(), ZERO)
    carryover_in = sum(revenue_by_source(data, carryover=True).values(), ZERO)
    expenditure_current = sum(classes.values(), ZERO)
    revenue_total = revenue_current + carryover_in
    for code, name, amount in (
            ("revenue_current", "本年收入合计", revenue_current),
            ("carryover_in", "上年结转结余", carryover_in),
            ("revenue_total", "收入总计", revenue_total),
            ("expenditure_current", "本年支出合计", expenditure_current),
            # Whatever is not spent this year is carried forward (年终结转结余).
            ("carryover_out", "年终结转结余", revenue_total - expenditure_current),
            ("expenditure_total", "支出总计", revenue_total)):
        rows.append(Row(code, name, "total", {"amount": amount}))
    return Table("overview", rows, ("amount",))


def appropriation_overview(data):
    """财政拨款收支总表: appropriations (一般公共预算/政府性基金/国有资本经营) only."""
    funds = set(m.APPROPRIATION_SOURCES)
    current = revenue_by_source(data)
    carried = revenue_by_source(data, carryover=True)
    rows = []
    for source in m.APPROPRIATION_SOURCES:
        rows.append(Row(f"revenue:{source}", source.label, "item",
                        {"amount": current.get(source, ZERO)}))
        rows.append(Row(f"carryover:{source}", source.label, "item",
                        {"amount": carried.get(source, ZERO)}))
    for detail in data.revenue_details:
        if detail.source in funds:
            rows.append(Row(f"detail:{detail.source}:{detail.label}", detail.label, "detail",
                            {"amount": detail.amount}))
    classes = expenditure_by_class(data, funds=funds)
    for code in sorted(set(classes) | {c for c in data.function_names if len(c) == 3}):
        rows.append(Row(f"class:{code}", data.function_names.get(code, ""), "class",
                        {"amount": classes.get(code, ZERO)}))
    revenue_current = sum((current.get(s, ZERO) for s in funds), ZERO)
    carryover_in = sum((carried.get(s, ZERO) for s in funds), ZERO)
    expenditure_current = sum(classes.values(), ZERO)
    total = revenue_current + carryover_in
    for code, name, amount in (
            ("revenue_current", "本年收入", revenue_current),
            ("carryover_in", "上年结转", carryover_in),
            ("revenue_total", "收入总计", total),
            ("expenditure_current", "本年支出", expenditure_current),
            ("carryover_out", "年终结转结余", total - expenditure_current),
            ("expenditure_total", "支出总计", total)):
        rows.append(Row(code, name, "total", {"amount": amount}))
    return Table("appropriation", rows, ("amount",))


def three_public_table(data):
    tp = data.three_public
    values = {c: getattr(tp, c) if tp else ZERO
              for c in ("overseas", "vehicle_purchase", "vehicle_operation", "reception")}
    values["vehicle"] = values["vehicle_purchase"] + values["vehicle_operation"]
    values["total"] = values["overseas"] + values["vehicle"] + values["reception"]
    return Table("three_public", [Row("", "“三公”经费", "total", values)],
                 ("total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation",
                  "reception"))


def projects_table(data):
    """项目支出表: 合计, then each group (项目分类 or parent project) with its projects."""
    columns = m.Project.AMOUNT_FIELDS

    def values_of(project):
        values = {c: getattr(project, c) for c in columns}
        values["total"] = sum(values.values(), ZERO)
        return values

    groups, order = defaultdict(list), []
    for project in data.projects:
        key = (project.group_code, project.group_name)
        if key not in groups:
            order.append(key)
        groups[key].append(project)
    rows = []
    total = {c: ZERO for c in columns + ("total",)}
    for key in order:
        group = {c: ZERO for c in columns + ("total",)}
        members = [Row(p.code, p.name, "item", values_of(p)) for p in groups[key]]
        for member in members:
            _add(group, member.values, group.keys())
        _add(total, group, total.keys())
        rows.append(Row(key[0], key[1], "group", group))
        rows.extend(members)
    return Table("projects", [Row("", "合计", "total", total)] + rows, ("total",) + columns)


# What the tables and their columns are called, for pages, exports and differences.
TABLE_TITLES = {
    "overview": "收支总表", "income": "收入总表", "expenditure": "支出总表",
    "appropriation": "财政拨款收支总表", "general_budget": "一般公共预算支出表",
    "general_budget_by_unit": "一般公共预算支出表（分单位）", "basic": "一般公共预算基本支出表",
    "three_public": "一般公共预算“三公”经费支出表", "gov_fund": "政府性基金预算支出表",
    "soe_capital": "国有资本经营预算支出表", "projects": "项目支出表",
}
COLUMN_LABELS = {
    "amount": "预算数", "total": "合计", "basic": "基本支出", "personnel": "人员经费",
    "public": "公用经费", "project": "项目支出", "operating": "事业单位经营支出",
    "remit": "上缴上级支出", "subsidy": "对附属单位补助支出", "current": "本年收入小计",
    "carryover": "上年结转结余小计", "overseas": "因公出国（境）费",
    "vehicle": "公务用车购置及运行费", "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行费", "reception": "公务接待费",
    **{f: m.Project._meta.get_field(f).verbose_name
       for f in m.Project.AMOUNT_FIELDS},
}


def column_label(column):
    """The Chinese heading of a statements column ("current:general_budget" included)."""
    period, _, source = column.partition(":")
    if source:
        prefix = "本年收入" if period == "current" else "上年结转结余"
        return f"{prefix}·{m.Source(source).label}"
    return COLUMN_LABELS.get(column, column)



TABLES = {
    "overview": overview, "income": income_table, "expenditure": function_table,
    "appropriation": appropriation_overview, "general_budget": general_budget_table,
    "general_budget_by_unit": general_budget_by_unit, "basic": basic_table,
    "three_public": three_public_table, "gov_fund": gov_fund_table,
    "soe_capital": soe_capital_table, "projects": projects_table,
}


def all_tables(budget):
    data = BudgetData(budget)
    return {key: compute(data) for key, compute in TABLES.items()}
