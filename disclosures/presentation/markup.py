"""Table rows as HTML, built once in Python: a large table has thousands of cells, and a
template loop with per-cell conditions costs far more than joining escaped strings."""

from html import escape

from django.utils.safestring import mark_safe


def _cell(cell):
    # Figures are digits, commas and points: only text cells need escaping.
    text = cell.text if cell.kind == "num" else escape(cell.text)
    spans = (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "") + \
        (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "")
    if cell.kind == "head":
        return f'<th{spans} scope="col">{text}</th>'
    if cell.kind == "num":
        data = (f' data-row="{escape(cell.row)}" data-col="{escape(cell.col)}"'
                if cell.col else "")
        return f'<td class="num"{data}{spans}>{text}</td>'
    return f'<td class="{cell.kind}"{spans}>{text}</td>'


def body(rows):
    return mark_safe("\n".join(
        f'<tr class="row-{row.level}">{"".join(_cell(c) for c in row.cells)}</tr>'
        for row in rows))


def head(header, number_row=()):
    lines = [f'<tr>{"".join(_cell(c) for c in row)}</tr>' for row in header]
    if number_row:
        lines.append('<tr class="number-row">' +
                     "".join(f'<th scope="col">{n}</th>' for n in number_row) + "</tr>")
    return mark_safe("\n".join(lines))
