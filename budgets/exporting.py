"""A stored budget as a budget document (docs/document-format.md): the inverse of
`budgets.importing.document.save_document`.

`save_document(budget_to_document(b))` reproduces b's data. Amounts are exact 元 strings with
two decimals. Lists keep the stored order (`position`); where a model has no position the
order is the one the standard tables print, so that a document read back from the standard
workbook compares equal:
- revenue: by unit code, then 本年收入 before 上年结转结余, then source in table order; cells
  with a zero amount are left out (收入总表 cannot tell them from absent cells);
- revenue_details: by source in table order, then position (收支总表 prints them under
  their source);
- expenditure: in the order stored (primary key);
- basic_expenditure: by economic code (表6 prints them in code order);
- project_economic: by fund in table order, then economic code;
- prior_year, narrative: in the models' ordering (year/measure/code, key).
"""

from decimal import Decimal

from django.db.models import Prefetch

from . import models as m
from .statements import revenue_columns

DOCUMENT_FORMAT = 1

MONEY_COLUMNS = ("personnel", "public", "project", "operating", "remit", "subsidy")
INDICATOR_FIELDS = ("level1", "level2", "name", "value", "prior2", "prior1", "basis", "nature",
                    "unit", "weight", "direction")
FORM_TEXT_FIELDS = ("department", "executing_unit", "manager", "phone", "address", "postcode",
                    "attribute", "project_type", "category", "function_text", "basis", "content")
FORM_TEXT_FIELDS_2 = ("prior_budgets_text", "change_text")
FORM_TEXT_FIELDS_3 = ("overall_goal", "long_term_summary", "annual_summary")
SOURCE_ORDER = {s.value: i for i, s in enumerate(m.Source)}
FUND_ORDER = {f.value: i for i, f in enumerate(m.Fund)}


def money(value):
    """An exact 元 amount as the document writes it; None stays None."""
    if value is None:
        return None
    return f"{Decimal(value).quantize(Decimal('0.01')):f}"


def _named(code, name, **extra):
    return {"code": code, "name": name, **extra}


def _region(region):
    data = _named(region.code, region.name)
    if region.parent_id:
        data["parent"] = _named(region.parent.code, region.parent.name)
    return data


def _organisation(org):
    data = _named(org.code, org.name, kind=org.kind)
    if org.parent_id:
        data["parent"] = _named(org.parent.code, org.parent.name, kind="department")
    return data


def _goal(goal):
    return {"term": goal.term, "label": goal.label, "text": goal.text,
            "indicators": [{f: getattr(ind, f) for f in INDICATOR_FIELDS}
                           for ind in goal.indicators.all()]}


def _revenue(budget):
    """收入总表 cells in table order; a zero cell is the same as no cell."""
    current, carryover = ({s: i for i, s in enumerate(sources)} for sources in revenue_columns())
    items = [r for r in budget.revenue_items.select_related("unit") if r.amount]
    items.sort(key=lambda r: (r.unit.code, r.carryover,
                              (carryover if r.carryover else current).get(r.source, 99)))
    return [{"unit": r.unit.code, "source": r.source, "carryover": r.carryover,
             "amount": money(r.amount)} for r in items]


def _project_form(form):
    lines = list(form.lines.all())
    return {
        "title": form.title, "name": form.name, "code": form.code,
        "projects": [p.code or p.name for p in sorted(form.projects.all(),
                                                       key=lambda p: (p.position, p.pk))],
        "amount_unit": form.amount_unit,
        "fill_date": form.fill_date.isoformat() if form.fill_date else "",
        **{f: getattr(form, f) for f in FORM_TEXT_FIELDS},
        "start_year": form.start_year, "end_year": form.end_year,
        "total_budget": money(form.total_budget), "current_budget": money(form.current_budget),
        **{f: getattr(form, f) for f in FORM_TEXT_FIELDS_2},
        "recent_spending": [{"year": s.year, "label": s.label, "amount": money(s.amount),
                             "note": s.note} for s in form.recent_spending.all()],
        "funding_lines": [{"label": line.label, "amount": money(line.amount)}
                          for line in lines if line.kind == m.ProjectFormLineKind.FUNDING],
        "detail_lines": [{"label": line.label, "amount": money(line.amount)}
                         for line in lines if line.kind == m.ProjectFormLineKind.DETAIL],
        "calculation_basis": form.calculation_basis,
        "measurements": [
            {"activity": x.activity, "description": x.description,
             "economic_name": x.economic_name,
             "economic": x.economic_code.code if x.economic_code_id else "",
             "amount": money(x.amount), "basis": x.basis, "remark": x.remark}
            for x in form.measurements.all()],
        "procurements": [{"item": p.item, "quantity": p.quantity, "amount": money(p.amount)}
                         for p in form.procurements.all()],
        **{f: getattr(form, f) for f in FORM_TEXT_FIELDS_3},
        "goals": [_goal(g) for g in form.goals.all()],
    }


def _overall(budget):
    overall = (m.OverallPerformance.objects.filter(budget=budget)
               .prefetch_related("projects").first())
    if overall is None:
        return None
    goals = (budget.performance_goals.filter(project_form__isnull=True)
             .order_by("position", "pk").prefetch_related("indicators"))
    return {
        "title": overall.title, "amount_unit": overall.amount_unit,
        "fill_date": overall.fill_date.isoformat() if overall.fill_date else "",
        "filler": overall.filler, "phone": overall.phone,
        "spending_split": overall.spending_split,
        "functions_summary": overall.functions_summary, "annual_tasks": overall.annual_tasks,
        "projects": [{"name": p.name, "project_type": p.project_type, "total": money(p.total),
                      "current": money(p.current), "purpose": p.purpose}
                     for p in overall.projects.all()],
        "long_term_summary": overall.long_term_summary,
        "annual_summary": overall.annual_summary,
        "goals": [_goal(g) for g in goals],
    }


def _assets(budget):
    a = m.AssetHolding.objects.filter(budget=budget).first()
    if a is None:
        return None
    data = {"total": money(a.total), "fixed": money(a.fixed), "vehicles": a.vehicles,
            "large_equipment": a.large_equipment, "disposed": money(a.disposed)}
    # A holding with nothing stated is the same as none.
    return data if any(v is not None for v in data.values()) else None


def budget_to_document(budget) -> dict:
    """The budget document of one stored budget (any status)."""
    budget = (m.Budget.objects
              .select_related("organisation__parent", "organisation__region__parent",
                              "fiscal_year")
              .get(pk=budget.pk))
    org = budget.organisation
    three = m.ThreePublicBudget.objects.filter(budget=budget).first()
    gov_three = m.GovFundThreePublicBudget.objects.filter(budget=budget).first()
    procurement = m.ProcurementBudget.objects.filter(budget=budget).first()
    details = sorted(budget.revenue_details.all(),
                     key=lambda d: (SOURCE_ORDER.get(d.source, 99), d.position, d.pk))
    forms = (budget.project_forms.order_by("position", "pk").prefetch_related(
        "projects", "lines", "recent_spending", "procurements",
        Prefetch("measurements",
                 queryset=m.MeasurementLine.objects.select_related("economic_code")),
        Prefetch("goals", queryset=m.PerformanceGoal.objects.order_by("position", "pk")
                 .prefetch_related("indicators"))))
    return {
        "format": DOCUMENT_FORMAT,
        "region": _region(org.region),
        "year": budget.fiscal_year.year,
        "scope": budget.scope,
        "layout": budget.layout,
        "organisation": _organisation(org),
        "units": [_named(u.code, u.name, kind=u.kind)
                  for u in budget.units.order_by("code")],
        "revenue": _revenue(budget),
        "revenue_details": [{"source": d.source, "label": d.label, "amount": money(d.amount)}
                            for d in details],
        "expenditure": [
            {"unit": e.unit.code, "fund": e.fund, "function": e.function_code.code,
             **{c: money(getattr(e, c)) for c in MONEY_COLUMNS}}
            for e in budget.expenditure_items.select_related("unit", "function_code")
            .order_by("pk")],
        "basic_expenditure": [
            {"economic": b.economic_code.code, "personnel": money(b.personnel),
             "public": money(b.public)}
            for b in budget.basic_items.select_related("economic_code")
            .order_by("economic_code__code")],
        "three_public": {f: money(getattr(three, f) if three else 0) for f in (
            "overseas", "vehicle_purchase", "vehicle_operation", "reception")},
        "gov_fund_three_public": ({f: money(getattr(gov_three, f))
                                   for f in m.GovFundThreePublicBudget.FIELDS}
                                  if gov_three else None),
        "projects": [
            {"code": p.code, "name": p.name, "unit": p.unit.code, "group_code": p.group_code,
             "group_name": p.group_name, "category": p.category,
             "function": p.function_code.code if p.function_code_id else "",
             **{f: money(getattr(p, f)) for f in m.Project.AMOUNT_FIELDS}}
            for p in budget.projects.select_related("unit", "function_code")
            .order_by("position", "pk")],
        "project_economic": [
            {"fund": e.fund, "economic": e.economic_code.code, "amount": money(e.amount)}
            for e in sorted(budget.project_economic_items.select_related("economic_code"),
                            key=lambda e: (FUND_ORDER[e.fund], e.economic_code.code))],
        "project_forms": [_project_form(f) for f in forms],
        "overall_performance": _overall(budget),
        "personnel": [{"category": p.category, "kind": p.kind, "count": p.count}
                      for p in budget.personnel.order_by("position", "pk")],
        "procurement": ({f: money(getattr(procurement, f)) for f in ("goods", "works", "services")}
                        if procurement else None),
        "running_cost_applicable": budget.running_cost_applicable,
        "assets": _assets(budget),
        "prior_year": [{"year": p.year, "measure": p.measure, "code": p.code,
                        "amount": money(p.amount)} for p in budget.prior_figures.all()],
        "narrative": [{"key": n.key, "text": n.text} for n in budget.narrative.all()],
        "published_narrative": [{"section": n.section, "text": n.text}
                                for n in budget.published_narrative.order_by("position", "pk")],
        "glossary": [{"term": g.term, "definition": g.definition,
                      "function": g.function_code.code if g.function_code_id else ""}
                     for g in budget.glossary.select_related("function_code")
                     .order_by("position", "pk")],
    }
