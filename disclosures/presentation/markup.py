"""Table rows as HTML, built once in Python: a large table has thousands of cells, and a
template loop with per-cell conditions costs far more than joining escaped strings."""

import re
from html import escape

from django.utils.safestring import mark_safe


def _head_cell(cell):
    spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + \
        (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
    return f'<th{spans} scope="col">{escape(cell.text)}</th>'


def body(rows):
    """tables.RowView rows, whose cells are already <td> strings."""
    return mark_safe("\n".join(f'<tr class="row-{row.level}">{"".join(row.cells)}</tr>'
                               for row in rows))


def head(header, number_row=()):
    lines = [f'<tr>{"".join(_head_cell(c) for c in row)}</tr>' for row in header]
    if number_row:
        lines.append('<tr class="number-row">' +
                     "".join(f'<th scope="col">{n}</th>' for n in number_row) + "</tr>")
    return mark_safe("\n".join(lines))


def colgroup(columns):
    """<col> per column, named by its key: print.css gives the split code columns of the
    Sichuan tables (类/款/项, 单位代码) their own widths, which the header's first row, where
    科目编码 spans them, cannot."""
    cols = "".join(f'<col class="col-{escape(c.key)}">' for c in columns)
    return mark_safe(f"<colgroup>{cols}</colgroup>")


def paragraphs(texts):
    """<p> per paragraph, escaped as the template's {{ }} would: a 情况说明 has a sentence
    per function 项, too many for a template loop."""
    return mark_safe("".join(f"<p>{escape(text)}</p>" for text in texts))


def _indicator_cell(text, span):
    spans = f' rowspan="{span}"' if span > 1 else ""
    return f"<td{spans}>{escape(text)}</td>"


def indicator_rows(rows):
    """Indicator rows of a performance goal, each a list of (text, rowspan): a cell with
    rowspan 0 is covered by the merged cell above it."""
    return mark_safe("\n".join(
        "<tr>" + "".join(_indicator_cell(text, span) for text, span in cells if span) + "</tr>"
        for cells in rows))


MEMBER = re.compile(r"\d+\. ")


def glossary(entries):
    """名词解释 entries (term, definition) as <dt>/<dd>; a group heading has no <dd>."""
    lines = []
    for term, definition in entries:
        # "1. …" entries belong to the group heading above them and are indented under it.
        member = ' class="member"' if MEMBER.match(term) else ""
        lines.append(f"<dt{member}>{escape(term)}</dt>")
        if definition:
            text = escape(definition.replace("\r\n", "\n").replace("\r", "\n"))
            lines.append(f"<dd{member}>{text.replace(chr(10), '<br>')}</dd>")
    return mark_safe("\n".join(lines))
