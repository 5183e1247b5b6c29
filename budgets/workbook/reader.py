"""Reading the standard workbook (.xlsx) back into a budget document.

`read_workbook` checks the file before openpyxl parses it (an .xls, an encrypted workbook, a
damaged zip each get their own message), then reads every sheet against its declaration in
`layout`. Everything wrong is collected and raised at once as ImportFailed, each Problem
naming "<sheet>!<cell>" and saying what was expected. Items of the document's lists carry
"_where" (the cell they came from) for the messages of `save_document`.

What comes from where: the cover and 单位构成; revenue from 表2's unit rows, revenue_details
from 表1's sub-rows, basic_expenditure from 表6's 款 rows, three_public from 表7, projects
from 表10; everything else from the data sheets (read_data). The other official tables are
computed from those facts: their figures are checked for being numbers, nothing more.
"""

import re
import zipfile
from io import BytesIO
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from openpyxl import load_workbook
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.xml import DEFUSEDXML

from budgets.importing.errors import ImportFailed, Problem

from . import layout as L
from . import official, read_data, read_tables
from .printed import Printed
from .sheets import Problems, SheetReader, norm, to_text

NOT_XLSX = "文件不是 Excel 2007 及以上（.xlsx）格式；如为 .xls，请在 Excel 中另存为 .xlsx 后上传"
ENCRYPTED = ("文件设置了打开密码（已加密），系统无法读取；请在 Excel 中取消密码"
             "（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后重新上传")
CORRUPT = "文件已损坏，无法作为 .xlsx 打开；请在 Excel 中打开并另存为 .xlsx 后重新上传"
TOO_LARGE = "文件解压后超过 {limit} MB，不是预算公开工作簿；请检查是否选错了文件"
EMPTY = "文件是空的；请重新选择文件上传"

ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # .xls, and encrypted .xlsx
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
MAX_UNPACKED_MB = 200
MAX_MEMBERS = 5000


def _data(file_or_bytes):
    if isinstance(file_or_bytes, (bytes, bytearray, memoryview)):
        return bytes(file_or_bytes)
    if isinstance(file_or_bytes, (str, Path)):
        return Path(file_or_bytes).read_bytes()
    if hasattr(file_or_bytes, "seek"):
        file_or_bytes.seek(0)
    return file_or_bytes.read()


def _fail(message):
    raise ImportFailed([Problem("", message)])


def _open(data):
    if not DEFUSEDXML:   # without defusedxml, openpyxl would expand XML entities
        raise ImproperlyConfigured("defusedxml 未安装：为防止 XML 实体攻击，拒绝读取上传的工作簿")
    if not data:
        _fail(EMPTY)
    if data.startswith(OLE_SIGNATURE):
        _fail(ENCRYPTED if ENCRYPTION_STREAM in data else NOT_XLSX)
    if not data.startswith(ZIP_SIGNATURES):
        _fail(NOT_XLSX)
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
            names = {m.filename for m in members}
    except (zipfile.BadZipFile, OSError, ValueError):
        _fail(CORRUPT)
    if len(members) > MAX_MEMBERS or \
            sum(m.file_size for m in members) > MAX_UNPACKED_MB * 1024 * 1024:
        _fail(TOO_LARGE.format(limit=MAX_UNPACKED_MB))
    if "[Content_Types].xml" not in names:
        _fail(NOT_XLSX)
    try:
        # Formulas are read as formulas, not as cached values (openpyxl-written files have
        # none, so a formula would read as blank): an amount cell with one is refused.
        return load_workbook(BytesIO(data), read_only=True, data_only=False)
    except Exception:   # openpyxl raises many kinds of errors on damaged parts
        _fail(CORRUPT)


MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3}\d+):([A-Z]{1,3}\d+)"')


def merged_ranges(ws):
    """(first row, first col, last row, last col) of each merged range of a read-only sheet
    (openpyxl's read-only mode does not report them). The part was read once already and its
    size is bounded by _open's limits."""
    try:
        raw = ws.parent._archive.read(ws._worksheet_path)
    except (AttributeError, KeyError, OSError):
        return []
    ranges = []
    for first, last in MERGE_CELL.findall(raw):
        (c1, r1), (c2, r2) = (coordinate_from_string(x.decode()) for x in (first, last))
        ranges.append((r1, column_index_from_string(c1), r2, column_index_from_string(c2)))
    return ranges


class Context:
    """The open workbook, the problems found so far, and what later sheets need to know."""

    def __init__(self, workbook, problems):
        self.workbook, self.problems = workbook, problems
        self.departments, self.unit_names, self.invalid = set(), {}, set()
        self.printed = Printed()
        self.aliases = {}    # standard sheet name → the workbook's (an 一体化 export's)
        self.readers = {}    # sheets read so far: each is parsed once

    def sheet(self, sheet):
        """The SheetReader of a sheet, or None (with a Problem if the sheet is needed)."""
        if sheet.name not in self.readers:
            self.readers[sheet.name] = self._sheet(sheet)
        return self.readers[sheet.name]

    def _sheet(self, sheet):
        names = {norm(n): n for n in self.workbook.sheetnames}
        name = self.aliases.get(sheet.name) or names.get(norm(sheet.name))
        if name is None:
            if sheet.required:
                self.problems.add(sheet.name, f"缺少工作表“{sheet.name}”。标准工作簿应包含："
                                  + "、".join(s.name for s in L.SHEETS if s.required)
                                  + "；请在系统导出的工作簿上填写，不要删除或改名工作表")
            return None
        ws = self.workbook[name]
        ws.reset_dimensions()   # the stored dimension may be wrong; read what is there
        try:
            rows = list(ws.iter_rows(values_only=True))
        except Exception:   # a damaged or hostile sheet part (parsed only now, lazily)
            self.problems.add(sheet.name, f"工作表“{sheet.name}”已损坏，无法读取；"
                                          "请在 Excel 中打开并另存为 .xlsx 后重新上传")
            return None
        reader = SheetReader(sheet, rows, self.problems, merged_ranges(ws))
        if reader.ok:
            self.printed.multipliers[sheet.name] = reader.multiplier
        return reader if reader.ok else None

    def pairs(self, sheet, fields):
        """A 项目/内容 sheet as {field key: value}; absent rows are missing from the dict."""
        reader = self.sheet(sheet)
        if reader is None:
            return None
        by_label = {norm(f.header[0]): f for f in fields}
        values = {}
        for row in reader.rows:
            label = to_text(row.raw("label")).strip()
            field = by_label.get(norm(label))
            if field is None:
                self.problems.add(row.where("label"), (f"“{label}”不是本表的项目；" if label
                                                       else "“项目”列不能为空；")
                                  + "应为 " + "、".join(f"“{f.header[0]}”" for f in fields))
                continue
            found = len(self.problems.items)
            values[field.key] = row.get("value", field)
            if len(self.problems.items) > found:
                self.invalid.add(field.key)   # already reported: not "missing" as well
        return values

    def unique(self, items, keys, what):
        """A Problem for each item repeating an earlier one (the database keeps one)."""
        seen = set()
        for item in items:
            key = tuple(item.get(k) for k in keys)
            if key in seen:
                self.problems.add(item.get("_where", ""), f"{what}“{'、'.join(map(str, key))}”重复"
                                  "，每项只能填一行")
            seen.add(key)


def _nested(values, key):
    parts = key.split(".")
    target = values
    for part in parts[:-1]:
        target = target.setdefault(part, {})
    return target, parts[-1]


def _cover(ctx):
    values = ctx.pairs(L.COVER, L.COVER_FIELDS)
    if values is None:
        return {}
    doc = {}
    for field in L.COVER_FIELDS:
        value = values.get(field.key)
        if value in (None, "") and not field.optional and field.key not in ctx.invalid:
            ctx.problems.add(L.COVER.name, f"封面缺少“{field.header[0]}”，请填写")
        target, key = _nested(doc, field.key)
        target[key] = value
    for owner in (doc.get("region", {}), doc.get("organisation", {})):
        parent = owner.get("parent") or {}
        if parent.get("code"):
            owner["parent"] = {"code": parent["code"], "name": parent.get("name") or ""}
        else:
            owner.pop("parent", None)
    org = doc.get("organisation", {})
    org["kind"] = org.get("kind") or "unit"
    if "parent" in org:
        org["parent"]["kind"] = "department"
    doc["format"] = doc.get("format") or 1
    if doc["format"] != 1:
        ctx.problems.add(L.COVER.name, f"格式版本 {doc['format']} 不受支持；"
                                       "请使用本系统导出的工作簿（格式版本 1）")
    doc["layout"] = doc.get("layout") or ""
    rc = doc.get("running_cost_applicable")
    doc["running_cost_applicable"] = True if rc in (None, "") else rc
    return doc


def _units(ctx, doc):
    reader = ctx.sheet(L.UNITS)
    units, wheres = [], []
    for row in reader.rows if reader else ():
        unit = row.item()
        if not unit["code"] or not unit["name"]:
            ctx.problems.add(row.where(), "每个单位应填单位代码和单位名称")
            continue
        unit["kind"] = unit["kind"] or "unit"
        units.append(unit)
        wheres.append(row.where())
    ctx.unique([{**u, "_where": w} for u, w in zip(units, wheres, strict=True)], ("code",),
               "单位代码")
    org = doc.get("organisation") or {}
    for entry in (org, org.get("parent") or {}, *units):
        if entry.get("code"):
            ctx.unit_names.setdefault(norm(entry.get("name")), entry["code"])
            if entry.get("kind") == "department":
                ctx.departments.add(entry["code"])
    return units


def _read(ctx, defaults):
    recognised = official.recognise(ctx.workbook)
    if recognised is not None:   # an 预算管理一体化 export: the official tables alone
        doc = official.read(ctx, recognised, defaults or {})
    else:
        doc = _standard(ctx)
    order = ("format", "region", "year", "scope", "layout", "organisation", "units", "revenue",
             "revenue_details", "expenditure", "basic_expenditure", "three_public",
             "gov_fund_three_public", "projects", "project_economic", "project_forms",
             "overall_performance", "personnel", "procurement", "running_cost_applicable",
             "assets", "prior_year", "narrative", "published_narrative", "glossary")
    result = {key: doc.get(key) for key in order}
    if "source" in doc:
        result["source"] = doc["source"]   # an export: see official.keep_from
    return result


def _standard(ctx):
    doc = _cover(ctx)
    doc["units"] = _units(ctx, doc)
    doc.update(read_tables.read(ctx))
    doc.update(read_data.read(ctx))
    return doc


def read_workbook_printed(file_or_bytes, defaults=None):
    """(document, Printed): the budget document in a standard workbook and the figures it
    prints for computed rows, for budgets.validation.check_workbook. Raises ImportFailed
    listing every problem. Accepts the file's bytes, a path, or a file object (an upload).
    `defaults` (region, year, scope, layout) complete a workbook exported by 预算管理一体化,
    which carries no cover: the budget it is uploaded to, or the batch command's options."""
    workbook = _open(_data(file_or_bytes))
    problems = Problems()
    ctx = Context(workbook, problems)
    try:
        doc = _read(ctx, defaults)
    finally:
        workbook.close()
    if problems:
        raise ImportFailed(problems.items)
    return doc, ctx.printed


def read_workbook(file_or_bytes, defaults=None) -> dict:
    """The budget document in a standard workbook; raises ImportFailed listing every problem."""
    return read_workbook_printed(file_or_bytes, defaults)[0]
