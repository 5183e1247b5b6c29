"""Two published budgets table by table: two years of one unit, or two units of the same
department. Rows are matched by code (by name where a table has none); every figure comes
from budgets.statements, and differences are in exact 元, rounded only when shown.

Two years are compared in the later year's codes: the earlier budget's code trees are
restated through the catalog crosswalk (budgets.crosswalk). A row whose earlier amount cannot
be known (a split or new code) has None on that side and no difference."""

from dataclasses import dataclass, field
from decimal import Decimal

from budgets import crosswalk, statements
from budgets.models import Budget, CatalogKind, Status
from budgets.statements import TABLE_TITLES, column_label

ZERO = Decimal(0)
# The tables compared and the column of each that carries the comparison.
COMPARED = (("overview", "amount"), ("expenditure", "total"), ("general_budget", "total"),
            ("basic", "total"), ("three_public", None), ("projects", "total"))
# Code trees: rows of both budgets merged in code order, 合计 first; their leaves and kind.
CODE_TREES = {"expenditure": ("item", CatalogKind.FUNCTION),
              "general_budget": ("item", CatalogKind.FUNCTION),
              "basic": ("section", CatalogKind.ECONOMIC)}


@dataclass
class RowDiff:
    code: str
    name: str
    level: str
    a: Decimal | None           # None: not comparable (the code changed between catalogs)
    b: Decimal | None

    @property
    def diff(self):
        if self.a is None or self.b is None:
            return None
        return self.b - self.a


@dataclass
class TableDiff:
    key: str
    title: str
    rows: list


@dataclass
class Comparison:
    tables: list
    # Codes restated through the crosswalk (budgets.crosswalk.Change), for the note below.
    changes: list = field(default_factory=list)
    later_year: int | None = None


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


class _Restater:
    """The earlier budget's code trees in the later budget's codes."""

    def __init__(self, earlier, later):
        self.from_year = earlier.budget.fiscal_year.year
        self.to_year = later.budget.fiscal_year.year
        years = (self.from_year, self.to_year)
        self.walks = {kind: crosswalk.load(kind, years) for kind in CatalogKind}
        self.names = {CatalogKind.FUNCTION: later.function_names,
                      CatalogKind.ECONOMIC: later.economic_names}
        self.changes = {}

    def rows(self, table, column, leaf, kind):
        leaves = {r.code: r[column] for r in table.rows if r.level == leaf}
        restated = self.walks[kind].restate(leaves, from_year=self.from_year,
                                            to_year=self.to_year)
        for change in restated.changes:
            self.changes.setdefault((change.from_year, change.from_code), change)
        rows = {"total:合计": ("", "合计", "total", table.total[column])}
        for code, level in restated.rows():
            rows[code] = (code, self.names[kind].get(code, ""), level, restated.prior(code))
        return rows

    def overview_rows(self, table, expenditure):
        """收支总表 with its 类 rows restated from the 支出总表's 项 (all funds)."""
        rows = {k: v for k, v in _rows(table, "amount").items() if not k.startswith("class:")}
        for code, (_, name, level, amount) in self.rows(expenditure, "total", "item",
                                                          CatalogKind.FUNCTION).items():
            if level == "class":
                rows[f"class:{code}"] = (f"class:{code}", name, "class", amount)
        return rows


def compare_budgets(a, b):
    data_a, data_b = statements.BudgetData(a), statements.BudgetData(b)
    restater = None
    if a.fiscal_year.year != b.fiscal_year.year:
        earlier, later = sorted((data_a, data_b), key=lambda d: d.budget.fiscal_year.year)
        restater = _Restater(earlier, later)
    result = []
    for key, column in COMPARED:
        sides = []
        for data in (data_a, data_b):
            table = statements.TABLES[key](data)
            if restater and data.budget.fiscal_year.year == restater.from_year:
                if key in CODE_TREES:
                    sides.append(restater.rows(table, column, *CODE_TREES[key]))
                    continue
                if key == "overview":
                    sides.append(restater.overview_rows(table, statements.function_table(data)))
                    continue
            sides.append(_rows(table, column))
        rows_a, rows_b = sides
        keys = list(rows_a) + [k for k in rows_b if k not in rows_a]
        if key in CODE_TREES:
            keys.sort(key=lambda k: (not k.startswith("total:"), k))
        diffs = []
        for k in keys:
            code, name, level, amount_a = rows_a.get(k, (None, None, None, ZERO))
            code_b, name_b, level_b, amount_b = rows_b.get(k, (None, None, None, ZERO))
            # A row nobody spent on, or one unknown last year that nobody spends on now.
            if not amount_a and not amount_b:
                continue
            code = code if code is not None else code_b
            # Row keys such as "revenue:general_budget" are not codes a reader knows. A
            # restated side already carries the later year's names.
            diffs.append(RowDiff(code if code.isdigit() else "", name or name_b,
                                 level or level_b, amount_a, amount_b))
        result.append(TableDiff(key, TABLE_TITLES[key], diffs))
    changes = sorted(restater.changes.values(), key=lambda c: (c.from_year, c.from_code)) \
        if restater else []
    return Comparison(result, changes, restater.to_year if restater else None)


def public_budget(organisation, year):
    return (Budget.objects.filter(organisation=organisation, fiscal_year__year=year,
                                  status=Status.PUBLISHED)
            .select_related("organisation__region", "fiscal_year").order_by("scope").first())
