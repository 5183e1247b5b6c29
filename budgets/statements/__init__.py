"""The standard tables, computed from a budget's stored leaf facts.

One function per table; each returns a `Table` whose rows carry exact 元 amounts. Pages, the
PDF, the workbook export, validation and the seed tests all read the tables from here, so a
figure is computed once and the same way everywhere. Rounding to 万元 is presentation's job.

`BudgetData` loads everything a budget's tables need in a fixed number of queries; pass it
around instead of the budget when computing several tables.
"""

from budgets import models as m

from .base import EXPENDITURE_COLUMNS, ZERO, BudgetData, Expenditure, Row, Table
from .spending import (
    PROJECT_FUND_FIELDS,
    SPLIT_COLUMNS,
    appropriation_economic_table,
    basic_table,
    expenditure_by_class,
    function_table,
    general_budget_by_unit,
    general_budget_table,
    gov_fund_table,
    project_money,
    soe_capital_table,
)
from .summary import (
    THREE_PUBLIC_COLUMNS,
    appropriation_overview,
    gov_fund_three_public_table,
    income_table,
    overview,
    projects_table,
    revenue_by_source,
    revenue_columns,
    three_public_table,
)

# What the tables and their columns are called, for pages, exports and differences.
TABLE_TITLES = {
    "overview": "收支总表", "income": "收入总表", "expenditure": "支出总表",
    "appropriation": "财政拨款收支总表", "general_budget": "一般公共预算支出表",
    "general_budget_by_unit": "一般公共预算支出表（分单位）", "basic": "一般公共预算基本支出表",
    "three_public": "一般公共预算“三公”经费支出表", "gov_fund": "政府性基金预算支出表",
    "soe_capital": "国有资本经营预算支出表", "projects": "项目支出表",
    "appropriation_economic": "财政拨款支出表（部门经济分类）",
    "gov_fund_three_public": "政府性基金预算“三公”经费支出表",
}
COLUMN_LABELS = {
    "amount": "预算数", "total": "合计", "basic": "基本支出", "personnel": "人员经费",
    "public": "公用经费", "project": "项目支出", "operating": "事业单位经营支出",
    "remit": "上缴上级支出", "subsidy": "对附属单位补助支出", "current": "本年收入小计",
    "carryover": "上年结转结余小计", "overseas": "因公出国（境）费",
    "vehicle": "公务用车购置及运行费", "vehicle_purchase": "公务用车购置费",
    "vehicle_operation": "公务用车运行费", "reception": "公务接待费",
    "current_total": "当年财政拨款安排合计", "current_project": "当年财政拨款安排·项目支出",
    "carryover_project": "上年结转安排·项目支出", "personnel_class": "人员类项目支出",
    "operating_class": "其他运转类项目支出", "specific_class": "特定目标类项目支出",
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
    "appropriation_economic": appropriation_economic_table,
    "gov_fund_three_public": gov_fund_three_public_table,
}


def all_tables(budget):
    data = BudgetData(budget)
    return {key: compute(data) for key, compute in TABLES.items()}


__all__ = [
    "COLUMN_LABELS", "EXPENDITURE_COLUMNS", "PROJECT_FUND_FIELDS", "SPLIT_COLUMNS", "TABLES",
    "TABLE_TITLES", "THREE_PUBLIC_COLUMNS", "ZERO", "BudgetData", "Expenditure", "Row",
    "Table",
    "all_tables", "appropriation_economic_table", "appropriation_overview", "basic_table",
    "column_label", "expenditure_by_class", "function_table", "general_budget_by_unit",
    "general_budget_table", "gov_fund_table", "gov_fund_three_public_table", "income_table",
    "overview", "project_money", "projects_table", "revenue_by_source", "revenue_columns",
    "soe_capital_table", "three_public_table",
]
