"""The standard tables as printed: header rows with rowspan/colspan, and body rows of ready
strings, built once from budgets.statements and the layout. Templates only loop.

Body rows are HTML cells from the start: a large budget has thousands of cells, and building
an object per cell, then a string per object, cost more than the rest of the page. Each
figure is formatted once (numbers.format_wan remembers the amounts it has printed)."""

import copy
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape

from budgets import statements

from ..layouts.spec import CODE_TREE, LABEL_KEYS, ordinal, table_template
from .numbers import ZERO, format_wan


@dataclass(slots=True)
class Cell:
    """A header cell."""
    text: str = ""
    kind: str = "head"
    colspan: int = 1
    rowspan: int = 1


@dataclass(slots=True)
class RowView:
    cells: list              # <td> strings, escaped
    level: str = "item"      # css: total | class | section | item | group | unit | department
    filled: bool = False     # prints at least one figure


def label_cell(text, kind):
    return f'<td class="{kind}">{escape(text)}</td>'


@lru_cache(maxsize=8192)
def _code_label(text, kind):
    """A code or catalog name cell: the same few recur in every table of every page."""
    return label_cell(text, kind)


@lru_cache(maxsize=8192)
def _attribute(key):
    """Row and column keys recur in every table (codes, column names): escaped once."""
    return escape(key)


def amount_cell(text, row, col):
    """A figure with the statements row and column it comes from (data-row, data-col), so
    that tests and readers can find it; figures are digits, commas and points."""
    return f'<td class="num" data-row="{_attribute(row)}" data-col="{_attribute(col)}">' \
        f'{text}</td>'


EMPTY_AMOUNT = '<td class="num"></td>'


def row_view(labels, amounts, level):
    """labels: <td> strings; amounts: the (<td> strings, any figure printed) of
    _amount_cells."""
    cells, filled = amounts
    labels += cells
    return RowView(labels, level, filled)


@dataclass
class TableView:
    key: str
    kind: str
    anchor: str
    heading: str
    title: str
    filler: str
    unit_line: str
    header: list
    rows: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    number_row: list = field(default_factory=list)
    empty: bool = False
    head_html: str = ""
    body_html: str = ""
    colgroup_html: str = ""

    @property
    def template(self):
        return table_template(self.kind)


def header_rows(columns):
    """Header cells from the columns' header paths: a path shorter than the deepest spans the
    remaining rows; consecutive columns sharing a prefix share one cell spanning them."""
    depth = max(len(c.header) for c in columns)
    rows = []
    for level in range(depth):
        cells, i = [], 0
        while i < len(columns):
            path = columns[i].header
            if len(path) <= level:
                i += 1
                continue
            if len(path) == level + 1:
                cells.append(Cell(path[level], rowspan=depth - level))
                i += 1
                continue
            j = i
            while (j < len(columns) and len(columns[j].header) > level + 1
                   and columns[j].header[:level + 1] == path[:level + 1]):
                j += 1
            cells.append(Cell(path[level], colspan=j - i))
            i = j
        rows.append(cells)
    return rows


def _value(row, column):
    if row is None:
        return ZERO
    if not column.keys:
        return row.values.get(column.key, ZERO)
    return sum((row[k] for k in column.keys), ZERO)


# Per layout column set and per number format, prepared once for the life of the process
# (layouts are module constants; each entry keeps its object, so its id is never reused).
_PLANS = {}
_PRINTED = {}
LABEL_KIND = {"name": "name", "unit_name": "label", "group": "label"}     # else "code"


def _plan(columns):
    """The amount columns as (value key, the value keys it sums or (), the end of their <td>
    opening tag), and the label columns as (key, cell class)."""
    entry = _PLANS.get(id(columns))
    if entry is None or entry[0] is not columns:
        if len(_PLANS) > 1024:              # column lists built on the fly: don't pile up
            _PLANS.clear()
        amounts = tuple((c.key, c.keys, f'" data-col="{_attribute(c.key)}">')
                        for c in columns if not c.is_label)
        labels = tuple((c.key, LABEL_KIND.get(c.key, "code"))
                       for c in columns if c.key in LABEL_KEYS)
        entry = _PLANS[id(columns)] = (columns, amounts, labels)
    return entry


def _printed(fmt):
    """amount → text in `fmt`, for the amounts already printed (most figures recur)."""
    entry = _PRINTED.get(id(fmt))
    if entry is None or entry[0] is not fmt:
        entry = _PRINTED[id(fmt)] = (fmt, {})
    if len(entry[1]) > 65536:
        entry[1].clear()
    return entry[1]


def _amount_cells(row, columns, fmt, key):
    """The <td> of each amount column of `row` (None: a row with no figures: all zero), and
    whether any of them prints a figure. Runs for every row of every table: _value inlined."""
    head = f'<td class="num" data-row="{_attribute(key)}'
    printed = _printed(fmt)
    values = row.values if row is not None else {}
    cells, filled = [], False
    for value_key, keys, tail in _plan(columns)[1]:
        if keys:
            value = sum((values.get(k, ZERO) for k in keys), ZERO)
        else:
            value = values.get(value_key, ZERO)
        text = printed.get(value)
        if text is None:
            text = printed[value] = format_wan(value, fmt)
        if text:
            filled = True
        cells.append(f"{head}{tail}{text}</td>")
    return cells, filled


def _split(code):
    return code[:3], code[3:5], code[5:7]


def _unit_items(data, source):
    """{项 code: [(unit, item row)] in unit code order}, each row from the statements table
    computed on the unit's own items."""
    compute = statements.TABLES[source]
    by_unit = {}
    for item in data.expenditure:
        by_unit.setdefault(item.unit_id, []).append(item)
    out = []
    for unit in data.units:
        if unit.pk not in by_unit:
            continue
        # Computed directly, never through view.table(): the copy shares the budget's tables.
        view = copy.copy(data)
        view.expenditure = by_unit[unit.pk]
        for row in compute(view).rows:
            if row.level == "item":
                out.append((unit, row))
    grouped = {}
    for unit, row in sorted(out, key=lambda pair: (pair[1].code, pair[0].code)):
        grouped.setdefault(row.code, []).append((unit, row))
    return grouped


def code_tree_rows(spec, table, data):
    """Rows of a code tree table: 合计, then 类/款/项 in code order. With split_codes, only
    leaf rows (per unit for function codes); with unit_rows, each 项 per unit."""
    columns, fmt = spec.columns, spec.fmt
    labels = {c.key for c in columns if c.is_label}
    rows = []
    unit_items = None
    if "unit_code" in labels and spec.kind == CODE_TREE:
        unit_items = _unit_items(data, spec.source)
    # With split codes the leaves are the deepest level printed: 项, or 款 (economic codes).
    deepest = "item" if "item_code" in labels else "section"
    for row in table.rows:
        if row.level == "total":
            if spec.total_row:
                rows.append(row_view(_labels(columns, name="合计"),
                                     _amount_cells(row, columns, fmt, ""), "total"))
            continue
        if spec.split_codes and row.level != deepest:
            continue
        if unit_items is not None and row.level == "item":
            # Each 项's unit rows looked up, not searched for: a scan per 项 grew with the
            # square of the rows.
            for unit, unit_row in unit_items.get(row.code, ()):
                rows.append(row_view(
                    _labels(columns, code=row.code, name=row.name, unit=unit,
                            split=spec.split_codes),
                    _amount_cells(unit_row, columns, fmt, f"{row.code}@{unit.code}"),
                    "item"))
            continue
        rows.append(row_view(_labels(columns, code=row.code, name=row.name,
                                     split=spec.split_codes),
                             _amount_cells(row, columns, fmt, row.code), row.level))
    return rows


def _labels(columns, *, code="", name="", unit=None, split=False, group=""):
    labels = _plan(columns)[2]
    if not unit and not split and not group:       # most rows: a code and a name
        return [_code_label(code if key == "code" else name if key == "name" else "", kind)
                for key, kind in labels]
    texts = {"code": code, "name": name, "group": group,
             "unit_code": unit.code if unit else "", "unit_name": unit.name if unit else ""}
    if split:
        texts.update(zip(("class_code", "section_code", "item_code"), _split(code),
                         strict=True))
    return [label_cell(texts.get(key, ""), kind) for key, kind in labels]


def income_rows(spec, table):
    rows = []
    for row in table.rows:
        if row.level == "total" and not spec.total_row:
            continue
        name = "合计" if row.level == "total" else row.name
        rows.append(row_view(_labels(spec.columns, code=row.code, name=name),
                             _amount_cells(row, spec.columns, spec.fmt, row.code), row.level))
    return rows


def three_public_rows(spec, table):
    if table.is_empty:
        return []
    return [row_view([], _amount_cells(table.total, spec.columns, spec.fmt, ""), "item")]


def project_rows(spec, table, data):
    groups = spec.options.get("groups", "rows")
    by_code = any(c.key == "code" for c in spec.columns)
    units = {(p.code, p.name): p.unit for p in data.projects}
    amount_columns = [c for c in spec.columns if not c.is_label]
    rows, group_name = [], ""
    for row in table.rows:
        if row.level == "total":
            if spec.total_row:
                label = spec.options.get("total_label", "")     # Hubei prints it unlabelled
                rows.append(row_view(_labels(spec.columns, name=label),
                                     _amount_cells(row, spec.columns, spec.fmt, ""), "total"))
            continue
        if row.level == "group":
            group_name = row.name
            if groups == "rows":
                rows.append(row_view(_labels(spec.columns, code=row.code, name=row.name),
                                     _amount_cells(row, spec.columns, spec.fmt, row.code),
                                     "group"))
            continue
        if spec.options.get("skip_zero") and not any(_value(row, c) for c in amount_columns):
            continue
        key = row.code if by_code else f"name:{row.name}"
        rows.append(row_view(_labels(spec.columns, code=row.code, name=row.name,
                                     unit=units.get((row.code, row.name)),
                                     group=group_name if groups == "inline" else ""),
                             _amount_cells(row, spec.columns, spec.fmt, key), "item"))
    return rows


def two_sided_rows(spec, table, names):
    """收支总表 / 财政拨款收支总表: the left and right line lists side by side, then the
    footer pairs. Ordinals are counted per level as the layout asks."""
    layout = spec.two_sided
    by_code = {r.code: r for r in table.rows}

    def amount(keys):
        return sum((by_code[k]["amount"] for k in keys if k in by_code), ZERO)

    def side(lines):
        out, counters = [], {1: 0, 2: 0}
        for line in lines:
            if hasattr(line, "labels"):            # Details
                listed = list(line.labels)
                prefix = f"detail:{line.source}:"
                listed += [r.code.removeprefix(prefix) for r in table.rows
                           if r.code.startswith(prefix) and r.code.removeprefix(prefix)
                           not in listed and r["amount"]]
                out += [(label, f"{prefix}{label}", amount((f"{prefix}{label}",)), "detail")
                        for label in listed]
            elif hasattr(line, "codes"):           # Classes
                codes = list(line.codes)
                codes += sorted(r.code[6:] for r in table.rows if r.code.startswith("class:")
                                and r.code[6:] not in codes and r["amount"])
                for code in codes:
                    counters[line.level] += 1
                    label = ordinal(layout.ordinals[line.level - 1], counters[line.level]) + \
                        names.get(code, "")
                    out.append((label, f"class:{code}", amount((f"class:{code}",)), "class"))
            else:                                  # Line
                prefix = ""
                if line.level:
                    counters[line.level] += 1
                    if line.level == 1:
                        counters[2] = 0
                    prefix = ordinal(layout.ordinals[line.level - 1], counters[line.level])
                out.append((prefix + line.label, "+".join(line.keys), amount(line.keys),
                            "section" if line.level == 1 else "item"))
        return out

    left, right = side(layout.left), side(layout.right)
    rows = []
    for i in range(max(len(left), len(right))):
        labels, amounts = [], []
        for entries in (left, right):
            if i < len(entries):
                label, key, value, kind = entries[i]
                text = format_wan(value, spec.fmt)
                labels.append(label_cell(label, f"label {kind}"))
                amounts.append((text, amount_cell(text, key, "amount")))
            else:
                labels.append(label_cell("", "label"))
                amounts.append(("", EMPTY_AMOUNT))
        rows.append(RowView([labels[0], amounts[0][1], labels[1], amounts[1][1]], "item",
                            any(text for text, _ in amounts)))
    for (left_label, left_key), (right_label, right_key) in layout.footer:
        left_text = format_wan(amount((left_key,)), spec.fmt)
        right_text = format_wan(amount((right_key,)), spec.fmt)
        rows.append(RowView([
            label_cell(left_label, "label"), amount_cell(left_text, left_key, "amount"),
            label_cell(right_label, "label"), amount_cell(right_text, right_key, "amount")],
            "total", bool(left_text or right_text)))
    return rows


def two_sided_header(spec):
    left, right = spec.two_sided.headers
    return [[Cell(left, colspan=2), Cell(right, colspan=2)],
            [Cell("项 目"), Cell("预算数"), Cell("项 目"), Cell("预算数")]]


NOTE_SECTION = re.compile(r"^第\S+部分\s+(?:[一二三四五六七八九十]+、|表[\d\-]+\s*)?(.+?)\s+(\S+)$")


def published_notes(sections, suffixes):
    """Table notes kept with the published narrative ("第三部分 八、政府性基金预算支出表 备注"),
    by the table title they name."""
    notes = {}
    for section in sections:
        match = NOTE_SECTION.match(section.section)
        if match and match.group(2) in suffixes:
            notes[match.group(1)] = section.text
    return notes
