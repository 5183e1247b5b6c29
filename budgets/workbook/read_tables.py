"""Reading the official tables of the standard workbook (表1–表10).

Facts come from 表1 (revenue detail sub-rows), 表2 (unit rows), 表6 (款 rows), 表7 and 表10
(project rows). Every other figure in these tables is computed (合计, 类, 款, department rows)
and so are the tables 表3, 表4, 表5, 5-2, 表8 and 表9: their cells are only checked for
being amounts; cross-checking them against the facts is validation's job.
"""

import re
from decimal import Decimal

from budgets import models as m

from . import layout as L
from . import printed as printed_figures
from .sheets import norm, to_code, to_text

ORDINAL = re.compile(r"^([一二三四五六七八九十廿卅]+、|\([一二三四五六七八九十廿卅]+\)|\d+[.、])")
TOTAL = norm("合计")


def _label_key(text):
    return ORDINAL.sub("", norm(text))


REVENUE_SOURCES = {}
for _source, _label in L.REVENUE_LABELS.items():
    for _text in (_label, m.Source(_source).label, _label.removesuffix("收入")):
        REVENUE_SOURCES.setdefault(_label_key(_text), _source)
REVENUE_TOTALS = {_label_key(t) for t in ("本年收入合计", "本年收入", "上年结转结余", "上年结转",
                                          "收入总计")}


def _check_amounts(reader):
    """That every amount cell holds an amount (Problems otherwise). Negative computed
    figures are left to validation; the fact cells were read before, without sign."""
    amounts = [c.key for c in reader.sheet.columns if c.kind == L.AMOUNT and c.key in reader.index]
    for row in reader.rows:
        for key in amounts:
            row.get(key, signed=True)


def revenue_details(ctx, reader):
    """表1's revenue side: a source row, then its detail sub-rows, until the total rows."""
    details, source = [], None
    for row in reader.rows:
        label = to_text(row.raw("revenue_label")).strip()
        key = _label_key(label)
        if key in REVENUE_TOTALS:
            break
        if not key:
            continue
        if key in REVENUE_SOURCES:
            source = REVENUE_SOURCES[key]
        elif source is None:
            ctx.problems.add(row.where("revenue_label"),
                             f"“{label}”前面没有收入来源行；收入明细行应列在其来源"
                             "（如“一、一般公共预算拨款收入”）之下")
        else:
            details.append({"source": source, "label": label,
                            "amount": row.get("revenue_amount"),
                            "_where": row.where("revenue_label")})
    ctx.unique(details, ("source", "label"), "收入明细")
    return details


def revenue(ctx, reader):
    """表2: unit rows are facts. A department row is its own revenue plus its units'; what it
    has beyond the unit rows is the department's own revenue."""
    keys = [c.key for c in L.INCOME.columns if ":" in c.key and c.key in reader.index]
    parsed = []
    for row in reader.rows:
        values = {key: Decimal(row.get(key)) for key in keys}
        code, name = to_code(row.raw("code")), to_text(row.raw("name")).strip()
        if code:
            parsed.append((row, code, values))
        elif norm(name) != TOTAL:
            ctx.problems.add(row.where("code"), f"“{name}”行缺少部门（单位）代码；"
                                                "除“合计”行外每行都应填代码")
    units = [p for p in parsed if p[1] not in ctx.departments]
    departments = [p for p in parsed if p[1] in ctx.departments]
    items = []
    for row, code, values in parsed:
        if code in ctx.departments:
            members = units if len(departments) == 1 else [u for u in units
                                                           if u[1].startswith(code)]
            values = {k: values[k] - sum((u[2][k] for u in members), Decimal(0)) for k in keys}
            if any(v < 0 for v in values.values()):
                ctx.problems.add(row.where("code"), f"部门“{code}”行的金额小于其所属单位行之和；"
                                                    "部门行应为本部门及所属单位的合计")
                continue
        for key in keys:
            if values[key]:
                kind, source = key.split(":")
                items.append({"unit": code, "source": source, "carryover": kind == "carryover",
                              "amount": f"{values[key]:f}", "_where": row.where("code")})
    ctx.unique(items, ("unit", "source", "carryover"), "单位收入")
    return items


def basic_expenditure(ctx, reader):
    """表6: the 款 rows (5-digit economic codes); 类 rows and 合计 are computed."""
    items = []
    for row in reader.rows:
        item = {"economic": to_code(row.raw("code")), "personnel": row.get("personnel"),
                "public": row.get("public"), "_where": row.where("code")}
        code = item["economic"]
        if not code:
            if norm(row.raw("name")) not in (TOTAL, ""):
                ctx.problems.add(row.where("code"), f"“{row.raw('name')}”行缺少科目编码")
        elif not code.isdigit() or len(code) not in (3, 5, 7):
            ctx.problems.add(row.where("code"), f"科目编码“{code}”应为 3 位（类）或 5 位（款）"
                                                "的经济分类科目编码")
        elif len(code) == 7:
            ctx.problems.add(row.where("code"), f"表6 按经济分类款级（5 位）科目列示，“{code}”"
                                                "是 7 位编码；请改填其所属的 5 位款级科目")
        elif len(code) == 5:
            items.append(item)
    ctx.unique(items, ("economic",), "经济分类科目")
    return items


def three_public(ctx, reader, *, optional=False):
    """表7 (a blank sheet is all zeros) or, optional, 表7-1 (a blank sheet is None)."""
    keys = ("overseas", "vehicle_purchase", "vehicle_operation", "reception")
    if not reader.rows:
        return None if optional else {key: "0.00" for key in keys}
    for row in reader.rows[1:]:
        ctx.problems.add(row.where(), "“三公”经费支出表只有一行数据；请删除多余的行")
    row = reader.rows[0]
    return {key: row.get(key) for key in keys}


def projects(ctx, reader):
    """表10: 合计, then group rows (项目分类 or parent project), each followed by its projects.
    A project row names its unit; a group row does not."""
    items, group = [], ("", "")
    amounts = m.Project.AMOUNT_FIELDS
    for i, row in enumerate(reader.rows):
        values = {k: row.get(k) for k in amounts}
        code, name = to_code(row.raw("code")), to_text(row.raw("name")).strip()
        unit_code = to_code(row.raw("unit"))
        unit_name = to_text(row.raw("unit_name")).strip()
        category, function = row.get("category"), row.get("function")
        if not unit_code and not unit_name:
            if i == 0 and not code and norm(name) == TOTAL:
                continue
            group = ("", "") if name == L.UNGROUPED and not code else (code, name)
            continue
        unit = unit_code or ctx.unit_names.get(norm(unit_name))
        if not unit:
            ctx.problems.add(row.where("unit_name"), f"项目单位“{unit_name}”不是本预算的单位；"
                                                     "请填写“单位构成”中的单位名称或项目单位代码")
            continue
        if not name:
            ctx.problems.add(row.where("name"), "项目行缺少项目名称")
        items.append({"code": code, "name": name, "unit": unit, "group_code": group[0],
                      "group_name": group[1], "category": category, "function": function,
                      **values, "_where": row.where("name")})
    return items


def read(ctx):
    doc = {"revenue": [], "revenue_details": [], "basic_expenditure": [], "projects": [],
           "three_public": {}, "gov_fund_three_public": None}
    for sheet, _ in L.OFFICIAL_TABLES:
        reader = ctx.sheet(sheet)
        if reader is None:
            continue
        if sheet is L.OVERVIEW:
            doc["revenue_details"] = revenue_details(ctx, reader)
        elif sheet is L.INCOME:
            doc["revenue"] = revenue(ctx, reader)
        elif sheet is L.BASIC:
            doc["basic_expenditure"] = basic_expenditure(ctx, reader)
        elif sheet is L.THREE_PUBLIC:
            doc["three_public"] = three_public(ctx, reader)
        elif sheet is L.GOV_FUND_THREE_PUBLIC:
            doc["gov_fund_three_public"] = three_public(ctx, reader, optional=True)
        elif sheet is L.PROJECTS:
            doc["projects"] = projects(ctx, reader)
        _check_amounts(reader)
        printed_figures.collect(ctx.printed, sheet, reader, REVENUE_SOURCES, _label_key)
    return doc
