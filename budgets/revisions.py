"""The public revisions of a disclosure and what a correction (更正) changed.

For the public pages: `revisions_of` lists every published revision (the latest published
one and the superseded ones before it), `latest_published` finds the one to show, and
`diff(old, new)` lists the figures of the standard tables (exact 元, from budgets.statements)
and the texts that differ between two revisions.
"""

from dataclasses import dataclass
from decimal import Decimal

from .exporting import budget_to_document
from .models import PUBLIC_STATUSES, Budget, Status
from .statements import TABLE_TITLES, all_tables

# Texts of the budget document compared between revisions, with their Chinese labels.
TEXT_PARTS = {"narrative": "情况说明", "published_narrative": "公开文本", "glossary": "名词解释",
              "overall_performance": "整体支出绩效目标表", "project_forms": "项目支出绩效目标表"}


@dataclass(frozen=True)
class FigureChange:
    table: str          # Chinese table title
    code: str
    name: str
    column: str
    old: Decimal        # exact 元
    new: Decimal


@dataclass(frozen=True)
class TextChange:
    part: str           # Chinese label of the part of the document
    key: str            # where in that part (e.g. a narrative key or a form's name)
    old: str
    new: str


@dataclass(frozen=True)
class Diff:
    figures: list
    texts: list

    def __bool__(self):
        return bool(self.figures or self.texts)


def revisions_of(budget):
    """Every public revision of the budget's disclosure, oldest first."""
    return list(Budget.objects.filter(
        organisation_id=budget.organisation_id, fiscal_year_id=budget.fiscal_year_id,
        scope=budget.scope, status__in=PUBLIC_STATUSES).order_by("revision"))


def latest_published(queryset=None):
    """Only the revisions the public page shows (one per organisation, year and scope)."""
    return (Budget.objects if queryset is None else queryset).filter(status=Status.PUBLISHED)


def previous_revision(budget):
    """The public revision this one corrected, or None."""
    return (Budget.objects.filter(
        organisation_id=budget.organisation_id, fiscal_year_id=budget.fiscal_year_id,
        scope=budget.scope, status__in=PUBLIC_STATUSES, revision__lt=budget.revision)
        .order_by("-revision").first())


def _figures(budget):
    cells = {}
    for key, table in all_tables(budget).items():
        for row in table.rows:
            for column, value in row.values.items():
                cells[(key, row.code, row.name, column)] = value
    return cells


def _texts(document):
    """Flatten the text parts of a document into {(part, key): text}."""
    found = {}

    def walk(part, path, value):
        if isinstance(value, dict):
            label = next((value[k] for k in ("key", "term", "section", "name")
                          if isinstance(value.get(k), str) and value[k]), "")
            prefix = f"{path} {label}".strip()
            for k, v in value.items():
                walk(part, f"{prefix}.{k}", v)
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(part, f"{path}[{i + 1}]", v)
        elif isinstance(value, str) and value:
            found[(part, path.lstrip("."))] = value

    for part in TEXT_PARTS:
        walk(part, "", document.get(part))
    return found


def diff(old, new):
    """What changed from revision `old` to revision `new`: figures in exact 元, and texts."""
    before, after = _figures(old), _figures(new)
    zero = Decimal("0")
    # In the order the tables print their rows.
    keys = list(after) + [k for k in before if k not in after]
    figures = [FigureChange(TABLE_TITLES.get(k[0], k[0]), k[1], k[2], k[3],
                            before.get(k, zero), after.get(k, zero))
               for k in keys if before.get(k, zero) != after.get(k, zero)]
    old_texts, new_texts = _texts(budget_to_document(old)), _texts(budget_to_document(new))
    texts = [TextChange(TEXT_PARTS[k[0]], k[1], old_texts.get(k, ""), new_texts.get(k, ""))
             for k in sorted(set(old_texts) | set(new_texts))
             if old_texts.get(k, "") != new_texts.get(k, "")]
    return Diff(figures, texts)
