"""The facts a budget's rules look at, the same whether the budget is stored or was just read
from a workbook: leaf amounts as intervals (budgets.validation.core.Amount), each with the
place it came from, and the standard tables computed from them by budgets.statements.

A stored budget's amounts are exact 元 (points). A workbook's are exact where the sheet is in
元 and ±50 元 where it is in 万元; the tables are then computed twice, from every leaf at its
lowest and at its highest, which bounds every sum (all of them add leaves with coefficient +1).
"""

from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from budgets import models as m
from budgets import statements
from budgets.workbook import layout as L

from .core import ZERO, Amount

EXPENDITURE_COLUMNS = statements.EXPENDITURE_COLUMNS
THREE_PUBLIC = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")


@dataclass
class Leaf:
    where: str
    key: dict                     # identifying values (unit, fund, function …)
    amounts: dict                 # column → Amount


@dataclass
class Form:
    where: str
    name: str
    wan: bool                     # the form prints 万元
    current_budget: Amount = None
    total_budget: Amount = None
    measurements: list = field(default_factory=list)   # [(where, Amount)]


class Facts:
    year = None
    function_codes = {}           # code → (level, parent code)
    economic_codes = {}
    unit_codes = set()
    function_names = {}

    def __init__(self):
        self.expenditure, self.basic, self.revenue, self.revenue_details = [], [], [], []
        self.projects, self.forms, self.personnel = [], [], []
        self.project_economic = []
        self.three_public = None   # Leaf or None
        self.gov_fund_three_public = None   # Leaf or None
        self.cells = {}            # 表7 column → its cell, when read from a workbook
        self.low = self.high = None

    def cell(self, table, row, column):
        """The interval of a computed table cell (a missing row is 0)."""
        values = []
        for tables in (self.low, self.high):
            found = tables[table].row(row)
            values.append(found[column] if found is not None else ZERO)
        return Amount(values[0], values[1], wan=self.wan)

    wan = False

    def all_amounts(self):
        """Every leaf amount with where it is and what it is."""
        for leaves in (self.expenditure, self.basic, self.revenue, self.revenue_details,
                       self.projects, self.project_economic):
            for leaf in leaves:
                for column, amount in leaf.amounts.items():
                    yield leaf.where, column, amount
        for three in (self.three_public, self.gov_fund_three_public):
            for column, amount in three.amounts.items() if three else ():
                yield three.where, column, amount
        for form in self.forms:
            for where, amount in form.measurements:
                yield where, "amount", amount


def _catalog(year):
    functions = {c.code: (c.level, c.parent.code if c.parent_id else "") for c in
                 m.FunctionCode.objects.filter(year__year=year).select_related("parent")}
    economics = {c.code: (c.level, c.parent.code if c.parent_id else "") for c in
                 m.EconomicCode.objects.filter(year__year=year).select_related("parent")}
    return functions, economics


# -- a stored budget ---------------------------------------------------------------------------

def _stored_where(sheet, *parts):
    return f"{sheet.name}（{' '.join(str(p) for p in parts if p)}）"


def stored_facts(budget):
    data = statements.BudgetData(budget)
    facts = Facts()
    facts.year = budget.fiscal_year.year
    facts.function_codes, facts.economic_codes = _catalog(facts.year)
    facts.unit_codes = {u.code for u in data.units}
    exact = Amount.exact
    for item in data.expenditure:
        facts.expenditure.append(Leaf(
            _stored_where(L.EXPENDITURE_DETAIL, item.unit_code, item.fund_label, item.function),
            {"unit": item.unit_code, "fund": item.fund, "function": item.function},
            {c: exact(getattr(item, c)) for c in EXPENDITURE_COLUMNS}))
    for item in data.basic:
        facts.basic.append(Leaf(_stored_where(L.BASIC, item.economic_code.code),
                                {"economic": item.economic_code.code},
                                {"personnel": exact(item.personnel), "public": exact(item.public)}))
    for item in data.revenue:
        where = _stored_where(L.INCOME, item.unit.code, item.get_source_display())
        facts.revenue.append(Leaf(where, {"unit": item.unit.code, "source": item.source,
                                          "carryover": item.carryover},
                                  {"amount": exact(item.amount)}))
    for item in data.revenue_details:
        facts.revenue_details.append(Leaf(_stored_where(L.OVERVIEW, item.label),
                                          {"source": item.source, "label": item.label},
                                          {"amount": exact(item.amount)}))
    for item in data.projects:
        facts.projects.append(Leaf(_stored_where(L.PROJECTS, item.code, item.name),
                                   {"code": item.code, "name": item.name,
                                    "unit": item.unit.code, "category": item.category,
                                    "function": item.function_code.code
                                    if item.function_code_id else ""},
                                   {c: exact(getattr(item, c)) for c in m.Project.AMOUNT_FIELDS}))
    for item in data.project_economic:
        facts.project_economic.append(Leaf(
            _stored_where(L.PROJECT_ECONOMIC, item.get_fund_display(), item.economic_code.code),
            {"fund": item.fund, "economic": item.economic_code.code},
            {"amount": exact(item.amount)}))
    if data.three_public:
        facts.three_public = Leaf(L.THREE_PUBLIC.name, {}, {
            c: exact(getattr(data.three_public, c)) for c in THREE_PUBLIC})
    if data.gov_fund_three_public:
        facts.gov_fund_three_public = Leaf(L.GOV_FUND_THREE_PUBLIC.name, {}, {
            c: exact(getattr(data.gov_fund_three_public, c)) for c in THREE_PUBLIC})
    for form in budget.project_forms.prefetch_related("measurements"):
        wan = form.amount_unit == m.AmountUnit.WAN_YUAN
        facts.forms.append(Form(
            _stored_where(L.PROJECT_FORMS, form.name), form.name, wan,
            *(None if v is None else Amount.given(v, 10000 if wan else 1)
              for v in (form.current_budget, form.total_budget)),
            [(_stored_where(L.MEASUREMENTS, form.name, line.activity or line.description),
              exact(line.amount)) for line in form.measurements.all()]))
    facts.personnel = [(p.category, p.kind, p.count) for p in budget.personnel.all()]
    facts.low = facts.high = _tables(data)
    return facts


# -- a budget document read from a workbook ----------------------------------------------------

def _sheet_of(where):
    return where.split("!", 1)[0] if where else ""


class DocData:
    """What statements.BudgetData offers, built from a document with every leaf at one end
    of its interval."""

    def __init__(self, facts, side, doc, names):
        pick = (lambda a: a.lo) if side == "low" else (lambda a: a.hi)
        self.budget = None
        self.function_names, self.economic_names = names
        orgs = {}
        org = doc.get("organisation") or {}
        for entry in (org, org.get("parent") or {}, *(doc.get("units") or ())):
            if entry.get("code"):
                orgs.setdefault(entry["code"], entry)
        unit_objects = {code: SimpleNamespace(pk=code, code=code, name=e.get("name", ""),
                                              kind=e.get("kind") or "unit", parent_id=None)
                        for code, e in orgs.items()}
        parent = (doc.get("organisation") or {}).get("parent") or {}
        main = (doc.get("organisation") or {}).get("code")
        for code, unit in unit_objects.items():
            if unit.kind != m.OrganisationKind.DEPARTMENT:
                department = orgs.get(main, {}).get("kind") == "department"
                owner = main if department else parent.get("code")
                unit.parent_id = owner if owner != code else None
        self.units = [unit_objects[c] for c in sorted(unit_objects)]

        def unit(code):
            return unit_objects.get(code) or SimpleNamespace(pk=code, code=code, name="",
                                                             kind="unit", parent_id=None)
        self.expenditure = []
        for leaf in facts.expenditure:
            self.expenditure.append(statements.Expenditure(
                leaf.key["unit"], leaf.key["unit"], leaf.key["fund"], leaf.key["function"],
                *(pick(leaf.amounts[c]) for c in EXPENDITURE_COLUMNS)))
        self.basic = [SimpleNamespace(economic_code=SimpleNamespace(code=leaf.key["economic"]),
                                      personnel=pick(leaf.amounts["personnel"]),
                                      public=pick(leaf.amounts["public"]))
                      for leaf in facts.basic]
        self.revenue = [SimpleNamespace(unit=unit(leaf.key["unit"]), source=leaf.key["source"],
                                        carryover=leaf.key["carryover"],
                                        amount=pick(leaf.amounts["amount"]))
                        for leaf in facts.revenue]
        self.revenue_details = [SimpleNamespace(source=leaf.key["source"],
                                                label=leaf.key["label"],
                                                amount=pick(leaf.amounts["amount"]))
                                for leaf in facts.revenue_details]
        self.projects = [SimpleNamespace(group_code=leaf.key["group_code"],
                                         group_name=leaf.key["group_name"],
                                         code=leaf.key["code"], name=leaf.key["name"],
                                         unit=unit(leaf.key["unit"]),
                                         category=leaf.key["category"],
                                         function_code=SimpleNamespace(
                                             code=leaf.key["function"])
                                         if leaf.key["function"] else None,
                                         **{c: pick(a) for c, a in leaf.amounts.items()})
                         for leaf in facts.projects]
        self.project_economic = [
            SimpleNamespace(fund=leaf.key["fund"],
                            economic_code=SimpleNamespace(code=leaf.key["economic"]),
                            amount=pick(leaf.amounts["amount"]))
            for leaf in facts.project_economic]
        self.three_public, self.gov_fund_three_public = (
            SimpleNamespace(**{c: pick(a) for c, a in leaf.amounts.items()}) if leaf else None
            for leaf in (facts.three_public, facts.gov_fund_three_public))


def document_facts(doc, multipliers, cells=()):
    """Facts of a document read from a workbook; `multipliers` maps sheet name → 1 or 10000
    (the sheet's unit line); `cells`, the printed figures (for the cells of 表7)."""
    facts = Facts()
    facts.year = doc.get("year")
    facts.function_codes, facts.economic_codes = _catalog(facts.year) if facts.year else ({}, {})
    org = doc.get("organisation") or {}
    facts.unit_codes = {u.get("code") for u in [org, org.get("parent") or {},
                                                *(doc.get("units") or ())] if u.get("code")}

    def given(value, where, default_sheet):
        sheet = _sheet_of(where) or default_sheet.name
        return Amount.given(Decimal(value or "0"), multipliers.get(sheet, 1))

    facts.wan = any(v != 1 for v in multipliers.values())
    for item in doc.get("expenditure") or ():
        w = item.get("_where", "")
        facts.expenditure.append(Leaf(w, {k: item[k] for k in ("unit", "fund", "function")},
                                      {c: given(item.get(c), w, L.EXPENDITURE_DETAIL)
                                       for c in EXPENDITURE_COLUMNS}))
    for item in doc.get("basic_expenditure") or ():
        w = item.get("_where", "")
        facts.basic.append(Leaf(w, {"economic": item["economic"]},
                                {c: given(item.get(c), w, L.BASIC)
                                 for c in ("personnel", "public")}))
    for item in doc.get("revenue") or ():
        w = item.get("_where", "")
        facts.revenue.append(Leaf(w, {k: item[k] for k in ("unit", "source", "carryover")},
                                  {"amount": given(item["amount"], w, L.INCOME)}))
    for item in doc.get("revenue_details") or ():
        w = item.get("_where", "")
        facts.revenue_details.append(Leaf(w, {"source": item["source"], "label": item["label"]},
                                          {"amount": given(item["amount"], w, L.OVERVIEW)}))
    for item in doc.get("projects") or ():
        w = item.get("_where", "")
        facts.projects.append(Leaf(w, {k: item.get(k) or "" for k in (
            "code", "name", "group_code", "group_name", "function", "unit", "category")},
            {c: given(item.get(c), w, L.PROJECTS) for c in m.Project.AMOUNT_FIELDS}))
    for item in doc.get("project_economic") or ():
        w = item.get("_where", "")
        facts.project_economic.append(Leaf(w, {"fund": item["fund"], "economic": item["economic"]},
                                           {"amount": given(item["amount"], w,
                                                            L.PROJECT_ECONOMIC)}))
    three = doc.get("three_public")
    if three:
        where = L.THREE_PUBLIC.name
        facts.three_public = Leaf(where, {}, {c: given(three.get(c), "", L.THREE_PUBLIC)
                                              for c in THREE_PUBLIC})
        facts.cells = {f.column: f.where for f in cells if f.table == "three_public"}
    three = doc.get("gov_fund_three_public")
    if three:
        facts.gov_fund_three_public = Leaf(L.GOV_FUND_THREE_PUBLIC.name, {}, {
            c: given(three.get(c), "", L.GOV_FUND_THREE_PUBLIC) for c in THREE_PUBLIC})
    forms_multiplier = multipliers.get(L.PROJECT_FORMS.name, 1)
    for i, form in enumerate(doc.get("project_forms") or (), 1):
        wan = form.get("amount_unit") == m.AmountUnit.WAN_YUAN
        where = form.get("_where") or f"{L.PROJECT_FORMS.name}（序号 {i}）"
        budgets = [None if form.get(k) in (None, "") else
                   Amount.given(Decimal(form[k]), 10000 if wan or forms_multiplier != 1 else 1)
                   for k in ("current_budget", "total_budget")]
        facts.forms.append(Form(where, form.get("name", ""), wan, *budgets, [
            (line.get("_where") or where,
             given(line.get("amount"), line.get("_where", ""), L.MEASUREMENTS))
            for line in form.get("measurements") or ()]))
    facts.personnel = [(p.get("category"), p.get("kind", ""), p.get("count") or 0)
                       for p in doc.get("personnel") or ()]
    names = (_names(m.FunctionCode, facts.year), _names(m.EconomicCode, facts.year))
    facts.function_names = names[0]
    facts.low, facts.high = (_tables(DocData(facts, side, doc, names)) for side in ("low", "high"))
    return facts


def _tables(data):
    return {key: compute(data) for key, compute in statements.TABLES.items()}


def _names(model, year):
    return dict(model.objects.filter(year__year=year).values_list("code", "name")) if year else {}
