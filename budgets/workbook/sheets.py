"""Low-level reading of one sheet: finding its header and unit line, mapping its columns by
header path, and turning cell values into document values, with a Problem naming
"<sheet>!<cell>" for anything that does not fit."""

import math
import re
import unicodedata
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from openpyxl.utils import get_column_letter

from budgets.importing.errors import Problem

from . import layout as L

CENT = Decimal("0.01")
FLOAT_NOISE = Decimal("0.000001")   # what a float sum in Excel may add (0.1 + 0.2)
ABSURD = Decimal("1000000000000")   # 1 万亿元: no unit budget; a unit or typing mistake
HEADER_SEARCH_ROWS = 20
HEADER_SEARCH_COLUMNS = 10
# Headers other systems and regions print for the same column (domain.md, "Variation").
HEADER_SYNONYMS = {
    "科目代码": "科目编码", "功能分类科目编码": "科目编码", "功能科目编码": "科目编码",
    "功能分类科目名称": "科目名称", "功能科目名称": "科目名称",
    "经济科目编码": "科目编码", "部门(单位)编码": "部门(单位)代码",
    "公务用车运行维护费": "公务用车运行费", "公务接待费用": "公务接待费",
    "因公出国(境)费用": "因公出国(境)费", "总计": "合计",
    "项目代码": "项目编码",
}
NUMBER = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
QUOTES = str.maketrans("", "", "“”‘’\"'")


def norm(text):
    """Header text compared loosely: full/half width, spaces, line breaks and quotes ignored."""
    if text is None:
        return ""
    return "".join(unicodedata.normalize("NFKC", str(text)).split()).translate(QUOTES)


def heading(text):
    """A header cell as compared with the layout, other systems' wordings mapped to ours."""
    key = norm(text)
    return HEADER_SYNONYMS.get(key, key)


def shown(value):
    """A cell value as a message quotes it."""
    text = value.isoformat() if isinstance(value, (date, datetime)) else str(value)
    return text if len(text) <= 40 else text[:40] + "…"


class Problems:
    """Problems found so far; a broken workbook does not produce thousands of them."""

    LIMIT = 200

    def __init__(self):
        self.items, self.seen = [], set()

    def add(self, where, message):
        if (where, message) in self.seen:
            return
        self.seen.add((where, message))
        if len(self.items) < self.LIMIT:
            self.items.append(Problem(where, message))
        elif len(self.items) == self.LIMIT:
            self.items.append(Problem("", "问题过多，其余未列出；请先改正以上问题"))

    def __bool__(self):
        return bool(self.items)


class Bad(ValueError):
    """A cell value that does not fit its column; the message says what was expected."""


# -- cell values -------------------------------------------------------------------------------

def to_amount(value, multiplier=1, *, signed=False):
    """Exact 元 as Decimal (None when blank). Accepts numbers, "1,347.75", full-width digits."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)):
        raise Bad("应为金额（数字）")
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            return None
        if text.startswith("="):
            raise Bad("应为金额数字，不能是公式；请在 Excel 中复制本列后“选择性粘贴 → 数值”")
        if not NUMBER.match(text):
            raise Bad("应为金额（数字，可带千分位逗号；空白视为 0）")
        amount = Decimal(text.replace(",", ""))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise Bad("应为金额（数字）")
        amount = Decimal(repr(value))   # the shortest decimal that is this float: as typed
    else:
        amount = Decimal(value)
    amount *= multiplier
    exact = amount.quantize(CENT)
    if abs(amount - exact) > FLOAT_NOISE:
        raise Bad("金额精确到分（元的两位小数）" + ("，以万元填列时最多六位小数"
                                             if multiplier != 1 else ""))
    if exact < 0 and not signed:
        raise Bad("金额不能为负数")
    if abs(exact) >= ABSURD:
        raise Bad("金额超过 1 万亿元，超出合理范围；请检查是否把万元填成了元或多填了位数")
    return exact


def to_int(value):
    if value is None:
        return None
    if isinstance(value, bool):
        raise Bad("应为整数")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFKC", value).strip()
        if not text:
            return None
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
    raise Bad("应为整数")


def to_text(value):
    """Free text, verbatim (Windows line breaks become \\n)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() \
            else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_code(value):
    return to_text(value).strip()


def to_date(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = unicodedata.normalize("NFKC", to_text(value)).strip()
    if not text:
        return ""
    match = DATE_TEXT.match(text)
    if match:
        try:
            return date(*(int(g) for g in match.groups())).isoformat()
        except ValueError:
            pass
    raise Bad("应为日期，如 2026-01-27")


def to_choice(value, column):
    text = norm(to_text(value))
    if not text:
        return ""
    for stored, label in column.choices:
        if text in (norm(label), norm(stored)):
            return stored
    labels = "、".join(f"“{label}”" for stored, label in column.choices if stored != "")
    raise Bad(f"应为{labels}之一")


def to_value(value, column, multiplier=1):
    """A cell's document value by its column's kind; raises Bad."""
    kind = column.kind
    if kind == L.AMOUNT:
        amount = to_amount(value, multiplier, signed=column.signed)
        if amount is None:
            return None if column.nullable else "0.00"
        return f"{amount:f}"
    if kind == L.INT:
        return to_int(value)
    if kind == L.DATE:
        return to_date(value)
    if kind == L.CHOICE:
        return to_choice(value, column)
    if kind == L.CODE:
        return to_code(value)
    return to_text(value)


# -- a sheet -----------------------------------------------------------------------------------

def header_paths(header_rows):
    """Column header paths from header rows: a blank cell with text below it belongs to the
    heading on its left (a merged cell); a blank cell with nothing below ends the path."""
    width = max((len(r) for r in header_rows), default=0)
    rows = [[heading(r[j]) if j < len(r) else "" for j in range(width)] for r in header_rows]
    paths = [[] for _ in range(width)]
    for level, row in enumerate(rows):
        for j, text in enumerate(row):
            if len(paths[j]) < level:
                continue   # the path ended above
            if text:
                paths[j].append(text)
            elif any(lower[j] for lower in rows[level + 1:]):
                left = paths[j - 1] if j else []
                inherited = left[level] if len(left) > level and left[:level] == paths[j] else ""
                paths[j].append(inherited)
    return [tuple(p) for p in paths]


class Row:
    def __init__(self, reader, number, values):
        self.reader, self.number, self.values = reader, number, values

    def raw(self, key):
        index = self.reader.index.get(key)
        return self.values[index] if index is not None and index < len(self.values) else None

    def where(self, key=None):
        index = self.reader.index.get(key, 0) if key else 0
        return f"{self.reader.sheet.name}!{get_column_letter(index + 1)}{self.number}"

    def get(self, key, column=None, *, signed=False):
        """The document value of a cell; on a bad value, a Problem and a harmless default.
        `column` overrides the kind (the value cells of a 项目/内容 sheet); `signed` allows
        negative amounts (computed figures, whose sign is validation's business)."""
        value = self.raw(key)
        what = f"“{column.label}”" if column else f"“{self.reader.columns[key].label}”列"
        column = column or self.reader.columns[key]
        if signed:
            column = replace(column, signed=True)
        try:
            return to_value(value, column, self.reader.multiplier)
        except Bad as bad:
            self.reader.problems.add(self.where(key), f"{what}{bad}，实际为“{shown(value)}”")
            return {L.AMOUNT: "0.00", L.INT: None}.get(column.kind, "")

    def item(self, keys=None):
        columns = self.reader.sheet.columns
        return {c.key: self.get(c.key) for c in columns if not c.computed
                and (keys is None or c.key in keys) and c.key in self.reader.index}

    def is_blank(self):
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in self.values)


class SheetReader:
    """One sheet of the workbook, read against its layout."""

    def __init__(self, sheet, rows, problems, merged=()):
        self.sheet, self.problems = sheet, problems
        self.columns = {c.key: c for c in sheet.columns}
        self.index, self.multiplier, self.rows, self.ok = {}, 1, [], False
        start = self._find_header(rows)
        if start is None:
            return
        if sheet.has_amounts and not self._find_unit(rows[:start], start):
            return
        if not self._map_columns(rows[start:start + sheet.depth], start):
            return
        self.ok = True
        first = min(self.index.values(), default=0)
        for number, values in enumerate(rows[start + sheet.depth:], start + sheet.depth + 1):
            row = Row(self, number, values)
            if row.is_blank():
                continue
            lead = norm(values[first]) if len(values) > first else ""
            if sheet.official and L.NOTE_PATTERN.match(lead):
                break
            self.rows.append(row)
        self._check_merged(merged, start + sheet.depth)

    def _check_merged(self, merged, header_end):
        """Merged cells in data rows hide figures (only the first cell keeps a value): refused
        where they cover an amount or a number; a 合计 label merged across code and name is
        harmless."""
        numeric = {j for key, j in self.index.items()
                   if self.columns[key].kind in (L.AMOUNT, L.INT)}
        for first_row, first_col, last_row, last_col in merged:
            if last_row <= header_end:
                continue
            if any(first_col - 1 <= j <= last_col - 1 for j in numeric):
                ref = (f"{get_column_letter(first_col)}{first_row}:"
                       f"{get_column_letter(last_col)}{last_row}")
                self.problems.add(f"{self.sheet.name}!{get_column_letter(first_col)}{first_row}",
                                  f"数据行中合并了单元格 {ref}，合并后只有第一个单元格保留数字；"
                                  "请取消合并单元格，每个单元格各填一个数")

    def _find_header(self, rows):
        first = norm(self.sheet.columns[0].header[0])
        for i, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
            # The header may start a few columns to the right (inserted or shifted columns).
            if values and any(heading(v) == first for v in values[:HEADER_SEARCH_COLUMNS]):
                return i
        expected = "、".join(f"“{c.label}”" for c in self.sheet.columns)
        self.problems.add(f"{self.sheet.name}!A1",
                          f"找不到表头：前 {HEADER_SEARCH_ROWS} 行中应有一行以“{first}”开头；"
                          f"本表应有的列为 {expected}。请使用系统导出的标准格式")
        return None

    def _find_unit(self, rows, start):
        for values in rows:
            for value in values:
                match = L.UNIT_PATTERN.search(norm(value).replace(":", "："))
                if match:
                    self.multiplier = 10000 if match.group(1) == "万元" else 1
                    return True
        self.problems.add(f"{self.sheet.name}!A{max(start, 1)}",
                          "找不到金额单位：表头上方应有“单位：元”或“单位：万元”")
        return False

    def _map_columns(self, header_rows, start):
        expected = {tuple(heading(h) for h in c.header): c for c in self.sheet.columns}
        ok = True
        for j, path in enumerate(header_paths(header_rows)):
            if not any(path):
                continue
            column = expected.get(path)
            where = f"{self.sheet.name}!{get_column_letter(j + 1)}{start + 1}"
            if column is None:
                self.problems.add(where, f"第 {j + 1} 列表头“{' / '.join(path)}”不是本表的列；"
                                         "本表的列为 " + "、".join(
                                             f"“{c.label}”" for c in self.sheet.columns))
                ok = False
            elif column.key in self.index:
                self.problems.add(where, f"“{column.label}”列重复")
                ok = False
            else:
                self.index[column.key] = j
        missing = [c for c in self.sheet.columns
                   if c.key not in self.index and not c.optional and not c.computed]
        if missing:
            self.problems.add(f"{self.sheet.name}!A{start + 1}", "缺少列：" + "、".join(
                f"“{c.label}”" for c in missing) + "；请使用系统导出的标准格式")
            ok = False
        return ok
