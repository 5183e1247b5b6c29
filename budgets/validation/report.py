"""The validation report as a workbook an officer can work from: a first sheet listing every
problem (severity, rule, cell, message, expected, found) linked to its cell, then the
uploaded workbook itself with each offending cell marked and the message beside it (a cell
comment). Nothing from the upload can run as a formula in the report: every formula the
uploaded file holds becomes text, and listed text is written as text."""

import re
from io import BytesIO

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import quote_sheetname

from budgets.workbook.xlsx import FORMULA_STARTS

WHERE = re.compile(r"^(?P<sheet>.+)!(?P<cell>[A-Z]{1,3}[1-9]\d{0,6})$")
FATAL_FILL = PatternFill("solid", fgColor="F4B6B6")
WARNING_FILL = PatternFill("solid", fgColor="FCE8A6")
HEADER = ("类别", "规则", "位置", "问题", "应为", "实际为")
REPORT_SHEET = "校验报告"


def _text(cell, value):
    cell.value = str(value)
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def _defuse(workbook):
    """Formulas of the uploaded file become text: the report must be safe to open."""
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    _text(cell, cell.value)


def report_workbook(problems, data=None):
    """The report (.xlsx bytes). `problems`: Issue-like objects or their dicts; `data`: the
    uploaded file, when it could be opened."""
    items = [p if isinstance(p, dict) else p.as_dict() for p in problems]
    workbook = None
    if data:
        try:
            workbook = load_workbook(BytesIO(data))
        except Exception:   # a file that could not be read is reported without its copy
            workbook = None
    if workbook is None:
        workbook = Workbook()
        workbook.remove(workbook.active)
    else:
        _defuse(workbook)
    sheet = workbook.create_sheet(REPORT_SHEET, 0)
    workbook.active = 0
    for j, header in enumerate(HEADER, 1):
        _text(sheet.cell(1, j), header)
        sheet.cell(1, j).font = Font(bold=True)
    for width, letter in zip((8, 8, 26, 70, 24, 24), "ABCDEF", strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    for i, item in enumerate(items, 2):
        values = ("错误" if item.get("fatal", True) else "提示", item.get("code", ""),
                  item.get("where", ""), item.get("message", ""), item.get("expected", ""),
                  item.get("found", ""))
        for j, value in enumerate(values, 1):
            cell = sheet.cell(i, j)
            if value:
                _text(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(i, 1).fill = FATAL_FILL if item.get("fatal", True) else WARNING_FILL
        _mark(workbook, sheet.cell(i, 3), item)
    if not items:
        _text(sheet.cell(2, 4), "未发现问题")
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def _mark(workbook, link_cell, item):
    match = WHERE.match(item.get("where", ""))
    if not match or match["sheet"] not in workbook.sheetnames or match["sheet"] == REPORT_SHEET:
        return
    ws = workbook[match["sheet"]]
    cell = ws[match["cell"]]
    if isinstance(cell, MergedCell):   # inside a merged range: mark its top-left cell
        anchor = next((r for r in ws.merged_cells.ranges if match["cell"] in r), None)
        if anchor is None:
            return
        cell = ws.cell(anchor.min_row, anchor.min_col)
    cell.fill = FATAL_FILL if item.get("fatal", True) else WARNING_FILL
    text = f"[{item.get('code', '')}] {item.get('message', '')}"
    if cell.comment is not None:
        text = f"{cell.comment.text}\n{text}"
    cell.comment = Comment(text[:30000], "预算公开系统", width=360, height=160)
    link_cell.hyperlink = f"#{quote_sheetname(match['sheet'])}!{match['cell']}"
    link_cell.font = Font(color="0563C1", underline="single")
