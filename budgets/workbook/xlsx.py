"""Low-level writing of one sheet: named styles, exact numbers, text that cannot run as a
formula, and header rows with merged cells derived from the layout's header paths.

The workbook is written in openpyxl's write-only mode: rows stream out as they are appended,
so the cost is linear in the number of cells and memory stays flat.
"""

from decimal import Decimal

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter

from . import layout as L

AMOUNT_FORMAT = "#,##0.00"
# Text starting with these may be taken for a formula by a spreadsheet program.
FORMULA_STARTS = ("=", "+", "-", "@")
MAX_CELL_TEXT = 32767   # Excel's limit; openpyxl would silently cut longer text
CENT = Decimal("0.01")

TITLE, META, UNIT, HEADER, NOTE = "wb-title", "wb-meta", "wb-unit", "wb-header", "wb-note"
BOLD, INDENT1, INDENT2 = "bold", "indent1", "indent2"


def _named_styles():
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    font, bold = Font(name="宋体", size=10), Font(name="宋体", size=10, bold=True)
    yield NamedStyle(TITLE, font=Font(name="宋体", size=16, bold=True),
                     alignment=Alignment(horizontal="center", vertical="center"))
    yield NamedStyle(META, font=font, alignment=Alignment(horizontal="left", vertical="center"))
    yield NamedStyle(NOTE, font=Font(name="宋体", size=9, color="666666"),
                     alignment=Alignment(horizontal="left", vertical="center"))
    yield NamedStyle(UNIT, font=font, alignment=Alignment(horizontal="right", vertical="center"))
    yield NamedStyle(HEADER, font=bold, border=border,
                     fill=PatternFill("solid", fgColor="DDE4EE"),
                     alignment=Alignment(horizontal="center", vertical="center", wrap_text=True))
    formats = {L.AMOUNT: AMOUNT_FORMAT, L.INT: "0", L.CODE: "@", L.DATE: "@"}
    horizontal = {L.AMOUNT: "right", L.INT: "right", L.CHOICE: "center", L.DATE: "center"}
    for kind in L.WIDTHS:
        for variant in ("", BOLD, INDENT1, INDENT2):
            yield NamedStyle(
                style_name(kind, variant), font=bold if variant == BOLD else font,
                border=border, number_format=formats.get(kind, "General"),
                alignment=Alignment(
                    horizontal=horizontal.get(kind, "left"),
                    vertical="top" if kind == L.LONG else "center",
                    wrap_text=kind in (L.LONG, L.TEXT),
                    indent={INDENT1: 1, INDENT2: 2}.get(variant, 0)))


def style_name(kind, variant=""):
    return f"wb-{kind}-{variant}" if variant else f"wb-{kind}"


def register_styles(workbook):
    for style in _named_styles():
        workbook.add_named_style(style)


def amount_text(value):
    """The exact decimal text of an amount. openpyxl writes Decimal through "%.16g" of a float
    ("0.8100000000000001"), so the cell gets this text as its stored number instead."""
    return f"{Decimal(str(value)).quantize(CENT):f}"


class TooLong(ValueError):
    pass


def make_cell(ws, value, kind, variant=""):
    cell = WriteOnlyCell(ws)
    cell.style = style_name(kind, variant)
    if value is None or value == "":
        return cell
    if kind == L.AMOUNT:
        cell.value = amount_text(value)
        cell.data_type = "n"          # a number in the file, written exactly as the text
    elif kind == L.INT and not isinstance(value, bool):
        cell.value = int(value)
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        if len(text) > MAX_CELL_TEXT:
            raise TooLong(f"文字长 {len(text)} 字，超过 Excel 单元格上限 {MAX_CELL_TEXT} 字")
        cell.value = text
        cell.data_type = "s"          # never a formula or an error value
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True   # Excel keeps it text when the cell is edited
    return cell


def header_layout(columns):
    """Header rows (lists of labels) and merged ranges (row, first col, last row, last col),
    0-based, from the columns' header paths."""
    depth = max(len(c.header) for c in columns)
    rows = [[None] * len(columns) for _ in range(depth)]
    merges = []
    for level in range(depth):
        j = 0
        while j < len(columns):
            path = columns[j].header
            if len(path) <= level:
                j += 1
                continue
            end = j
            while (end + 1 < len(columns) and len(columns[end + 1].header) > level
                   and columns[end + 1].header[:level + 1] == path[:level + 1]):
                end += 1
            rows[level][j] = path[level]
            last_row = depth - 1 if len(path) == level + 1 else level
            if end > j or last_row > level:
                merges.append((level, j, last_row, end))
            j = end + 1
    return rows, merges


class SheetWriter:
    """Appends one sheet: title row, 填报部门/note and unit line row, header rows, then data."""

    def __init__(self, workbook, sheet, *, filler=""):
        self.sheet = sheet
        self.errors = workbook.export_errors   # set by write_workbook
        self.ws = ws = workbook.create_sheet(sheet.name)
        self.row_number = 0
        columns = sheet.columns
        width = len(columns)
        for index, column in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(index)].width = column.col_width
        header_rows, merges = header_layout(columns)
        top = 3   # title row, filler/unit row, then the header
        ws.freeze_panes = f"{get_column_letter(sheet.freeze_cols + 1)}{top + len(header_rows)}"
        ws.page_setup.orientation = "landscape"
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToHeight = 0
        ws.print_title_rows = f"{top}:{top + len(header_rows) - 1}"

        self._append([self._plain(sheet.title, TITLE)] + [None] * (width - 1))
        self._merge(1, 1, 1, width)
        left = f"{L.FILLER_PREFIX}{filler}" if sheet.official else sheet.note
        unit = L.UNIT_LINE if sheet.has_amounts else ""
        second = [None] * width
        second[0] = self._plain(left, META if sheet.official else NOTE)
        if unit:
            second[-1] = self._plain(unit, UNIT)
        self._append(second)
        if unit and width > 2:
            self._merge(2, 1, 2, width - 1)
        for labels in header_rows:
            self._append([self._plain(label, HEADER) for label in labels])
        for row, first, last_row, last in merges:
            self._merge(top + row, first + 1, top + last_row, last + 1)

    def _plain(self, text, style):
        cell = WriteOnlyCell(self.ws, value=text or None)
        cell.style = style
        if text:
            cell.data_type = "s"
        return cell

    def _merge(self, row, col, last_row, last_col):
        if (row, col) != (last_row, last_col):
            self.ws.merged_cells.add(
                f"{get_column_letter(col)}{row}:{get_column_letter(last_col)}{last_row}")

    def _append(self, cells):
        self.ws.append(cells)
        self.row_number += 1

    def where(self, index):
        return f"{self.sheet.name}!{get_column_letter(index + 1)}{self.row_number + 1}"

    def cells(self, values, kinds, variants):
        cells = []
        for index, (value, kind, variant) in enumerate(
                zip(values, kinds, variants, strict=True)):
            try:
                cells.append(make_cell(self.ws, value, kind, variant))
            except TooLong as error:
                # Reported after the workbook is complete (a half-written one cannot close).
                self.errors.append(f"{self.where(index)}：{error}，请拆分后再导出")
                cells.append(make_cell(self.ws, str(value)[:MAX_CELL_TEXT], kind, variant))
        self._append(cells)

    def row(self, item, *, bold=False, indent=0, indent_key="name"):
        """One data row from a dict keyed by the layout's column keys."""
        variants = []
        for column in self.sheet.columns:
            if bold:
                variants.append(BOLD)
            elif indent and column.key == indent_key:
                variants.append(INDENT1 if indent == 1 else INDENT2)
            else:
                variants.append("")
        self.cells([item.get(c.key) for c in self.sheet.columns],
                   [c.kind for c in self.sheet.columns], variants)

    def pair(self, label, value, kind):
        """A 项目/内容 row whose value has its own kind."""
        self.cells([label, value], [L.TEXT, kind], ["", ""])

    def note(self, text):
        self._append([self._plain(text, NOTE)])
