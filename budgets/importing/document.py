"""Saving a budget document (docs/document-format.md) to the database, all or nothing.

Every later way in (workbook upload, the batch command, the demo loader) ends here, so the
rules on codes, units and amounts are enforced in one place. A draft is replaced as a whole;
a budget that is no longer a draft is never touched.
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction

from budgets import audit
from budgets import models as m

from .errors import ImportFailed, Problem

WHERE = "_where"   # optional key on any item: the sheet cell it came from, for messages


def where(item, fallback):
    return item.get(WHERE) or fallback if isinstance(item, dict) else fallback


class _Saver:
    def __init__(self, doc):
        self.doc = doc
        self.problems = []
        self.pending = {}   # model → rows to insert, models in the order parents come first

    def add(self, *objs):
        for obj in objs:
            self.pending.setdefault(type(obj), []).append(obj)
        return objs[0] if objs else None

    def flush(self):
        """One INSERT per model and one for its history; a child's foreign key to a parent
        created in the same flush is filled in once the parent has its id."""
        for model, objs in self.pending.items():
            audit.bulk_create(model, objs)
        self.pending = {}

    def problem(self, where_, message):
        self.problems.append(Problem(where_, message))

    def amount(self, value, where_, *, nullable=False):
        if value is None or value == "":
            if nullable:
                return None
            return Decimal("0")
        try:
            result = Decimal(str(value)).quantize(Decimal("0.01"))
        except InvalidOperation:
            self.problem(where_, f"金额“{value}”不是数字，请填写以元为单位的数字")
            return Decimal("0")
        return result

    # -- reference data ----------------------------------------------------------------------

    def region(self):
        data = self.doc["region"]
        parent = None
        if data.get("parent"):
            parent, _ = m.Region.objects.get_or_create(
                code=data["parent"]["code"], defaults={"name": data["parent"]["name"]})
        region, _ = m.Region.objects.update_or_create(
            code=data["code"], defaults={"name": data["name"], "parent": parent})
        return region

    def organisation(self, region, data, parent=None):
        org, _ = m.Organisation.objects.update_or_create(
            region=region, code=data["code"],
            defaults={"name": data["name"], "kind": data.get("kind") or m.OrganisationKind.UNIT,
                      "parent": parent})
        return org

    def organisations(self, region):
        data = self.doc["organisation"]
        parent = None
        if data.get("parent"):
            parent = self.organisation(region, {**data["parent"], "kind": "department"})
        main = self.organisation(region, data, parent)
        units = {main.code: main}
        if parent:
            units[parent.code] = parent
        for unit in self.doc.get("units", []):
            if unit["code"] not in units:
                owner = main if main.kind == m.OrganisationKind.DEPARTMENT else parent
                units[unit["code"]] = self.organisation(
                    region, {**unit, "kind": unit.get("kind", "unit")}, owner)
        return main, units

    def codes(self, model, year, wanted=None):
        """The year's codes (only those `wanted`, if given) in one query: the rows below look
        their codes up in this map."""
        codes = model.objects.filter(year=year)
        if wanted is not None:
            codes = codes.filter(code__in=wanted)
        return {c.code: c for c in codes}

    def function_codes(self):
        # The function catalog has some 400 codes a year; a budget uses a dozen or two.
        doc = self.doc
        return {item.get("function") or "" for key in ("expenditure", "projects", "glossary")
                for item in doc.get(key) or ()} - {""}

    # -- the budget ---------------------------------------------------------------------------

    def target_budget(self, org, year):
        scope = self.doc["scope"]
        existing = (m.Budget.objects.select_for_update()
                    .filter(organisation=org, fiscal_year=year, scope=scope)
                    .order_by("-revision").first())
        if existing is None:
            return m.Budget(organisation=org, fiscal_year=year, scope=scope, revision=1)
        # A returned draft is fixed the same way as a new one (it keeps its status).
        if existing.status not in (m.Status.DRAFT, m.Status.RETURNED):
            self.problem("", f"{existing} 第 {existing.revision} 版状态为“"
                         f"{existing.get_status_display()}”，不能被上传覆盖；"
                         "如需更正已公开的预算，请发起更正")
            return None
        return existing

    def save(self):
        year, _ = m.FiscalYear.objects.get_or_create(year=int(self.doc["year"]))
        region = self.region()
        org, units = self.organisations(region)
        budget = self.target_budget(org, year)
        if budget is None:
            raise ImportFailed(self.problems)
        functions = self.codes(m.FunctionCode, year, self.function_codes())
        economics = self.codes(m.EconomicCode, year)
        if not economics or not (functions or m.FunctionCode.objects.filter(year=year).exists()):
            raise ImportFailed([Problem("", f"{year.year} 年的科目目录尚未导入，"
                                            "请先在后台导入支出功能分类和经济分类科目")])
        budget.layout = self.doc.get("layout", "")
        budget.running_cost_applicable = bool(self.doc.get("running_cost_applicable", True))
        new = budget.pk is None
        budget.save()
        budget.units.set([units[u["code"]] for u in self.doc.get("units", [])
                          if u["code"] in units] or [org])
        if not new:
            self.clear(budget)
        self.lines(budget, units, functions, economics)
        if self.problems:
            raise ImportFailed(self.problems)
        self.flush()
        return budget

    def clear(self, budget):
        audit.bulk_delete([getattr(budget, relation).all() for relation in (
            "revenue_items", "revenue_details", "expenditure_items", "basic_items", "projects",
            "project_forms", "performance_goals", "personnel", "prior_figures", "narrative",
            "published_narrative", "glossary", "project_economic_items")] + [
                one.objects.filter(budget=budget) for one in (
                    m.ThreePublicBudget, m.GovFundThreePublicBudget, m.OverallPerformance,
                    m.ProcurementBudget, m.AssetHolding)])

    def unit(self, units, code, where_):
        if code not in units:
            self.problem(where_, f"单位代码“{code}”不属于本预算的单位，请检查单位代码")
        return units.get(code)

    def lines(self, budget, units, functions, economics):
        doc = self.doc
        revenue, details = [], []
        for i, item in enumerate(doc.get("revenue", [])):
            w = where(item, f"revenue[{i}]")
            revenue.append(m.RevenueItem(
                budget=budget, unit=self.unit(units, item["unit"], w), source=item["source"],
                carryover=bool(item.get("carryover")), amount=self.amount(item["amount"], w)))
        for i, item in enumerate(doc.get("revenue_details", [])):
            w = where(item, f"revenue_details[{i}]")
            details.append(m.RevenueDetail(budget=budget, source=item["source"],
                                           label=item["label"], position=i,
                                           amount=self.amount(item["amount"], w)))
        expenditure = []
        for i, item in enumerate(doc.get("expenditure", [])):
            w = where(item, f"expenditure[{i}]")
            code = functions.get(item["function"])
            if code is None:
                self.problem(w, f"功能分类科目“{item['function']}”不在 {budget.fiscal_year.year} "
                                "年科目目录中，请核对科目编码")
                continue
            if code.level != m.CodeLevel.ITEM:
                self.problem(w, f"功能分类科目 {code.code} 是{code.get_level_display()}级科目，"
                                "支出应填列到项级（7 位）科目")
                continue
            expenditure.append(m.ExpenditureItem(
                budget=budget, unit=self.unit(units, item["unit"], w), fund=item["fund"],
                function_code=code, **{col: self.amount(item.get(col), w) for col in (
                    "personnel", "public", "project", "operating", "remit", "subsidy")}))
        basic = []
        for i, item in enumerate(doc.get("basic_expenditure", [])):
            w = where(item, f"basic_expenditure[{i}]")
            code = economics.get(item["economic"])
            if code is None or code.level != m.CodeLevel.SECTION:
                self.problem(w, f"经济分类科目“{item['economic']}”不是 {budget.fiscal_year.year} "
                                "年目录中的款级（5 位）科目，请核对科目编码")
                continue
            basic.append(m.BasicExpenditureItem(
                budget=budget, economic_code=code, personnel=self.amount(item["personnel"], w),
                public=self.amount(item["public"], w)))
        if self.problems:
            return
        self.add(*revenue, *details, *expenditure, *basic)
        three = doc.get("three_public") or {}
        self.add(m.ThreePublicBudget(budget=budget, **{
            f: self.amount(three.get(f), "three_public") for f in (
                "overseas", "vehicle_purchase", "vehicle_operation", "reception")}))
        self.sichuan_facts(budget, economics)
        projects = self.projects(budget, units, functions)
        self.project_forms(budget, projects, economics)
        self.overall(budget)
        self.facts(budget, functions)

    def sichuan_facts(self, budget, economics):
        """The optional facts of 四川 表2-1 (project spending by economic 款) and 表4-1."""
        three = self.doc.get("gov_fund_three_public")
        if three is not None:
            self.add(m.GovFundThreePublicBudget(budget=budget, **{
                f: self.amount(three.get(f), "gov_fund_three_public")
                for f in m.GovFundThreePublicBudget.FIELDS}))
        funds, seen = {f.value for f in m.APPROPRIATION_FUNDS}, set()
        for i, item in enumerate(self.doc.get("project_economic") or []):
            w = where(item, f"project_economic[{i}]")
            code = economics.get(item["economic"])
            if (item["fund"], item["economic"]) in seen:
                self.problem(w, f"资金性质“{item['fund']}”、经济分类科目“{item['economic']}”重复，"
                                "每项只能填一行")
            elif code is None or code.level != m.CodeLevel.SECTION:
                self.problem(w, f"经济分类科目“{item['economic']}”不是 {budget.fiscal_year.year} "
                                "年目录中的款级（5 位）科目，请核对科目编码")
            elif item["fund"] not in funds:
                self.problem(w, f"资金性质“{item['fund']}”不是财政拨款；项目支出经济分类只填"
                                "一般公共预算、政府性基金预算、国有资本经营预算")
            else:
                seen.add((item["fund"], item["economic"]))
                self.add(m.ProjectEconomicItem(budget=budget, fund=item["fund"],
                                               economic_code=code,
                                               amount=self.amount(item.get("amount"), w)))

    def projects(self, budget, units, functions):
        saved = {}
        for i, item in enumerate(self.doc.get("projects", [])):
            w = where(item, f"projects[{i}]")
            function = functions.get(item.get("function") or "")
            project = self.add(m.Project(
                budget=budget, unit=self.unit(units, item["unit"], w) or budget.organisation,
                code=item.get("code", ""), name=item["name"],
                group_code=item.get("group_code", ""), group_name=item.get("group_name", ""),
                category=item.get("category", ""), function_code=function, position=i,
                **{f: self.amount(item.get(f), w) for f in m.Project.AMOUNT_FIELDS}))
            saved[project.code or project.name] = project
            saved.setdefault(project.name, project)
        return saved

    def project_forms(self, budget, projects, economics):
        by_name = {}
        for code in economics.values():
            by_name.setdefault(code.name, code)
        for i, item in enumerate(self.doc.get("project_forms", [])):
            w = where(item, f"project_forms[{i}]")
            form = self.add(m.ProjectForm(
                budget=budget, position=i, title=item.get("title") or "项目支出绩效目标表",
                name=item["name"], code=item.get("code", ""),
                amount_unit=item.get("amount_unit") or m.AmountUnit.WAN_YUAN,
                fill_date=parse_date(item.get("fill_date")),
                start_year=item.get("start_year"), end_year=item.get("end_year"),
                total_budget=self.amount(item.get("total_budget"), w, nullable=True),
                current_budget=self.amount(item.get("current_budget"), w, nullable=True),
                **{f: item.get(f) or "" for f in (
                    "department", "executing_unit", "manager", "phone", "address", "postcode",
                    "attribute", "project_type", "category", "function_text", "basis", "content",
                    "prior_budgets_text", "change_text", "calculation_basis", "overall_goal",
                    "long_term_summary", "annual_summary")}))
            linked = {id(projects[key]): projects[key] for key in item.get("projects", [])
                      if key in projects}   # unsaved yet: told apart by identity
            self.add(*(m.ProjectForm.projects.through(projectform=form, project=project)
                       for project in linked.values()))
            self.add(*[m.ProjectFormLine(form=form, kind=kind, label=line["label"], position=j,
                                       amount=self.amount(line.get("amount"), w, nullable=True))
                     for kind, key in (("funding", "funding_lines"), ("detail", "detail_lines"))
                     for j, line in enumerate(item.get(key, []))])
            self.add(*[
                m.RecentSpending(form=form, year=s["year"], label=s.get("label", ""),
                                 amount=self.amount(s.get("amount"), w, nullable=True),
                                 note=s.get("note", ""), position=j)
                for j, s in enumerate(item.get("recent_spending", []))])
            self.add(*[
                m.MeasurementLine(
                    form=form, position=j, activity=line.get("activity", ""),
                    description=line.get("description", ""),
                    economic_name=line.get("economic_name", ""),
                    economic_code=(economics.get(line.get("economic") or "")
                                   or by_name.get(line.get("economic_name", ""))),
                    amount=self.amount(line.get("amount"), w), basis=line.get("basis", ""),
                    remark=line.get("remark", ""))
                for j, line in enumerate(item.get("measurements", []))])
            self.add(*[
                m.ProcurementLine(form=form, position=j, item=line["item"],
                                  quantity=str(line.get("quantity") or ""),
                                  amount=self.amount(line.get("amount"), w, nullable=True))
                for j, line in enumerate(item.get("procurements", []))])
            self.goals(budget, item.get("goals", []), form)

    def goals(self, budget, goals, form=None):
        for i, goal in enumerate(goals):
            saved = self.add(m.PerformanceGoal(
                budget=budget, project_form=form, term=goal["term"],
                label=goal.get("label", ""), text=goal.get("text", ""), position=i))
            self.add(*[
                m.PerformanceIndicator(goal=saved, position=j, **{
                    f: str(ind.get(f) or "") for f in (
                        "level1", "level2", "name", "value", "prior2", "prior1", "basis",
                        "nature", "unit", "weight", "direction")})
                for j, ind in enumerate(goal.get("indicators", []))])

    def overall(self, budget):
        data = self.doc.get("overall_performance")
        if not data:
            return
        overall = self.add(m.OverallPerformance(
            budget=budget, fill_date=parse_date(data.get("fill_date")),
            title=data.get("title") or "整体支出绩效目标表",
            amount_unit=data.get("amount_unit") or m.AmountUnit.WAN_YUAN,
            spending_split=data.get("spending_split") or m.SpendingSplit.BASIC_PROJECT,
            **{f: data.get(f) or "" for f in (
                "filler", "phone", "functions_summary", "annual_tasks", "long_term_summary",
                "annual_summary")}))
        self.add(*[
            m.OverallPerformanceProject(
                overall=overall, position=i, name=p["name"],
                project_type=p.get("project_type", ""), purpose=p.get("purpose", ""),
                total=self.amount(p.get("total"), "overall_performance", nullable=True),
                current=self.amount(p.get("current"), "overall_performance", nullable=True))
            for i, p in enumerate(data.get("projects", []))])
        self.goals(budget, data.get("goals", []))

    def facts(self, budget, functions):
        doc = self.doc
        self.add(*[
            m.PersonnelCount(budget=budget, category=p["category"], kind=p.get("kind", ""),
                             count=int(p["count"]), position=i)
            for i, p in enumerate(doc.get("personnel", []))])
        if doc.get("procurement") is not None:
            self.add(m.ProcurementBudget(budget=budget, **{
                f: self.amount(doc["procurement"].get(f), "procurement")
                for f in ("goods", "works", "services")}))
        if doc.get("assets") is not None:
            a = doc["assets"]
            self.add(m.AssetHolding(
                budget=budget, vehicles=a.get("vehicles"), large_equipment=a.get("large_equipment"),
                **{f: self.amount(a.get(f), "assets", nullable=True)
                   for f in ("total", "fixed", "disposed")}))
        self.add(*[
            m.PriorYearFigure(budget=budget, year=p["year"], measure=p["measure"],
                              code=p.get("code", ""),
                              amount=self.amount(p["amount"], f"prior_year[{i}]"))
            for i, p in enumerate(doc.get("prior_year", []))])
        self.add(*[
            m.NarrativeText(budget=budget, key=n["key"], text=n.get("text", ""))
            for n in doc.get("narrative", [])])
        self.add(*[
            m.PublishedNarrative(budget=budget, section=n["section"], text=n["text"], position=i)
            for i, n in enumerate(doc.get("published_narrative", []))])
        self.add(*[
            m.GlossaryTerm(budget=budget, term=g["term"], definition=g["definition"],
                           function_code=functions.get(g.get("function") or ""), position=i)
            for i, g in enumerate(doc.get("glossary", []))])


def parse_date(value):
    return date.fromisoformat(value) if value else None


def save_document(doc) -> m.Budget:
    """Create or replace the draft budget the document describes; raise ImportFailed with
    every problem found, leaving the database as it was."""
    with transaction.atomic():
        return _Saver(doc).save()
