"""The summary tables: 收入总表, 收支总表, 财政拨款收支总表, the "三公" tables and 项目支出表."""

from collections import defaultdict

from budgets import models as m

from .base import ZERO, Row, Table, _add
from .spending import expenditure_by_class


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


THREE_PUBLIC_COLUMNS = ("total", "overseas", "vehicle", "vehicle_purchase",
                        "vehicle_operation", "reception")


def _three_public(key, record):
    values = {c: getattr(record, c) if record else ZERO for c in m.ThreePublicBudget.FIELDS}
    values["vehicle"] = values["vehicle_purchase"] + values["vehicle_operation"]
    values["total"] = values["overseas"] + values["vehicle"] + values["reception"]
    return Table(key, [Row("", "“三公”经费", "total", values)], THREE_PUBLIC_COLUMNS)


def three_public_table(data):
    """一般公共预算"三公"经费支出表."""
    return _three_public("three_public", data.three_public)


def gov_fund_three_public_table(data):
    """政府性基金预算"三公"经费支出表 (四川 表4-1)."""
    return _three_public("gov_fund_three_public", data.gov_fund_three_public)


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
