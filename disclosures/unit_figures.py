"""A unit's key figures for every year it published, from budgets.statements, with the change
from the year before: the unit page's table and charts."""

from dataclasses import dataclass, field
from decimal import Decimal

from budgets import crosswalk, statements
from budgets.models import Budget, CatalogKind, Status

from .presentation.numbers import wan

ZERO = Decimal(0)
KEY_FIGURES = (
    ("total", "支出合计"), ("basic", "基本支出"), ("project", "项目支出"),
    ("personnel", "人员经费"), ("public", "公用经费"), ("running_cost", "机关运行经费"),
    ("three_public", "“三公”经费合计"), ("overseas", "因公出国（境）费"),
    ("vehicle_purchase", "公务用车购置费"), ("vehicle_operation", "公务用车运行费"),
    ("reception", "公务接待费"),
)


@dataclass
class YearFigures:
    year: int
    budget: Budget
    figures: dict                       # key → exact 元 (None: not applicable)
    classes: list                       # [(code, name, 元)] function classes, code order
    economic: list                      # [(code, name, 人员经费 元, 公用经费 元)] basic 类
    change: dict = field(default_factory=dict)   # key → 万元 change from the year before
    functions: dict = field(default_factory=dict)  # function 项 code → 元 (支出总表 合计)
    function_names: dict = field(default_factory=dict)  # this year's catalog: code → name

    def wan(self, key):
        value = self.figures.get(key)
        return None if value is None else wan(value)


def year_figures(budget):
    data = statements.BudgetData(budget)
    expenditure = statements.function_table(data)
    basic = statements.basic_table(data)
    three = statements.three_public_table(data).total
    total = expenditure.total
    figures = {
        "total": total["total"], "basic": total["basic"], "project": total["project"],
        "personnel": total["personnel"], "public": total["public"],
        "running_cost": basic.total["public"] if budget.running_cost_applicable else None,
        "three_public": three["total"],
        **{k: three[k] for k in ("overseas", "vehicle_purchase", "vehicle_operation",
                                 "reception")},
    }
    classes = [(r.code, r.name, r["total"]) for r in expenditure.rows if r.level == "class"]
    economic = [(r.code, r.name, r["personnel"], r["public"]) for r in basic.rows
                if r.level == "class"]
    functions = {r.code: r["total"] for r in expenditure.rows if r.level == "item"}
    return YearFigures(budget.fiscal_year.year, budget, figures, classes, economic,
                       functions=functions, function_names=data.function_names)


def unit_years(organisation):
    """YearFigures of each year's current published revision, oldest first."""
    budgets = (Budget.objects.filter(organisation=organisation, status=Status.PUBLISHED)
               .select_related("fiscal_year", "organisation").order_by("fiscal_year__year",
                                                                       "scope"))
    years = [year_figures(b) for b in budgets]
    for before, after in zip(years, years[1:], strict=False):
        after.change = {key: (after.wan(key) - before.wan(key))
                        for key, _label in KEY_FIGURES
                        if after.wan(key) is not None and before.wan(key) is not None}
    return years


@dataclass
class FunctionHistoryRow:
    code: str
    name: str
    level: str
    amounts: list               # per year, oldest first: 元, or None where not comparable
    changes: list               # per year after the first: 万元 change, or None

    @property
    def cells(self):
        """Per year: (amount, change from the year before); the first year has no change."""
        return list(zip(self.amounts, [None] + self.changes, strict=True))


@dataclass
class FunctionHistory:
    year: int                   # the catalog year all rows are in (the latest)
    rows: list
    changes: list               # budgets.crosswalk.Change: codes restated, for the note


def function_history(years):
    """Spending by function 类/款/项 in every year, restated in the latest year's codes, with
    the change from the year before (None where the catalog change leaves no comparable
    figure)."""
    latest = years[-1]
    walk = crosswalk.load(CatalogKind.FUNCTION, [y.year for y in years])
    restated = [walk.restate(y.functions, from_year=y.year, to_year=latest.year)
                for y in years]
    names = latest.function_names
    codes = sorted({code for r in restated for code, _ in r.rows()
                    if any(r2.prior(code) for r2 in restated)})
    rows = []
    for code in codes:
        amounts = [r.prior(code) for r in restated]
        changes = [None if a is None or b is None else wan(b) - wan(a)
                   for a, b in zip(amounts, amounts[1:], strict=False)]
        rows.append(FunctionHistoryRow(code, names.get(code, ""),
                                       crosswalk.LEVEL_NAMES[len(code)], amounts, changes))
    notes = {}
    for r in restated:
        for change in r.changes:
            notes.setdefault((change.from_year, change.from_code), change)
    return FunctionHistory(latest.year, rows, [notes[k] for k in sorted(notes)])
