"""The audit trail of one budget, read back from django-simple-history: every recorded
change to the budget row and to the rows of its tables, newest first, with who, when, from
where, and for a change the old and new value of each field."""

from dataclasses import dataclass, field
from datetime import datetime

from . import models as m
from .audit import VIA_LABELS

TYPE_LABELS = {"+": "新增", "~": "修改", "-": "删除"}
# Bookkeeping fields whose change says nothing about the data.
IGNORED = {"updated_at", "created_at", "id", "budget"}

# Models whose rows hang directly off the budget, then those one level below.
DIRECT = (m.RevenueItem, m.RevenueDetail, m.ExpenditureItem, m.BasicExpenditureItem,
          m.ThreePublicBudget, m.GovFundThreePublicBudget, m.Project, m.ProjectEconomicItem,
          m.ProjectForm, m.OverallPerformance,
          m.PerformanceGoal, m.PersonnelCount, m.ProcurementBudget, m.AssetHolding,
          m.PriorYearFigure, m.NarrativeText, m.PublishedNarrative, m.GlossaryTerm)
NESTED = ((m.ProjectFormLine, "form", m.ProjectForm), (m.RecentSpending, "form", m.ProjectForm),
          (m.MeasurementLine, "form", m.ProjectForm), (m.ProcurementLine, "form", m.ProjectForm),
          (m.OverallPerformanceProject, "overall", m.OverallPerformance),
          (m.PerformanceIndicator, "goal", m.PerformanceGoal))


@dataclass
class Entry:
    at: datetime
    user: object
    via: str
    table: str
    row: str
    kind: str
    changes: list = field(default_factory=list)   # (field label, old, new)


def _records(budget):
    yield m.Budget, m.Budget.history.filter(id=budget.pk)
    parents = {}
    for model in DIRECT:
        records = model.history.filter(budget_id=budget.pk)
        parents[model] = {r.id for r in records}
        yield model, records
    for model, parent_field, parent in NESTED:
        yield model, model.history.filter(**{f"{parent_field}_id__in": parents[parent]})


class _Labels:
    """Names of the objects foreign keys point to, read once per object."""

    def __init__(self):
        self.cache = {}

    def __call__(self, f, value):
        key = (f.related_model, value)
        if key not in self.cache:
            obj = f.related_model._default_manager.filter(pk=value).first()
            self.cache[key] = str(obj) if obj is not None else f"#{value}"
        return self.cache[key]


def _value(f, record, labels):
    value = getattr(record, f.attname)
    if value in (None, ""):
        return ""
    if f.is_relation:
        return labels(f, value)
    if f.choices:
        return dict(f.flatchoices).get(value, value)
    return value


def _changes(model, previous, record, labels):
    result = []
    for f in model._meta.concrete_fields:
        if f.name in IGNORED:
            continue
        old = _value(f, previous, labels) if previous is not None else ""
        new = _value(f, record, labels)
        if previous is None or old != new:
            if previous is None and new in ("", 0):
                continue
            result.append((str(f.verbose_name), old, new))
    return result


def entries(budget, limit=1000):
    """The newest `limit` changes to the budget and its rows."""
    found, labels = [], _Labels()
    for model, records in _records(budget):
        previous = {}
        for record in records.select_related("history_user").order_by("history_date",
                                                                       "history_id"):
            before = previous.get(record.id)
            if record.history_type == "-":
                changes = []
            else:
                changes = _changes(model, before, record, labels)
                if record.history_type == "~" and not changes:
                    previous[record.id] = record
                    continue
            found.append(Entry(
                at=record.history_date, user=record.history_user,
                via=VIA_LABELS.get(record.via, record.via), table=model._meta.verbose_name,
                row=str(record.instance) if model is not m.Budget else str(budget),
                kind=TYPE_LABELS[record.history_type], changes=changes))
            previous[record.id] = record
    found.sort(key=lambda e: e.at, reverse=True)
    return found[:limit]
