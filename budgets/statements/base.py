"""The pieces every statements table is built from: rows, tables, the budget's data loaded
once, and the code tree."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from budgets import models as m

ZERO = Decimal("0")

EXPENDITURE_COLUMNS = ("personnel", "public", "project", "operating", "remit", "subsidy")


@dataclass(slots=True)        # slots: a large budget's tables have thousands of rows
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


class Expenditure(NamedTuple):
    """One stored expenditure row (ExpenditureItem) as plain values. A large budget has
    hundreds of rows, and building a model instance per row, with its function code and unit,
    cost more than the tables computed from them."""
    unit_id: object       # the unit's pk
    unit_code: str
    fund: str
    function: str         # the function 项 code
    personnel: Decimal
    public: Decimal
    project: Decimal
    operating: Decimal
    remit: Decimal
    subsidy: Decimal

    @property
    def amounts(self):
        """The amounts in EXPENDITURE_COLUMNS order."""
        return self[4:]

    @property
    def basic(self):
        return self.personnel + self.public

    @property
    def total(self):
        return self.personnel + self.public + self.project + self.operating + self.remit + \
            self.subsidy

    @property
    def fund_label(self):
        """As the model's get_fund_display()."""
        return dict(m.Fund.choices).get(self.fund, self.fund)


class BudgetData:
    """Everything the tables of one budget need, loaded once."""

    def __init__(self, budget):
        self.budget = budget
        year = budget.fiscal_year_id
        self.expenditure = [Expenditure(*values) for values in budget.expenditure_items.values_list(
            "unit_id", "unit__code", "fund", "function_code__code", *EXPENDITURE_COLUMNS)]
        self.basic = list(budget.basic_items.select_related("economic_code"))
        self.revenue = list(budget.revenue_items.select_related("unit"))
        self.revenue_details = list(budget.revenue_details.all())
        self.projects = list(budget.projects.select_related("unit", "function_code"))
        # The budget's one-row records in one query (each is absent when not stated): both
        # "三公" tables, and the 政府采购 and 国有资产 figures the narrative states.
        one_row = ("three_public", "gov_fund_three_public", "procurement", "assets")
        owner = m.Budget.objects.select_related(*one_row).only("pk", *one_row).get(pk=budget.pk)
        self.three_public = getattr(owner, "three_public", None)
        self.gov_fund_three_public = getattr(owner, "gov_fund_three_public", None)
        self.procurement = getattr(owner, "procurement", None)
        self.assets = getattr(owner, "assets", None)
        functions = list(m.FunctionCode.objects.filter(year_id=year).values_list(
            "code", "name", "description"))
        self.function_names = {code: name for code, name, _ in functions}
        # The catalog's explanation of each code, for the 名词解释 of the codes a budget uses.
        self.function_descriptions = {code: text for code, _, text in functions}
        self.economic_names = dict(
            m.EconomicCode.objects.filter(year_id=year).values_list("code", "name"))
        self._tables = {}

    def table(self, key):
        """The standard table `key` of TABLES, computed once: the page and the narrative
        generator both read the same tables of one BudgetData."""
        from . import TABLES  # the tables are defined on top of this module

        if key not in self._tables:
            self._tables[key] = TABLES[key](self)
        return self._tables[key]

    @cached_property
    def project_economic(self):
        """Project spending by economic 款 (四川 表2-1 only): loaded when a table asks."""
        return list(self.budget.project_economic_items.select_related("economic_code"))

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
    # Each amount as sum() would start it (ZERO + amount): _vector_tree takes leaves so.
    return _vector_tree({code: [ZERO + values.get(c, ZERO) for c in columns]
                         for code, values in leaves.items()}, names, lengths, columns)


def _vector_tree(leaves, names, lengths, columns, values=None):
    """_tree with each leaf's amounts as a list in `columns` order, each already a sum
    started at ZERO (as sum() adds them: ZERO + a + b…). `values(vector)` makes a row's
    values from its summed vector (default: {column: amount})."""
    # Each parent's leaves, then one sum per column (the same additions in the same order as
    # leaf by leaf): a large budget has hundreds of leaves, and adding them one dict at a
    # time was most of its tables' cost.
    if values is None:
        def values(vector):
            return dict(zip(columns, vector, strict=True))
    vectors = list(leaves.values())
    below = defaultdict(list)
    for code, vector in leaves.items():
        for length in lengths:
            if len(code) >= length:
                below[code[:length]].append(vector)

    def sums(group):
        if len(group) == 1:        # a 项 (or 款) row: its own leaf, which sum() leaves as is
            return values(group[0])
        if not group:
            return values([ZERO] * len(columns))
        return values([sum(amounts, ZERO) for amounts in zip(*group, strict=True)])

    level = {3: "class", 5: "section", 7: "item"}
    if max(lengths) == 5:
        level = {3: "class", 5: "section"}
    rows = [Row("", "合计", "total", sums(vectors))]
    for code in sorted(below):
        rows.append(Row(code, names.get(code, ""), level[len(code)], sums(below[code])))
    return rows
