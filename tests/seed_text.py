"""Reading the published figures out of the seed texts in ../shared/seeds.

The seeds are PDF conversions: tables are tab-separated lines under a title line, with
Markdown and HTML debris. This module finds each standard table by its printed title and
returns its printed figures as (table, row key, column) → value in 万元, so tests can compare
them with the figures the portal computes. It knows the printed layouts, not the data.
"""

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from budgets.models import Source

SEED_DIR = Path(settings.BASE_DIR).parent / "shared" / "seeds"

TITLES = {
    "收支总表": "overview", "单位收支总表": "overview",
    "收入总表": "income", "单位收入总表": "income",
    "支出总表": "expenditure", "单位支出总表": "expenditure",
    "财政拨款收支总表": "appropriation",
    "一般公共预算支出表": "general_budget", "一般公共预算支出表(分功能科目)": "general_budget",
    "一般公共预算支出表(分单位)": "general_budget_by_unit",
    "一般公共预算基本支出表": "basic",
    "一般公共预算“三公”经费支出表": "three_public",
    "政府性基金预算支出表": "gov_fund",
    "国有资本经营预算支出表": "soe_capital",
    "项目支出表": "projects",
}
# A table's text ends at the next title or at one of these.
END = re.compile(r"^(表\s*\d|第[一二三四]部分|.*整体支出绩效|.*名词解释)")

CODE_COLUMNS = {
    "expenditure": ("total", "basic", "project", "operating", "remit", "subsidy"),
    "general_budget": ("total", "basic", "personnel", "public", "project"),
    "general_budget_by_unit": ("total", "basic", "personnel", "public", "project"),
    "basic": ("total", "personnel", "public"),
    "gov_fund": ("total", "basic", "project"),
    "soe_capital": ("total", "basic", "project"),
}
THREE_PUBLIC_COLUMNS = ("total", "overseas", "vehicle", "vehicle_purchase", "vehicle_operation",
                        "reception")
PROJECT_COLUMNS = ("total", "current_general", "current_gov_fund", "current_soe",
                   "carryover_general", "carryover_gov_fund", "carryover_soe", "fiscal_special",
                   "unit_funds")
SOURCE_BY_LABEL = {s.label: s.value for s in Source}
REVENUE_ROWS = {
    "一般公共预算拨款收入": "general_budget", "一般公共预算拨款": "general_budget",
    "政府性基金预算拨款收入": "gov_fund", "政府性基金预算拨款": "gov_fund",
    "国有资本经营预算拨款收入": "soe_capital", "国有资本经营预算拨款": "soe_capital",
    "财政专户管理资金收入": "fiscal_special", "事业收入": "business",
    "事业单位经营收入": "operating", "上级补助收入": "superior_subsidy",
    "附属单位上缴收入": "subordinate_remit", "其他收入": "other",
}
TOTAL_ROWS = {
    "本年收入合计": "revenue_current", "本年收入": "revenue_current",
    "上年结转结余": "carryover_in", "上年结转": "carryover_in", "收入总计": "revenue_total",
    "本年支出合计": "expenditure_current", "本年支出": "expenditure_current",
    "年终结转结余": "carryover_out", "支出总计": "expenditure_total",
}
HEADING = re.compile(r"^(收入|项目|填报|单位|备注|说明)")
ORDINAL = re.compile(r"^(（[一二三四五六七八九十廿]+）|\([一二三四五六七八九十廿]+\)|"
                     r"[一二三四五六七八九十廿]+、)")


@dataclass(frozen=True)
class Figure:
    table: str
    row: str
    column: str
    value: Decimal     # 万元 as printed; a blank cell is 0
    printed: str       # the cell as printed, for messages

    def __str__(self):
        return f"{self.table} [{self.row or '合计'}] {self.column} = {self.printed or '（空）'}"


def clean(cell):
    cell = re.sub(r"</?b>|[*#]", "", cell)
    return re.sub(r"\s+", "", cell)


def amount(cell):
    text = cell.replace(",", "")
    if text == "":
        return Decimal("0")
    if re.fullmatch(r"-?\d+(\.\d+)?", text):
        return Decimal(text)
    return None


def segments(text):
    """Yield (table key, lines) for each standard table printed in the text."""
    current, lines = None, []
    for raw in text.splitlines():
        cells = [clean(c) for c in raw.split("\t")]
        title = TITLES.get(cells[0]) if not any(cells[1:]) else None
        if title or (current and END.match(cells[0])):
            if current:
                yield current, lines
            current, lines = title, []
            continue
        if current:
            lines.append(cells)
    if current:
        yield current, lines


def code_rows(table, lines, code_pattern=r"\d{3}|\d{5}|\d{7}"):
    columns = CODE_COLUMNS[table]
    for cells in lines:
        if re.fullmatch(code_pattern, cells[0]) or (cells[0] == "" and cells[1:2] == ["合计"]):
            values = cells[2:2 + len(columns)]
            values += [""] * (len(columns) - len(values))
            for column, cell in zip(columns, values, strict=True):
                yield Figure(table, cells[0], column, amount(cell), cell)


def income_rows(lines):
    header = next(c for c in lines if "小计" in c)
    labels = [c for c in header if c]
    columns, prefix = ["total"], "current"
    for label in labels:
        if label == "小计":
            columns.append("current" if len(columns) == 1 else "carryover")
            prefix = columns[-1]
        else:
            columns.append(f"{prefix}:{SOURCE_BY_LABEL[label]}")
    for cells in lines:
        if re.fullmatch(r"\d+", cells[0]) or cells[1:2] == ["合计"]:
            values = cells[2:2 + len(columns)]
            values += [""] * (len(columns) - len(values))
            for column, cell in zip(columns, values, strict=True):
                yield Figure("income", cells[0], column, amount(cell), cell)


def two_sided_rows(table, lines, class_codes):
    """收支总表 and 财政拨款收支总表: revenue ‖ expenditure, label and amount on each side."""
    source, in_carryover = None, False
    for cells in lines:
        if len(cells) < 4 or cells[1] == "预算数" or HEADING.match(cells[0]):
            continue
        for label, cell, side in ((cells[0], cells[1], "revenue"), (cells[2], cells[3], "exp")):
            value = amount(cell)
            if not label or value is None:
                continue
            name = ORDINAL.sub("", label)
            if side == "revenue" and name == "上年结转" and table == "appropriation":
                in_carryover = True
            if name in TOTAL_ROWS:
                key = TOTAL_ROWS[name]
            elif side == "revenue" and name in REVENUE_ROWS:
                source = REVENUE_ROWS[name]
                key = f"{'carryover' if in_carryover else 'revenue'}:{source}"
            elif side == "revenue":
                key = f"detail:{source}:{name}"
            elif name in class_codes:
                key = f"class:{class_codes[name]}"
            else:
                raise ValueError(f"{table}: unknown row {label!r}")
            yield Figure(table, key, "amount", value, cell)


def three_public_rows(lines):
    for cells in lines:
        values = [amount(c) for c in cells]
        if len(cells) >= 6 and any(cells) and all(v is not None for v in values[:6]):
            for column, cell in zip(THREE_PUBLIC_COLUMNS, cells[:6], strict=True):
                yield Figure("three_public", "", column, amount(cell), cell)
            return
    for column in THREE_PUBLIC_COLUMNS:       # an empty table prints no row: all zero
        yield Figure("three_public", "", column, Decimal("0"), "")


def project_rows(lines):
    header = next(c for c in lines if c and c[0] in ("项目编码", "项目分类"))
    by_code = header[0] == "项目编码"
    first_amount = 3 if by_code else 2
    for cells in lines:
        values = cells[first_amount:first_amount + len(PROJECT_COLUMNS)]
        if not values or amount(values[0]) is None or values[0] == "":
            continue
        # Rows are keyed by project code where the table prints codes, else by name.
        key = cells[0] if by_code else (f"name:{cells[1]}" if cells[1] else "")
        values += [""] * (len(PROJECT_COLUMNS) - len(values))
        for column, cell in zip(PROJECT_COLUMNS, values, strict=True):
            yield Figure("projects", key, column, amount(cell), cell)


def printed_figures(text, class_codes):
    """Every figure of every standard table the text prints."""
    for table, lines in segments(text):
        if table in ("overview", "appropriation"):
            yield from two_sided_rows(table, lines, class_codes)
        elif table == "income":
            if any("小计" in c for c in lines):
                yield from income_rows(lines)
        elif table == "three_public":
            yield from three_public_rows(lines)
        elif table == "projects":
            yield from project_rows(lines)
        elif table == "general_budget_by_unit":
            yield from code_rows(table, lines, code_pattern=r"\d{6,}")
        else:
            yield from code_rows(table, lines)


def printed_names(text):
    """(table, code) → name for every code row printed, to compare with the catalog."""
    names = {}
    for table, lines in segments(text):
        if table in CODE_COLUMNS and table != "general_budget_by_unit":
            for cells in lines:
                if re.fullmatch(r"\d{3}|\d{5}|\d{7}", cells[0]):
                    names[(table, cells[0])] = cells[1]
    return names
