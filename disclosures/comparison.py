"""Like-for-like figures of many published budgets at once: a region's comparison table.

One grouped query sums the stored expenditure leaves per budget and function 类, the same
leaves budgets.statements adds up (tests/test_portal_pages.py checks both agree on the seeds),
so a region of a thousand units costs three queries rather than a thousand table builds.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Sum
from django.db.models.functions import Substr

from budgets.models import Budget, ExpenditureItem, FunctionCode, Fund, Status

ZERO = Decimal(0)
COLUMNS = ("personnel", "public", "project", "operating", "remit", "subsidy")
THREE_PUBLIC_ITEMS = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")
SORT_KEYS = ("name", "total", "basic", "project", "basic_share", "personnel", "public",
             "running_cost", "three_public", *THREE_PUBLIC_ITEMS)


@dataclass
class UnitFigures:
    budget: Budget
    personnel: Decimal = ZERO
    public: Decimal = ZERO
    project: Decimal = ZERO
    other: Decimal = ZERO
    general_public: Decimal = ZERO
    classes: dict = field(default_factory=dict)
    three_public_items: dict = field(default_factory=dict)

    @property
    def name(self):
        return self.budget.organisation.name

    @property
    def basic(self):
        return self.personnel + self.public

    @property
    def total(self):
        return self.basic + self.project + self.other

    @property
    def basic_share(self):
        return (self.basic * 100 / self.total) if self.total else ZERO

    @property
    def running_cost(self):
        """机关运行经费: the 公用经费 of 一般公共预算基本支出, where the unit lists it."""
        return self.general_public if self.budget.running_cost_applicable else None

    @property
    def three_public(self):
        return sum(self.three_public_items.values(), ZERO)

    def value(self, key):
        if key == "name":
            return self.budget.organisation.code
        if key in THREE_PUBLIC_ITEMS:
            return self.three_public_items[key]
        value = getattr(self, key)
        return ZERO if value is None else value


def region_figures(region, year, *, sort="total", descending=True):
    """(rows, classes) for every current published budget of a region (with sub-regions)
    in a year; classes is [(code, name)] of the function classes any of them spends in."""
    budgets = {b.pk: b for b in (
        Budget.objects.filter(status=Status.PUBLISHED, fiscal_year__year=year)
        .filter(Q(organisation__region__code=region)
                | Q(organisation__region__parent__code=region))
        .select_related("organisation__region", "organisation__parent", "fiscal_year",
                        "three_public"))}
    rows = {pk: UnitFigures(budget=b) for pk, b in budgets.items()}
    for row in rows.values():
        tp = getattr(row.budget, "three_public", None) if _has_three_public(row.budget) else None
        row.three_public_items = {k: getattr(tp, k) if tp else ZERO for k in THREE_PUBLIC_ITEMS}
    sums = (ExpenditureItem.objects.filter(budget_id__in=budgets)
            .annotate(cls=Substr("function_code__code", 1, 3))
            .values("budget_id", "cls")
            .annotate(**{f"sum_{c}": Sum(c) for c in COLUMNS},
                      sum_general_public=Sum("public", filter=Q(fund=Fund.GENERAL_BUDGET))))
    codes = set()
    for s in sums:
        s = {k.removeprefix("sum_"): v for k, v in s.items()}
        row = rows[s["budget_id"]]
        row.personnel += s["personnel"] or ZERO
        row.public += s["public"] or ZERO
        row.project += s["project"] or ZERO
        other = sum((s[k] or ZERO for k in ("operating", "remit", "subsidy")), ZERO)
        row.other += other
        row.general_public += s["general_public"] or ZERO
        row.classes[s["cls"]] = sum((s[k] or ZERO for k in (
            "personnel", "public", "project")), other)
        codes.add(s["cls"])
    names = dict(FunctionCode.objects.filter(year__year=year, code__in=codes)
                 .values_list("code", "name"))
    classes = [(code, names.get(code, "")) for code in sorted(codes)]
    sort = sort if sort in SORT_KEYS else "total"
    ordered = sorted(rows.values(), key=lambda r: r.value(sort),
                     reverse=descending and sort != "name")
    return ordered, classes


def _has_three_public(budget):
    try:
        budget.three_public  # noqa: B018 - select_related filled it or raises
    except Budget.three_public.RelatedObjectDoesNotExist:
        return False
    return True
