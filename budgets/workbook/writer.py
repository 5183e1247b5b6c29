"""Writing one budget as the standard workbook (.xlsx).

The official tables (表1–表10) are written from `budgets.statements`, so they show exactly
what the portal publishes; the data sheets are written from the budget document
(`budgets.exporting`), and carry what the official tables cannot hold exactly. The reader
(`budgets.workbook.reader`) turns the workbook back into the same document.
"""

from functools import cache
from io import BytesIO

from openpyxl import Workbook

from budgets import statements
from budgets.exporting import budget_to_document
from budgets.models import EconomicCode

from . import layout as L
from .xlsx import SheetWriter, register_styles

NUMERALS = "一二三四五六七八九十"


def chinese_ordinal(n):
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99)."""
    tens, ones = divmod(n, 10)
    text = ("" if tens <= 1 else NUMERALS[tens - 1]) + ("十" if tens else "")
    return text + (NUMERALS[ones - 1] if ones else "")


def _dig(data, path):
    for part in path.split("."):
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


@cache
def _labels(column):
    return dict(column.choices)


def _choice_label(column, value):
    if value is None or value == "":
        return ""
    return _labels(column).get(value, value)


def _values(sheet, item):
    """A document item as cell values: choices as their Chinese labels."""
    return {c.key: _choice_label(c, item.get(c.key)) if c.kind == L.CHOICE else item.get(c.key)
            for c in sheet.columns}


def _list_sheet(wb, sheet, items):
    writer = SheetWriter(wb, sheet)
    for item in items:
        writer.row(_values(sheet, item))


def _pair_sheet(wb, sheet, fields, data):
    writer = SheetWriter(wb, sheet)
    for field in fields:
        value = _dig(data, field.key) if data is not None else None
        if field.kind == L.CHOICE:
            value = _choice_label(field, value)
        writer.pair(field.header[0], value, field.kind)


# -- official tables ---------------------------------------------------------------------------

LEVEL_STYLE = {"total": {"bold": True}, "class": {"bold": True}, "group": {"bold": True},
               "department": {"bold": True}, "section": {"indent": 1}, "item": {"indent": 2},
               "unit": {"indent": 1}}


def _tree_sheet(wb, sheet, table, filler):
    """Code-tree and unit tables: 合计, 类 (bold), 款 and 项 (indented), or unit rows."""
    writer = SheetWriter(wb, sheet, filler=filler)
    for row in table.rows:
        writer.row({"code": row.code, "name": row.name, **{c: row[c] for c in table.columns}},
                   **LEVEL_STYLE.get(row.level, {}))
    if table.is_empty:
        writer.note(L.EMPTY_TABLE_NOTE)


def _two_sided(wb, sheet, left, right, totals, filler):
    writer = SheetWriter(wb, sheet, filler=filler)
    for i in range(max(len(left), len(right))):
        item, styles = {}, {}
        if i < len(left):
            label, amount, indent = left[i]
            item.update(revenue_label=label, revenue_amount=amount)
            styles = {"indent": indent, "indent_key": "revenue_label"}
        if i < len(right):
            item.update(expenditure_label=right[i][0], expenditure_amount=right[i][1])
        writer.row(item, **styles)
    for left_label, left_amount, right_label, right_amount in totals:
        writer.row({"revenue_label": left_label, "revenue_amount": left_amount,
                    "expenditure_label": right_label, "expenditure_amount": right_amount},
                   bold=True)


def _overview(wb, table, filler):
    rows = {r.code: r for r in table.rows}
    left, number = [], 0
    for source, label in L.REVENUE_LABELS.items():
        details = [r for r in table.rows if r.code.startswith(f"detail:{source}:")]
        amount = rows[f"revenue:{source}"]["amount"]
        if source == "unit_funds" and not amount and not details:
            continue   # 单位资金 is carryover only; the row is printed only when it is used
        number += 1
        left.append((f"{chinese_ordinal(number)}、{label}", amount, 0))
        left.extend((d.name, d["amount"], 1) for d in details)
    classes = [r for r in table.rows if r.level == "class"]
    right = [(f"{chinese_ordinal(i)}、{r.name}", r["amount"]) for i, r in enumerate(classes, 1)]
    totals = [(ll, rows[lk]["amount"], rl, rows[rk]["amount"])
              for lk, ll, rk, rl in L.OVERVIEW_TOTALS]
    _two_sided(wb, L.OVERVIEW, left, right, totals, filler)


def _appropriation(wb, table, filler):
    rows = {r.code: r for r in table.rows}
    left = [("一、本年收入", rows["revenue_current"]["amount"], 0)]
    for i, (source, label) in enumerate(L.APPROPRIATION_LABELS.items(), 1):
        left.append((f"（{chinese_ordinal(i)}）{label}", rows[f"revenue:{source}"]["amount"], 1))
        left.extend((r.name, r["amount"], 2) for r in table.rows
                    if r.code.startswith(f"detail:{source}:"))
    left.append(("二、上年结转", rows["carryover_in"]["amount"], 0))
    for i, (source, label) in enumerate(L.APPROPRIATION_LABELS.items(), 1):
        left.append((f"（{chinese_ordinal(i)}）{label}", rows[f"carryover:{source}"]["amount"], 1))
    classes = [r for r in table.rows if r.level == "class"]
    right = [("一、本年支出", rows["expenditure_current"]["amount"])]
    right += [(f"（{chinese_ordinal(i)}）{r.name}", r["amount"]) for i, r in enumerate(classes, 1)]
    right.append(("二、年终结转结余", rows["carryover_out"]["amount"]))
    totals = [("收入总计", rows["revenue_total"]["amount"],
               "支出总计", rows["expenditure_total"]["amount"])]
    _two_sided(wb, L.APPROPRIATION, left, right, totals, filler)


def _three_public(wb, sheet, table, filler, stated=True):
    writer = SheetWriter(wb, sheet, filler=filler)
    if stated:
        writer.row(table.rows[0].values)


def _projects(wb, table, doc, filler):
    writer = SheetWriter(wb, L.PROJECTS, filler=filler)
    names = {u["code"]: u["name"] for u in _organisations(doc)}
    projects = {}
    for project in doc["projects"]:
        projects.setdefault((project["code"], project["name"]), []).append(project)
    category = L.column(L.PROJECTS, "category")
    for row in table.rows:
        if row.level == "item":
            project = projects[(row.code, row.name)].pop(0)
            writer.row({"code": row.code, "name": row.name, **row.values,
                        "unit_name": names.get(project["unit"], ""), "unit": project["unit"],
                        "category": _choice_label(category, project["category"]),
                        "function": project["function"]}, indent=1)
        else:
            name = row.name if row.level == "total" or row.code or row.name else L.UNGROUPED
            writer.row({"code": row.code, "name": name, **row.values}, bold=True)
    if table.is_empty:
        writer.note(L.EMPTY_TABLE_NOTE)


def _organisations(doc):
    org = doc["organisation"]
    return [org, *([org["parent"]] if org.get("parent") else []), *doc["units"]]


def _project_rows(doc):
    """The document's projects in the order 项目支出表 prints them: grouped, groups in the
    order of their first project (as budgets.statements.projects_table)."""
    groups = {}
    for project in doc["projects"]:
        groups.setdefault((project["group_code"], project["group_name"]), []).append(project)
    return [p for members in groups.values() for p in members]


# -- data sheets -------------------------------------------------------------------------------

def _forms(wb, doc):
    forms = doc["project_forms"]
    _list_sheet(wb, L.PROJECT_FORMS, [
        {**form, "number": n, "projects": L.PROJECT_SEPARATOR.join(form["projects"])}
        for n, form in enumerate(forms, 1)])
    _list_sheet(wb, L.FORM_LINES, [
        {"form": n, "kind": kind, **line}
        for n, form in enumerate(forms, 1) for kind, _ in L.LINE_KINDS for line in form[kind]])
    for sheet, key in ((L.RECENT_SPENDING, "recent_spending"), (L.MEASUREMENTS, "measurements"),
                       (L.PROCUREMENTS, "procurements")):
        _list_sheet(wb, sheet, [{"form": n, **line}
                                for n, form in enumerate(forms, 1) for line in form[key]])


def _performance(wb, doc):
    overall = doc.get("overall_performance")
    _pair_sheet(wb, L.OVERALL, L.OVERALL_FIELDS, overall)
    _list_sheet(wb, L.OVERALL_PROJECTS, overall["projects"] if overall else [])
    owners = [(L.OVERALL_OWNER, overall["goals"] if overall else [])]
    owners += [(str(n), form["goals"]) for n, form in enumerate(doc["project_forms"], 1)]
    goals, indicators = [], []
    for owner, owned in owners:
        for goal in owned:
            number = len(goals) + 1
            goals.append({**goal, "number": number, "owner": owner})
            indicators.extend({**ind, "goal": number} for ind in goal["indicators"])
    _list_sheet(wb, L.GOALS, goals)
    _list_sheet(wb, L.INDICATORS, indicators)


def _expenditure_detail(wb, doc, function_names):
    _list_sheet(wb, L.EXPENDITURE_DETAIL, [
        {**item, "function_name": function_names.get(item["function"], "")}
        for item in doc["expenditure"]])


def _project_economic(wb, doc):
    items = doc.get("project_economic") or []
    names = dict(EconomicCode.objects.filter(
        year__year=doc["year"], code__in={i["economic"] for i in items})
        .values_list("code", "name")) if items else {}
    _list_sheet(wb, L.PROJECT_ECONOMIC, [{**item, "economic_name": names.get(item["economic"], "")}
                                         for item in items])


def write_workbook(budget) -> bytes:
    """The standard workbook of one budget, as the bytes of an .xlsx file."""
    doc = budget_to_document(budget)
    data = statements.BudgetData(budget)
    tables = {key: compute(data) for key, compute in statements.TABLES.items()}
    return _write(doc, tables, data.function_names)


def empty_document(organisation, year, scope):
    """The document of a budget with nothing entered yet: the cover and the units."""
    region = organisation.region
    doc = {"format": 1, "region": {"code": region.code, "name": region.name},
           "year": year, "scope": scope, "layout": "",
           "organisation": {"code": organisation.code, "name": organisation.name,
                            "kind": organisation.kind},
           "units": [{"code": organisation.code, "name": organisation.name,
                      "kind": organisation.kind}],
           "three_public": None, "gov_fund_three_public": None, "overall_performance": None,
           "procurement": None, "assets": None, "running_cost_applicable": True}
    if region.parent_id:
        doc["region"]["parent"] = {"code": region.parent.code, "name": region.parent.name}
    if organisation.parent_id:
        parent = organisation.parent
        doc["organisation"]["parent"] = {"code": parent.code, "name": parent.name,
                                         "kind": parent.kind}
        doc["units"].insert(0, {"code": parent.code, "name": parent.name, "kind": parent.kind})
    for key in ("revenue", "revenue_details", "expenditure", "basic_expenditure", "projects",
                "project_economic", "project_forms", "personnel", "prior_year", "narrative",
                "published_narrative", "glossary"):
        doc[key] = []
    return doc


def write_template(organisation, year, scope) -> bytes:
    """The empty standard workbook of an organisation and year: a template to fill in."""
    return write_document(empty_document(organisation, year, scope))


def write_document(doc) -> bytes:
    """The standard workbook of a budget document that is not stored (templates, test and
    benchmark workbooks); its tables are computed by budgets.statements all the same."""
    from budgets.validation.facts import document_facts

    facts = document_facts(doc, {})
    doc = {**doc, "units": list(doc["units"])}
    return _write(doc, facts.low, facts.function_names)


def _write(doc, tables, function_names):
    filler = doc["organisation"]["name"]
    doc["projects"] = _project_rows(doc)

    wb = Workbook(write_only=True)
    wb.export_errors = []
    register_styles(wb)
    _pair_sheet(wb, L.COVER, L.COVER_FIELDS, doc)
    _list_sheet(wb, L.UNITS, doc["units"])
    for sheet, key in L.OFFICIAL_TABLES:
        table = tables[key]
        if sheet is L.OVERVIEW:
            _overview(wb, table, filler)
        elif sheet is L.APPROPRIATION:
            _appropriation(wb, table, filler)
        elif sheet is L.THREE_PUBLIC:
            _three_public(wb, sheet, table, filler)
        elif sheet is L.GOV_FUND_THREE_PUBLIC:
            _three_public(wb, sheet, table, filler, doc.get("gov_fund_three_public") is not None)
        elif sheet is L.PROJECTS:
            _projects(wb, table, doc, filler)
        else:
            _tree_sheet(wb, sheet, table, filler)
    _expenditure_detail(wb, doc, function_names)
    _project_economic(wb, doc)
    _forms(wb, doc)
    _performance(wb, doc)
    _list_sheet(wb, L.PERSONNEL, doc["personnel"])
    _pair_sheet(wb, L.FACTS, L.FACT_FIELDS, doc)
    for sheet, key in ((L.PRIOR_YEAR, "prior_year"), (L.NARRATIVE, "narrative"),
                       (L.PUBLISHED, "published_narrative"), (L.GLOSSARY, "glossary")):
        _list_sheet(wb, sheet, doc[key])
    out = BytesIO()
    wb.save(out)
    if wb.export_errors:
        raise ValueError("\n".join(wb.export_errors))
    return out.getvalue()
