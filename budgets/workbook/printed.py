"""The figures a workbook prints for computed rows and columns (类/款/合计 rows, 合计 and 小计
columns, the summary tables), kept as the reader finds them so that validation can compare
them with what the facts give (budgets.validation.printed).

A Figure names its table (the budgets.statements key), its row (the statements row code:
a classification code, a unit code, "" for 合计, "revenue:<source>", "class:<code>" …, or
"label:<text>" for a class row printed by name only), its column, its value in 元 and the
cell it came from.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from . import layout as L
from .sheets import norm, to_code, to_text


@dataclass(frozen=True)
class Figure:
    table: str
    row: str
    column: str
    value: Decimal          # 元 (a 万元 sheet's figure multiplied by 10000)
    multiplier: int         # 1: the sheet is in 元; 10000: in 万元
    where: str              # "表3 支出总表!D7"
    name: str = ""          # the row's printed name
    line: int = 0           # the sheet row number (figures of one row share it)


@dataclass
class Printed:
    multipliers: dict = field(default_factory=dict)    # sheet name → 1 or 10000
    figures: list = field(default_factory=list)
    tree_rows: list = field(default_factory=list)      # (table, code, name, where) in order

    def add(self, table, row, key, reader, row_key, name=""):
        if key not in reader.index:
            return
        value = row.get(key, signed=True)
        self.figures.append(Figure(table, row_key, key, Decimal(value), reader.multiplier,
                                   row.where(key), name, row.number))


TREE_TABLES = {L.EXPENDITURE: "expenditure", L.GENERAL_BUDGET: "general_budget",
               L.BASIC: "basic", L.GOV_FUND: "gov_fund", L.SOE_CAPITAL: "soe_capital",
               L.GENERAL_BY_UNIT: "general_budget_by_unit", L.INCOME: "income"}
TOTAL = norm("合计")


def _amount_keys(reader):
    return [c.key for c in reader.sheet.columns if c.kind == L.AMOUNT and c.key in reader.index]


def _tree(printed, reader, table):
    for row in reader.rows:
        code, name = to_code(row.raw("code")), to_text(row.raw("name")).strip()
        if not code and norm(name) != TOTAL:
            continue   # reported by the reader where it matters, or a heading
        printed.tree_rows.append((table, code, name, row.where("code")))
        for key in _amount_keys(reader):
            printed.add(table, row, key, reader, code, name)


def _two_sided(printed, reader, table, revenue_sources, revenue_totals, label_key):
    """表1/表4: revenue rows by source (and, in 表4, 本年 then 上年结转), class rows by name,
    the total rows by their labels."""
    totals = {label_key(t): code for codes in L.OVERVIEW_TOTALS
              for code, t in ((codes[0], codes[1]), (codes[2], codes[3]))}
    totals.update({label_key(t): c for t, c in (
        ("本年收入", "revenue_current"), ("上年结转", "carryover_in"),
        ("本年支出", "expenditure_current"))})
    carryover = False
    for row in reader.rows:
        label = to_text(row.raw("revenue_label")).strip()
        key = label_key(label)
        code = None
        if key in totals:
            code = totals[key]
            carryover = code == "carryover_in"
        elif key in revenue_sources:
            source = revenue_sources[key]
            side = "carryover" if table == "appropriation" and carryover else "revenue"
            code = f"{side}:{source}"
        if code:
            printed.add(table, row, "revenue_amount", reader, code, label)
        label = to_text(row.raw("expenditure_label")).strip()
        key = label_key(label)
        if not key:
            continue
        code = totals.get(key) or f"label:{key}"
        printed.add(table, row, "expenditure_amount", reader, code, label)


def _projects(printed, reader):
    for i, row in enumerate(reader.rows):
        name = to_text(row.raw("name")).strip()
        row_key = "" if i == 0 and norm(name) == TOTAL else f"line:{row.number}"
        for key in _amount_keys(reader):
            printed.add("projects", row, key, reader, row_key, name)


THREE_PUBLIC_TABLES = {L.THREE_PUBLIC: "three_public",
                       L.GOV_FUND_THREE_PUBLIC: "gov_fund_three_public"}


def collect(printed, sheet, reader, revenue_sources, label_key):
    printed.multipliers[sheet.name] = reader.multiplier
    if sheet in TREE_TABLES:
        _tree(printed, reader, TREE_TABLES[sheet])
    elif sheet is L.OVERVIEW:
        _two_sided(printed, reader, "overview", revenue_sources, (), label_key)
    elif sheet is L.APPROPRIATION:
        _two_sided(printed, reader, "appropriation", revenue_sources, (), label_key)
    elif sheet in THREE_PUBLIC_TABLES and reader.rows:
        for key in _amount_keys(reader):
            printed.add(THREE_PUBLIC_TABLES[sheet], reader.rows[0], key, reader, "")
    elif sheet is L.PROJECTS:
        _projects(printed, reader)
