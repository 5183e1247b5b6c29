"""Reading the data sheets of the standard workbook: what the official tables cannot carry
exactly (expenditure by unit, fund and 项; the project forms; performance; the facts behind
the narrative). The reader takes them as the source of truth."""

from . import layout as L
from .sheets import to_text


def _rows(ctx, sheet):
    reader = ctx.sheet(sheet)
    return reader.rows if reader else []


def _required(ctx, row, item, keys):
    """A Problem for each required cell left blank (a bad value has its own); True when all
    are there."""
    ok = True
    for key in keys:
        if item.get(key) in (None, ""):
            if not to_text(row.raw(key)).strip():
                column = L.column(row.reader.sheet, key)
                ctx.problems.add(row.where(key), f"“{column.label}”不能为空")
            ok = False
    return ok


def _items(ctx, sheet, required=()):
    items = []
    for row in _rows(ctx, sheet):
        item = row.item()
        if _required(ctx, row, item, required):
            item["_where"] = row.where()
            items.append((row, item))
    return items


def _plain(items):
    return [{k: v for k, v in item.items() if k != "_where"} for _, item in items]


def expenditure(ctx):
    items = []
    for row, item in _items(ctx, L.EXPENDITURE_DETAIL, ("unit", "fund", "function")):
        item["_where"] = row.where("function")
        items.append(item)
    ctx.unique(items, ("unit", "fund", "function"), "单位、资金性质和科目")
    return items


def project_economic(ctx):
    items = [item for _, item in _items(ctx, L.PROJECT_ECONOMIC, ("fund", "economic"))]
    ctx.unique(items, ("fund", "economic"), "资金性质和经济分类科目")
    return items


def _form_number(ctx, row, item, forms):
    number = item.pop("form")
    if number not in forms:
        ctx.problems.add(row.where("form"), f"表序号“{number}”在“{L.PROJECT_FORMS.name}”中不存在")
        return None
    return forms[number]


def project_forms(ctx):
    forms = {}
    for row, item in _items(ctx, L.PROJECT_FORMS, ("number", "name")):
        number = item.pop("number")
        if number in forms:
            ctx.problems.add(row.where("number"), f"序号“{number}”重复")
            continue
        separated = item["projects"].replace(";", L.PROJECT_SEPARATOR)
        item["projects"] = [p.strip() for p in separated.split(L.PROJECT_SEPARATOR) if p.strip()]
        forms[number] = {**item, "recent_spending": [], "funding_lines": [], "detail_lines": [],
                         "measurements": [], "procurements": [], "goals": []}
    for row, item in _items(ctx, L.FORM_LINES, ("form", "kind", "label")):
        form = _form_number(ctx, row, item, forms)
        if form is not None:
            form[item.pop("kind")].append({"label": item["label"], "amount": item["amount"]})
    for sheet, key, required in ((L.RECENT_SPENDING, "recent_spending", ("form", "year")),
                                 (L.MEASUREMENTS, "measurements", ("form",)),
                                 (L.PROCUREMENTS, "procurements", ("form", "item"))):
        for row, item in _items(ctx, sheet, required):
            form = _form_number(ctx, row, item, forms)
            if form is not None:
                if sheet is not L.MEASUREMENTS:   # measurement lines keep theirs for validation
                    item.pop("_where")
                form[key].append(item)
    return forms


def performance(ctx, forms):
    """The overall form and the goals of every form, with their indicators."""
    fields = ctx.pairs(L.OVERALL, L.OVERALL_FIELDS) or {}
    projects = _plain(_items(ctx, L.OVERALL_PROJECTS, ("name",)))
    overall_goals, goals = [], {}
    for row, item in _items(ctx, L.GOALS, ("number", "owner", "term")):
        number, owner = item.pop("number"), item.pop("owner").strip()
        goal = {"term": item["term"], "label": item["label"], "text": item["text"],
                "indicators": []}
        if number in goals:
            ctx.problems.add(row.where("number"), f"目标序号“{number}”重复")
            continue
        if owner == L.OVERALL_OWNER:
            overall_goals.append(goal)
        elif owner.isdigit() and int(owner) in forms:
            forms[int(owner)]["goals"].append(goal)
        else:
            ctx.problems.add(row.where("owner"), f"“所属”应为“{L.OVERALL_OWNER}”或"
                                                 f"“{L.PROJECT_FORMS.name}”中的序号，实际为“{owner}”")
            continue
        goals[number] = goal
    for row, item in _items(ctx, L.INDICATORS, ("goal",)):
        number = item.pop("goal")
        goal = goals.get(number)
        if goal is None:
            ctx.problems.add(row.where("goal"), f"目标序号“{number}”在“{L.GOALS.name}”中不存在")
            continue
        item.pop("_where")
        goal["indicators"].append(item)
    stated = any(v not in (None, "") for v in fields.values())
    if not (stated or projects or overall_goals):
        return None
    return {**{f.key: fields.get(f.key, "") for f in L.OVERALL_FIELDS},
            "projects": projects, "goals": overall_goals}


def facts(ctx):
    values = ctx.pairs(L.FACTS, L.FACT_FIELDS) or {}
    result = {}
    for group in ("procurement", "assets"):
        fields = [f.key for f in L.FACT_FIELDS if f.key.startswith(group + ".")]
        stated = {key.split(".")[1]: values.get(key) for key in fields}
        if all(v is None for v in stated.values()):
            result[group] = None
        elif group == "procurement":
            result[group] = {k: v or "0.00" for k, v in stated.items()}
        else:
            result[group] = stated
    return result


def read(ctx):
    forms = project_forms(ctx)
    overall = performance(ctx, forms)
    personnel = _items(ctx, L.PERSONNEL, ("category", "count"))
    ctx.unique([item for _, item in personnel], ("category", "kind"), "人员类别")
    prior = _items(ctx, L.PRIOR_YEAR, ("year", "measure"))
    ctx.unique([item for _, item in prior], ("year", "measure", "code"), "以前年度数")
    narrative = _items(ctx, L.NARRATIVE, ("key",))
    ctx.unique([item for _, item in narrative], ("key",), "栏目")
    return {
        "expenditure": expenditure(ctx),
        "project_economic": project_economic(ctx),
        "project_forms": list(forms.values()),
        "overall_performance": overall,
        "personnel": _plain(personnel),
        **facts(ctx),
        "prior_year": _plain(prior),
        "narrative": _plain(narrative),
        "published_narrative": _plain(_items(ctx, L.PUBLISHED, ("section",))),
        "glossary": _plain(_items(ctx, L.GLOSSARY, ("term",))),
    }
