"""Two published budgets table by table: two years of one unit, or two units of the same
department. Rows are matched by code (by name where a table has none); every figure comes
from budgets.statements, and differences are in exact 元, rounded only when shown."""

from dataclasses import dataclass
from decimal import Decimal

from budgets import statements
from budgets.models import Budget, Status
from budgets.statements import TABLE_TITLES, column_label

ZERO = Decimal(0)
# The tables compared and the column of each that carries the comparison.
COMPARED = (("overview", "amount"), ("expenditure", "total"), ("general_budget", "total"),
            ("basic", "total"), ("three_public", None), ("projects", "total"))
# Code trees: rows of both budgets merged in code order, 合计 first.
CODE_TREES = {"expenditure", "general_budget", "basic"}


@dataclass
class RowDiff:
    code: str
    name: str
    level: str
    a: Decimal
    b: Decimal

    @property
    def diff(self):
        return self.b - self.a


@dataclass
class TableDiff:
    key: str
    title: str
    rows: list


def _rows(table, column):
    """{match key: (code, name, level, amount)} in table order."""
    rows = {}
    if column is None:      # one-row table: compare its columns instead
        row = table.rows[0]
        for c in table.columns:
            rows[c] = ("", column_label(c), "item", row[c])
        return rows
    for row in table.rows:
        key = row.code or f"{row.level}:{row.name}"
        rows[key] = (row.code, row.name, row.level, row[column])
    return rows


def compare_budgets(a, b):
    data_a, data_b = statements.BudgetData(a), statements.BudgetData(b)
    result = []
    for key, column in COMPARED:
        rows_a = _rows(statements.TABLES[key](data_a), column)
        rows_b = _rows(statements.TABLES[key](data_b), column)
        keys = list(rows_a) + [k for k in rows_b if k not in rows_a]
        if key in CODE_TREES:
            keys.sort(key=lambda k: (not k.startswith("total:"), k))
        diffs = []
        for k in keys:
            code, name, level, amount_a = rows_a.get(k, (None, None, None, ZERO))
            code_b, name_b, level_b, amount_b = rows_b.get(k, (None, None, None, ZERO))
            if not amount_a and not amount_b:
                continue
            code = code if code is not None else code_b
            # Row keys such as "revenue:general_budget" are not codes a reader knows.
            diffs.append(RowDiff(code if code.isdigit() else "", name or name_b,
                                 level or level_b, amount_a, amount_b))
        result.append(TableDiff(key, TABLE_TITLES[key], diffs))
    return result


def public_budget(organisation, year):
    return (Budget.objects.filter(organisation=organisation, fiscal_year__year=year,
                                  status=Status.PUBLISHED)
            .select_related("organisation__region", "fiscal_year").order_by("scope").first())
