"""A unit's key figures for every year it published, from budgets.statements, with the change
from the year before: the unit page's table and charts."""

from dataclasses import dataclass, field
from decimal import Decimal

from budgets import statements
from budgets.models import Budget, Status

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
    return YearFigures(budget.fiscal_year.year, budget, figures, classes, economic)


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
