"""A published budget as a printable document: every part, table and form of its layout as
ready strings, computed once in Python (the one 万元 rounding happens in numbers.wan).

`document_context(budget)` is what templates/disclosures/document.html renders, on screen and
(with for_pdf) in the PDF. It runs a fixed number of queries whatever the size of the budget.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch, prefetch_related_objects

from budgets import models as m
from budgets import narrative, statements

from ..layouts import layout_for
from ..layouts.spec import (
    BY_UNIT,
    CODE_TREE,
    GLOSSARY,
    INCOME,
    NARRATIVE,
    PERFORMANCE_OVERALL,
    PERFORMANCE_PROJECT,
    PROFILE,
    PROJECTS,
    TABLES,
    THREE_PUBLIC,
    TWO_SIDED,
    chinese_number,
)
from . import forms, markup, tables, text


@dataclass
class PartView:
    key: str
    heading: str
    anchor: str
    sections: list = field(default_factory=list)    # text.Section
    tables: list = field(default_factory=list)      # TableView | forms.Form
    glossary: list = field(default_factory=list)          # (term, definition)
    glossary_html: str = ""
    toc: list = field(default_factory=list)         # (label, anchor)


def _fill(template, *, org, year, title="", subject=""):
    return template.format(org=org, year=year, title=title, subject=subject)


def table_view(spec, index, layout, computed, data, org, year, notes, names):
    toc_title = spec.toc or spec.title
    heading = layout.table_heading.format(ordinal=f"{chinese_number(index)}、", toc=toc_title,
                                          number=spec.number)
    columns = spec.columns
    if spec.kind == TWO_SIDED:
        header = tables.two_sided_header(spec)
    else:
        header = tables.header_rows(columns)
    view = tables.TableView(
        key=spec.key, kind=spec.kind, anchor=f"table-{spec.key}", heading=heading,
        title=spec.title, filler=_fill(layout.filler, org=org, year=year),
        unit_line=layout.unit_line, header=header)
    table = computed[spec.source] if spec.source else None
    if spec.kind == TWO_SIDED:
        view.rows = tables.two_sided_rows(spec, table, names)
    elif spec.kind == CODE_TREE:
        view.rows = [] if table.is_empty else tables.code_tree_rows(spec, table, data)
    elif spec.kind in (INCOME, BY_UNIT):
        view.rows = tables.income_rows(spec, table)
    elif spec.kind == THREE_PUBLIC:
        view.rows = tables.three_public_rows(spec, table) if table else []
    elif spec.kind == PROJECTS:
        view.rows = tables.project_rows(spec, table, data)
    view.empty = not any(r.filled for r in view.rows)
    if spec.number_row:
        view.number_row = [str(i) for i in range(1, len(columns) + 1)]
    view.head_html = markup.head(view.header, view.number_row)
    if spec.split_codes:
        view.colgroup_html = markup.colgroup(columns)
    view.body_html = markup.body(view.rows)
    published = notes.get(spec.title) or notes.get(spec.toc)
    if published:
        view.notes.append(published)
    else:
        if spec.note:
            view.notes.append(spec.note)
        if view.empty and spec.empty_note:
            view.notes.append(_fill(spec.empty_note, org=org, year=year, title=spec.title,
                                    subject=spec.options.get("subject", spec.title)))
    return view


# Relations read both here and by the narrative generator (budgets.narrative.Facts reads
# budget.narrative, budget.personnel and budget.prior_figures, and counts
# budget.project_forms): prefetched once onto the budget, they cost one query each instead of
# two.
SHARED_RELATIONS = ("narrative", "personnel", "project_forms", "prior_figures")


def _prefetch_shared(budget):
    project_forms = Prefetch("project_forms", queryset=m.ProjectForm.objects.order_by(
        "position", "pk").prefetch_related("lines", "recent_spending", "measurements",
                                           "procurements"))
    personnel = Prefetch("personnel", queryset=m.PersonnelCount.objects.order_by(
        "position", "pk"))
    # Always fresh: a budget object built once and rendered again must not show stale rows.
    cached = getattr(budget, "_prefetched_objects_cache", {})
    for name in SHARED_RELATIONS:
        cached.pop(name, None)
    prefetch_related_objects([budget], "narrative", personnel, project_forms, "prior_figures")


class Tables(dict):
    """The statements tables by key, each computed when the layout first asks for it: a
    layout prints only some of them (None for a key statements does not compute)."""

    def __init__(self, data):
        super().__init__()
        self.data = data

    def __missing__(self, key):
        value = self[key] = self.data.table(key) if key in statements.TABLES else None
        return value


def load(budget):
    """Everything the document prints, in a fixed number of queries."""
    _prefetch_shared(budget)
    data = statements.BudgetData(budget)
    computed = Tables(data)
    indicators = Prefetch("indicators", queryset=m.PerformanceIndicator.objects.order_by(
        "position", "pk"))
    goals = list(budget.performance_goals.order_by("position", "pk").prefetch_related(
        indicators))
    project_forms = list(budget.project_forms.all())
    for form in project_forms:
        form.goal_list = [g for g in goals if g.project_form_id == form.pk]
    overall = (m.OverallPerformance.objects.filter(budget=budget)
               .prefetch_related("projects").first())
    return {
        "data": data, "computed": computed, "goals": goals, "project_forms": project_forms,
        "overall": overall,
        "texts": {t.key: t.text for t in budget.narrative.all()},
        "published": list(budget.published_narrative.order_by("position", "pk")),
        "personnel": list(budget.personnel.all()),
        "priors": {(p.year, p.measure): p.amount
                   for p in budget.prior_figures.all() if p.code == ""},
    }


def document_context(budget):
    layout = layout_for(budget)
    loaded = load(budget)
    org = budget.organisation.name
    year = budget.fiscal_year.year
    data, computed = loaded["data"], loaded["computed"]
    names = {code: name for code, name in data.function_names.items() if len(code) == 3}
    notes = tables.published_notes(loaded["published"], layout.note_suffixes)

    def attachment(spec):
        if spec.kind == PERFORMANCE_OVERALL:
            if loaded["overall"] is None:
                return []
            overall_goals = [g for g in loaded["goals"] if g.project_form_id is None]
            return [forms.overall_form(spec, layout, loaded["overall"], overall_goals, computed,
                                       loaded["priors"], org, year)]
        if spec.kind == PERFORMANCE_PROJECT:
            many = len(loaded["project_forms"]) > 1 and spec.options.get("numbered")
            out = []
            for i, form in enumerate(loaded["project_forms"], start=1):
                number = f"{spec.number}-{i}" if many else spec.number
                out.append(forms.project_form(spec, form, number,
                                              flat=spec.options.get("flat_indicators", False)))
            return out
        return []

    # The 情况说明 and the 名词解释 are written by the portal from the data (hand-typed copies
    # drift); the page, the PDF and the text checks all print these generated sections.
    generated = []
    if any(p.key in (NARRATIVE, GLOSSARY) for p in layout.parts):
        generated = narrative.generate(budget, facts=narrative.Facts(budget, data=data))

    def generated_part(part):
        number = part.heading.split()[0]        # "第二部分": the generator's part
        return [s for s in generated if s.part == number]

    parts = []
    for number, part in enumerate(layout.parts, start=1):
        view = PartView(part.key, part.heading.format(year=year), f"part-{number}")
        if part.key == PROFILE:
            view.sections = text.profile_sections(part, loaded["texts"], loaded["personnel"], org)
            view.toc = [(s.heading, s.anchor) for s in view.sections]
        elif part.key == NARRATIVE:
            view.sections = text.generated_sections(generated_part(part))
            view.toc = [(s.heading, s.anchor) for s in view.sections]
            for key in part.attachments:
                view.tables += attachment(layout.table(key))
        elif part.key == TABLES:
            listed = 0
            for spec in layout.main_tables:
                listed += spec.in_toc
                if spec.kind in (PERFORMANCE_OVERALL, PERFORMANCE_PROJECT):
                    views = attachment(spec)
                else:
                    views = [table_view(spec, listed, layout, computed, data, org, year, notes,
                                        names)]
                view.tables += views
                if spec.in_toc and views:
                    view.toc.append((f"{chinese_number(listed)}、{spec.toc or spec.title}",
                                     views[0].anchor))
        elif part.key == GLOSSARY:
            view.glossary = text.glossary_entries(generated_part(part))
            view.glossary_html = markup.glossary(view.glossary)
        parts.append(view)
    return {
        "budget": budget, "layout": layout, "organisation": budget.organisation,
        "title": layout.title.format(org=org, year=year), "parts": parts,
        "revision": budget.revision, "published_at": budget.published_at,
    }
