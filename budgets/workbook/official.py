"""Reading a workbook exported by 预算管理一体化: the official tables alone, without the
standard workbook's 封面, 单位构成 and data sheets (docs/document-format.md, "Workbooks
accepted").

Sheets are recognised by name or by their title row ("2026年部门收支总表" is 表1, the longest
title found wins, so 财政拨款收支总表 is never taken for 收支总表), then read against the same
declarations as the standard workbook, headers and all. The facts come from the tables:

- organisation and units: 收入总表's rows (a code that begins another row's code is the
  department); the region, and the year and scope when no title says them, from the caller
  (the budget uploaded to, or the batch command's --region/--year);
- revenue, revenue detail rows, basic spending by economic code, 三公 and projects: as in the
  standard workbook (budgets.workbook.read_tables);
- spending by 项, unit and fund: 一般公共预算支出表 (人员/公用/项目), 政府性基金 and
  国有资本经营预算支出表 (基本/项目), and what 支出总表 has beyond those three for other funds.

Defaults where no table says it (none of them changes a published table): a fund table's
基本支出 is recorded as 人员经费; the other funds' spending is 单位资金, or 财政专户管理资金
when that is the only non-appropriation revenue in 收入总表. What the tables cannot give at
all (performance forms, narrative, personnel, prior-year figures) is kept from the draft the
export replaces (`keep_from`), or left empty to be filled in the admin. A department with
several units needs the standard workbook: 一体化's tables do not split spending by unit and
function.
"""

import re
from decimal import Decimal

from budgets import models as m

from . import layout as L
from . import read_tables
from .sheets import norm, to_code, to_text

# What an 一体化 export must contain, and what each is called there.
NEEDED = (L.OVERVIEW, L.INCOME, L.EXPENDITURE, L.GENERAL_BUDGET, L.BASIC, L.THREE_PUBLIC,
          L.GOV_FUND, L.SOE_CAPITAL, L.PROJECTS)
FUND_TABLES = {"general_budget": m.Fund.GENERAL_BUDGET, "gov_fund": m.Fund.GOV_FUND,
               "soe_capital": m.Fund.SOE_CAPITAL}
YEAR = re.compile(r"(20\d\d)\s*年")
NUMBERED = re.compile(r"^表\s*[\d一二三四五六七八九十]+(-\d+)?")
MISSING = ("缺少“{title}”：预算管理一体化导出的工作簿应包含公开表 {names}；"
           "请从一体化系统重新导出全部公开表，或使用本系统的标准工作簿")
NO_REGION = ("预算管理一体化导出的工作簿不含区划代码：请在要导入的预算页面上传，"
             "或在导入命令中用 --region 指定区划代码")
NO_YEAR = ("预算管理一体化导出的工作簿的表名中没有预算年度（如“2026年部门收支总表”）："
           "请在要导入的预算页面上传，或在导入命令中用 --year 指定年度")
SEVERAL_UNITS = ("收入总表列有 {count} 个单位（{codes}）：一体化导出的公开表不按单位分列各功能"
                 "科目的支出，无法导入多单位的部门预算；请使用本系统的标准工作簿，"
                 "在“支出明细”表中按单位填列")
ZERO = Decimal(0)
SOURCE = "一体化"   # doc["source"] of a document read from an export
SINGLE_PARTS = ("overall_performance", "procurement", "assets")
NOT_IN_TABLES = ("project_economic", "project_forms", "personnel", "prior_year", "narrative",
                 "published_narrative", "glossary", *SINGLE_PARTS)
SHORT_LABELS = (("personnel", "基本支出"), ("project", "项目支出"))   # 表3 columns, as remainders


def _title_key(text):
    return NUMBERED.sub("", norm(text))


def recognise(workbook):
    """{standard sheet name: the workbook's sheet name} for the official tables, and the
    titles read, or None when this is not an official-only workbook (it has a 封面)."""
    names = {norm(n): n for n in workbook.sheetnames}
    if norm(L.COVER.name) in names:
        return None
    titles = sorted(((s, norm(s.title)) for s, _ in L.OFFICIAL_TABLES),
                    key=lambda pair: -len(pair[1]))
    found, seen_titles = {}, []
    for actual in workbook.sheetnames:
        if norm(actual) in {norm(s.name) for s, _ in L.OFFICIAL_TABLES}:
            sheet = next(s for s, _ in L.OFFICIAL_TABLES if norm(s.name) == norm(actual))
            found.setdefault(sheet.name, actual)
            continue
        first = next(workbook[actual].iter_rows(max_row=1, values_only=True), ())
        title = next((to_text(v) for v in first if v not in (None, "")), "")
        seen_titles.append(title)
        for key in (_title_key(title), _title_key(actual)):
            sheet = next((s for s, t in titles if t and t in key), None)
            if sheet is not None:
                found.setdefault(sheet.name, actual)
                break
    if len(found) < 3:   # not a set of official tables: the standard reader says what is amiss
        return None
    return found, seen_titles


def _organisation(ctx, reader):
    rows = [(to_code(r.raw("code")), to_text(r.raw("name")).strip()) for r in reader.rows]
    rows = [(c, n) for c, n in rows if c]
    codes = [c for c, _ in rows]
    departments = {c for c in codes if any(o != c and o.startswith(c) for o in codes)}
    units = [(c, n) for c, n in rows if c not in departments]
    ctx.departments = departments
    for code, name in rows:
        ctx.unit_names.setdefault(norm(name), code)
    parent = next(({"code": c, "name": n, "kind": "department"} for c, n in rows
                   if c in departments), None)
    if len(units) > 1:
        ctx.problems.add(f"{reader.sheet.name}", SEVERAL_UNITS.format(
            count=len(units), codes="、".join(c for c, _ in units)))
    if not units:
        ctx.problems.add(f"{reader.sheet.name}", "收入总表中没有带代码的单位行；"
                                                 "请从一体化系统重新导出收入总表")
        return {}, []
    code, name = units[0]
    org = {"code": code, "name": name, "kind": "unit"}
    if parent:
        org["parent"] = parent
    return org, [{"code": code, "name": name, "kind": "unit"}]


def _fund_of_others(doc):
    """单位资金, or 财政专户管理资金 when that is all the non-appropriation revenue there is."""
    others = {r["source"] for r in doc.get("revenue") or ()
              if r["source"] not in FUND_TABLES.values() and Decimal(r["amount"])}
    return m.Fund.FISCAL_SPECIAL if others == {m.Source.FISCAL_SPECIAL} else m.Fund.UNIT_FUNDS


def _leaves(printed):
    """{table: {项 code: {column: 元}}} of the function tables, and each 表3 row's code cell."""
    leaves, wheres = {}, {}
    for f in printed.figures:
        if f.table in ("expenditure", *FUND_TABLES) and len(f.row) == 7 and f.row.isdigit():
            leaves.setdefault(f.table, {}).setdefault(f.row, {})[f.column] = f.value
    for table, code, _, where in printed.tree_rows:
        wheres.setdefault((table, code), where)
    return leaves, wheres


def _money(value):
    return f"{value:.2f}"


def expenditure(ctx, doc, unit):
    leaves, wheres = _leaves(ctx.printed)
    items, total = [], leaves.get("expenditure", {})
    for table, fund in FUND_TABLES.items():
        for code, values in leaves.get(table, {}).items():
            if code not in total:
                ctx.problems.add(wheres.get((table, code), ""),
                                 f"科目 {code} 列在本表，却不在支出总表中；支出总表应列出全部支出")
            if fund == m.Fund.GENERAL_BUDGET:
                split = {"personnel": values.get("personnel", ZERO),
                         "public": values.get("public", ZERO)}
            else:
                split = {"personnel": values.get("basic", ZERO), "public": ZERO}
            split["project"] = values.get("project", ZERO)
            if any(split.values()):
                items.append({"unit": unit, "fund": fund, "function": code,
                              "_where": wheres.get((table, code), ""),
                              **{k: _money(v) for k, v in split.items()}})
    others = _fund_of_others(doc)
    for code, values in total.items():
        rest = {"personnel": values.get("basic", ZERO), "public": ZERO,
                "project": values.get("project", ZERO)}
        for table in FUND_TABLES:
            fund_values = leaves.get(table, {}).get(code, {})
            rest["personnel"] -= fund_values.get("basic", ZERO)
            rest["project"] -= fund_values.get("project", ZERO)
        for key in ("operating", "remit", "subsidy"):
            rest[key] = values.get(key, ZERO)
        where = wheres.get(("expenditure", code), "")
        short = "、".join(label for key, label in SHORT_LABELS if rest[key] < 0)
        if short:
            ctx.problems.add(where, f"支出总表科目 {code} 的{short}小于一般公共预算、"
                                    "政府性基金和国有资本经营预算支出表同一科目之和；请核对各表")
            continue
        if any(rest.values()):
            items.append({"unit": unit, "fund": others, "function": code, "_where": where,
                          **{k: _money(v) for k, v in rest.items()}})
    return items


def _year(titles, defaults):
    for title in titles:
        match = YEAR.search(norm(title))
        if match:
            return int(match.group(1))
    return defaults.get("year")


def read(ctx, recognised, defaults):
    """The budget document of an official-only workbook; problems go to ctx.problems."""
    found, titles = recognised
    ctx.aliases = found
    missing = [s for s in NEEDED if s.name not in found]
    for sheet in missing:
        ctx.problems.add(sheet.name, MISSING.format(
            title=sheet.title, names="、".join(f"“{s.title}”" for s in NEEDED)))
    if missing:
        return {}
    income = ctx.sheet(L.INCOME)
    org, units = _organisation(ctx, income) if income is not None else ({}, [])
    year = _year(titles, defaults)
    if not defaults.get("region"):
        ctx.problems.add("", NO_REGION)
    if not year:
        ctx.problems.add("", NO_YEAR)
    doc = {"format": 1, "region": defaults.get("region") or {}, "year": year,
           "scope": defaults.get("scope") or (m.Scope.DEPARTMENT if org.get("parent") is None
                                              else m.Scope.UNIT),
           "layout": defaults.get("layout") or "", "organisation": org,
           "units": units,
           "running_cost_applicable": True}
    doc.update(read_tables.read(ctx))
    doc["expenditure"] = expenditure(ctx, doc, org.get("code", ""))
    # Not in the official tables: kept from the draft replaced, or entered in the admin.
    doc.update({key: [] for key in NOT_IN_TABLES if key not in SINGLE_PARTS})
    doc["source"] = SOURCE
    return doc


def keep_from(doc, current):
    """An export replacing a draft keeps what the official tables cannot carry from it
    (performance forms, narrative …) rather than wiping it; `current` is the draft's document."""
    if doc.get("source") != SOURCE:
        return doc
    for key in NOT_IN_TABLES:
        if current.get(key):
            doc[key] = current[key]
    return doc
