"""The facts a narrative states, computed from a budget's tables and other data.

Every figure a sentence prints comes from `Facts`: amounts (exact 元) and counts keyed by a
short string such as "revenue.total", "class.208", "function.2080150", "economic.30228",
"three_public.reception". Year-on-year changes compare with the previous year's published
budget of the same organisation and scope when the portal holds one, else with the
PriorYearFigure rows entered with this budget. Rounding happens once, in `wan` and `percent`.
"""

from decimal import ROUND_HALF_UP, Decimal

from budgets import crosswalk, statements
from budgets import models as m

ZERO = Decimal("0")
CENT = Decimal("0.01")
TEN_THOUSAND = Decimal("10000")

# Keys counted in people, vehicles, pieces, projects rather than money.
COUNT_PREFIXES = ("personnel.", "assets.vehicles", "assets.large_equipment", "projects.count",
                  "project_forms.count")

# Sources that the Tianmen layout reports together as 单位资金收入.
UNIT_FUND_SOURCES = (m.Source.BUSINESS, m.Source.OPERATING, m.Source.SUPERIOR_SUBSIDY,
                     m.Source.SUBORDINATE_REMIT, m.Source.OTHER)

# Where each fact's prior-year value is found among PriorYearFigure measures (first found wins).
PRIOR_MEASURES = {
    "revenue.total": ("revenue_total",),
    "revenue.current": ("revenue_total",),
    "revenue.fiscal": ("revenue_fiscal",),
    "appropriation.total": ("revenue_fiscal",),
    "expenditure.total": ("expenditure_total",),
    "general_budget.total": ("general_budget_total",),
    "general_budget.current": ("general_budget_total",),
    "expenditure.basic": ("basic_total", "expenditure_basic"),
    "general_budget.basic": ("basic_total", "expenditure_basic"),
    "basic.total": ("basic_total", "expenditure_basic"),
    "expenditure.project": ("project_total", "expenditure_project"),
    "general_budget.project": ("project_total", "expenditure_project"),
    "projects.total": ("project_total", "expenditure_project"),
    "expenditure.personnel": ("personnel_total",),
    "general_budget.personnel": ("personnel_total",),
    "basic.personnel": ("personnel_total",),
    "expenditure.public": ("public_total",),
    "general_budget.public": ("public_total",),
    "basic.public": ("public_total",),
    "running_cost.total": ("running_cost_total",),
    "procurement.total": ("procurement_total",),
    "three_public.total": ("three_public_total",),
    "three_public.overseas": ("three_public_overseas",),
    "three_public.vehicle": ("three_public_vehicle",),
    "three_public.vehicle_purchase": ("three_public_vehicle_purchase",),
    "three_public.vehicle_operation": ("three_public_vehicle_operation",),
    "three_public.reception": ("three_public_reception",),
}
# Parts of a whole: when the whole was zero last year, so was every part (amounts are >= 0).
PARTS = {
    "procurement.total": ("procurement.goods", "procurement.works", "procurement.services"),
    "three_public.total": ("three_public.overseas", "three_public.vehicle",
                           "three_public.vehicle_purchase", "three_public.vehicle_operation",
                           "three_public.reception"),
    "three_public.vehicle": ("three_public.vehicle_purchase", "three_public.vehicle_operation"),
}
# Alternative ways the parts add up to a whole, for the checker's sum test.
PARTITIONS = {
    "revenue.total": [("revenue.general_budget", "revenue.gov_fund", "revenue.soe_capital",
                       "revenue.fiscal_special", "revenue.unit_funds", "revenue.carryover")],
    "expenditure.total": [("expenditure.basic", "expenditure.project"),
                          ("category.personnel", "category.public", "category.operating",
                           "category.specific")],
    "expenditure.basic": [("expenditure.personnel", "expenditure.public")],
    "general_budget.basic": [("general_budget.personnel", "general_budget.public")],
    "basic.total": [("basic.personnel", "basic.public")],
    "three_public.total": [("three_public.overseas", "three_public.vehicle",
                            "three_public.reception"),
                           ("three_public.overseas", "three_public.vehicle_purchase",
                            "three_public.vehicle_operation", "three_public.reception")],
    "three_public.vehicle": [("three_public.vehicle_purchase", "three_public.vehicle_operation")],
    "procurement.total": [("procurement.goods", "procurement.works", "procurement.services")],
}


def wan(yuan):
    """元 → 万元, rounded once to two decimals (half up), as the tables print it."""
    return (Decimal(yuan) / TEN_THOUSAND).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(ratio):
    """A ratio → percentage with two decimals (half up)."""
    return (Decimal(ratio) * 100).quantize(CENT, rounding=ROUND_HALF_UP)


def is_count(key):
    return key.startswith(COUNT_PREFIXES)


def previous_budget(budget):
    """The previous year's published budget of the same organisation and scope, if any."""
    return (m.Budget.objects
            .filter(organisation_id=budget.organisation_id, scope=budget.scope,
                    fiscal_year__year=budget.fiscal_year.year - 1, status=m.Status.PUBLISHED)
            .select_related("fiscal_year", "organisation").order_by("-revision").first())


class Facts:
    """The figures of one budget, with the prior year's for comparison."""

    def __init__(self, budget, *, data=None, with_prior=True):
        """`data`: the budget's statements.BudgetData when the caller has loaded it already."""
        self.budget = budget
        self.year = budget.fiscal_year.year
        self.data = data = data or statements.BudgetData(budget)
        self.values = {}
        self.names = {}          # key → the name the tables print (classes, 项, economic)
        self.function_names = data.function_names
        self.function_paths = {}     # 项 → "…（类）…（款）…（项）", as sections.Phrases prints it
        self.economic_names = data.economic_names
        self._tables(data)
        self._other_facts(budget)
        self.texts = {t.key: t.text.strip() for t in budget.narrative.all()}
        self._prior_facts = None
        self._prior_rows = {}
        self._priors = {}            # key → prior(key), as looked up
        if with_prior:
            previous = previous_budget(budget)
            if previous is not None:
                self._prior_facts = Facts(previous, with_prior=False)
                # Last year's codes restated in this year's catalog (budgets/crosswalk.py).
                crosswalk.restate_facts(self._prior_facts, self.year)
            else:
                # .all(): the page prefetches the prior figures it prints as well.
                self._prior_rows = {
                    (p.measure, p.code): p.amount
                    for p in budget.prior_figures.all() if p.year == self.year - 1}

    # -- current year -----------------------------------------------------------------------

    def _tables(self, data):
        v = self.values
        overview = data.table("overview")
        for row in overview.rows:
            if row.code.startswith("class:"):
                code = row.code.removeprefix("class:")
                v[f"class.{code}"] = row["amount"]
                self.names[f"class.{code}"] = row.name
        totals = {r.code: r["amount"] for r in overview.rows if r.level == "total"}
        v["revenue.total"] = totals["revenue_total"]
        v["revenue.current"] = totals["revenue_current"]
        v["revenue.carryover"] = totals["carryover_in"]
        v["expenditure.total"] = totals["expenditure_current"]
        current = statements.revenue_by_source(data)
        for source in m.Source:
            v[f"revenue.{source.value}"] = current.get(source.value, ZERO)
        v["revenue.unit_funds"] = sum((current.get(s.value, ZERO) for s in UNIT_FUND_SOURCES),
                                      ZERO)
        v["revenue.fiscal"] = sum((current.get(s.value, ZERO) for s in m.APPROPRIATION_SOURCES),
                                  ZERO)
        appropriation = data.table("appropriation")
        for row in appropriation.rows:
            if row.code.startswith("class:"):
                v[f"appropriation.{row.code.replace(':', '.')}"] = row["amount"]
        v["appropriation.total"] = appropriation.row("expenditure_current")["amount"]
        v["appropriation.revenue_current"] = appropriation.row("revenue_current")["amount"]
        everything = data.table("expenditure")
        for column in ("basic", "project", "personnel", "public"):
            v[f"expenditure.{column}"] = everything.total[column]
        general = data.table("general_budget")
        for column in ("total", "basic", "project", "personnel", "public"):
            v[f"general_budget.{column}"] = general.total[column]
        v["general_budget.current"] = current.get(m.Source.GENERAL_BUDGET, ZERO)
        self.general_rows = [r for r in general.rows if r.level != "total"]
        for row in self.general_rows:
            v[f"function.{row.code}"] = row["total"]
            self.names[f"function.{row.code}"] = row.name
        basic = data.table("basic")
        self.basic_rows = [r for r in basic.rows if r.level != "total"]
        for column in ("total", "personnel", "public"):
            v[f"basic.{column}"] = basic.total[column]
        for row in self.basic_rows:
            v[f"economic.{row.code}"] = row["total"]
            self.names[f"economic.{row.code}"] = row.name
        three = data.table("three_public").total
        for column in three.values:
            v[f"three_public.{column}"] = three[column]
        self.gov_fund = data.table("gov_fund")
        self.soe_capital = data.table("soe_capital")
        self.projects = data.projects
        v["projects.total"] = sum((p.total for p in data.projects), ZERO)
        v["projects.count"] = len(data.projects)
        for field in m.Project.AMOUNT_FIELDS:
            v[f"projects.{field}"] = sum((getattr(p, field) for p in data.projects), ZERO)
        for project in data.projects:
            v[f"project.{project_id(project)}"] = project.total
        by_category = {c.value: ZERO for c in m.ProjectCategory}
        for project in data.projects:
            by_category[project.category] += project.total
        # 人员类 covers basic personnel spending and personnel projects; 公用经费 the basic rest.
        v["category.personnel"] = v["expenditure.personnel"] + by_category["personnel"]
        v["category.public"] = v["expenditure.public"]
        v["category.operating"] = by_category["operating"]
        v["category.specific"] = by_category["specific"] + by_category[""]

    def _other_facts(self, budget):
        v = self.values
        running = self.budget.running_cost_applicable
        v["running_cost.total"] = v["basic.public"] if running else ZERO
        procurement = self.data.procurement
        for part in ("goods", "works", "services"):
            v[f"procurement.{part}"] = getattr(procurement, part) if procurement else ZERO
        v["procurement.total"] = procurement.total if procurement else ZERO
        self.has_procurement = procurement is not None
        assets = self.data.assets
        for part in ("total", "fixed", "disposed", "vehicles", "large_equipment"):
            v[f"assets.{part}"] = getattr(assets, part) if assets else None
        self.personnel = list(budget.personnel.all())
        for row in self.personnel:
            key = f"personnel.{row.category}" + (f".{row.kind}" if row.kind else "")
            v[key] = row.count
        v["project_forms.count"] = budget.project_forms.count()

    # -- reading ----------------------------------------------------------------------------

    def value(self, key):
        """The exact value (元 or a count); None where the budget states nothing."""
        if key in self.values:
            return self.values[key]
        if key.startswith(("class.", "appropriation.class.", "function.", "economic.")):
            return ZERO       # a listed code with no spending
        return None

    def name(self, key):
        return self.names.get(key, "")

    def text(self, key):
        return self.texts.get(key, "")

    def prior(self, key):
        """Last year's value of the same fact, or None when the portal does not know it."""
        # A sentence asks several times (its change, its rate, whether it needs a reason),
        # once per function 项 in a large budget: looked up once.
        try:
            return self._priors[key]
        except KeyError:
            pass
        if self._prior_facts is not None:
            value = self._prior_facts.value(key)
        else:
            value = self._prior_row(key)
        if value is None:
            for whole, parts in PARTS.items():
                if key in parts and self.prior(whole) == ZERO:
                    value = ZERO
                    break
        self._priors[key] = value
        return value

    def _prior_row(self, key):
        for measure in PRIOR_MEASURES.get(key, ()):
            if (measure, "") in self._prior_rows:
                return self._prior_rows[(measure, "")]
        family, _, code = key.partition(".")
        if family in ("function", "class"):
            return self._prior_rows.get(("function", code))
        if family == "appropriation" and code.startswith("class."):
            return self._prior_rows.get(("function", code.removeprefix("class.")))
        if family == "project":
            return self._prior_rows.get(("project", code))
        return None

    def change(self, key):
        current, prior = self.value(key), self.prior(key)
        if current is None or prior is None:
            return None
        return current - prior

    def change_ratio(self, key):
        """(current − prior) / prior; None when unknown or when last year was zero and this
        year is not (a growth rate from zero means nothing)."""
        prior, change = self.prior(key), self.change(key)
        if change is None:
            return None
        if prior == ZERO:
            return ZERO if change == ZERO else None
        return change / prior

    def share(self, key, base):
        whole = self.value(base)
        part = self.value(key)
        if not whole or part is None:
            return ZERO if whole == ZERO and part is not None else None
        return part / whole


def project_id(project):
    return project.code or project.name
