"""Reading the standard tables back out of a generated PDF, to compare them with the seeds.

pdftotext -tsv gives every word with its box. Words are grouped into printed lines. A table
starts at a line that is a table title and runs to the next title or part heading. Inside a
table a line starts a row unless it sits one text line below the previous line (a wrapped
cell, whose words are joined to the cell above). Amounts are right-aligned by print.css, so an
amount's column is told by its right edge; those columns are matched, left to right, with the
seed's columns that print a non-zero amount. Row keys are those of tests/seed_text.py, which
reads the seed side: the two-sided tables are handed to its parser as cells.
"""

import re
import subprocess
from collections import Counter
from dataclasses import dataclass, field

from tests import seed_text

AMOUNT = re.compile(r"-?\d{1,3}(,\d{3})+\.\d{2}|-?\d+\.\d{2}")
CODE = re.compile(r"\d{3}|\d{5}|\d{6,}[0-9A-Z]*")
TITLE_PREFIX = re.compile(
    r"^(附)?(表\s*\d+(-\d+)?[.．、:：]?|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
TITLES = {**seed_text.TITLES,
          **{"部门" + title: key for title, key in seed_text.TITLES.items()
             if not title.startswith("单位")}}
TWO_SIDED = ("overview", "appropriation")
PAGE_NUMBER = re.compile(r"—\d+—")     # the footer print.css puts on every page


@dataclass
class Word:
    page: int
    left: float
    top: float
    right: float
    height: float
    text: str


@dataclass
class Row:
    words: list = field(default_factory=list)       # text words, left to right
    amounts: list = field(default_factory=list)     # amount words, left to right

    def text_before(self, x):
        return "".join(w.text for w in self.words if w.left < x)

    def text_from(self, x):
        return "".join(w.text for w in self.words if w.left >= x)


def words(pdf_path):
    out = subprocess.run(["pdftotext", "-tsv", str(pdf_path), "-"], capture_output=True,
                         text=True, check=True).stdout
    result = []
    for line in out.splitlines()[1:]:
        parts = line.split("\t")
        if parts[0] == "5":
            left, top, width, height = map(float, parts[6:10])
            result.append(Word(int(parts[1]), left, top, left + width, height, parts[11]))
    return result


def lines(pdf_path):
    """Printed lines in page order, top to bottom; each a list of words left to right."""
    grouped = []
    for word in sorted(words(pdf_path), key=lambda w: (w.page, w.top, w.left)):
        last = grouped[-1] if grouped else None
        if last and last[0].page == word.page and abs(last[0].top - word.top) < 2.5:
            last.append(word)
        else:
            grouped.append([word])
    return [sorted(line, key=lambda w: w.left) for line in grouped]


def text_of(line):
    return seed_text.clean("".join(w.text for w in line))


def title_of(line):
    return TITLES.get(TITLE_PREFIX.sub("", text_of(line)))


def tables(pdf_path):
    """(table key, [Row]) for every standard table printed, in printed order."""
    result, current, previous = [], None, None
    for line in lines(pdf_path):
        key = title_of(line)
        if key or (current and seed_text.END.match(text_of(line))):
            # A section heading followed by the table's own caption names it twice.
            if key and not (key == current and not result[-1][1]):
                result.append((key, []))
            current, previous = key, None
            continue
        if current is None or PAGE_NUMBER.fullmatch(text_of(line)):
            continue
        rows = result[-1][1]
        amounts = [w for w in line if AMOUNT.fullmatch(w.text)]
        texts = [w for w in line if w not in amounts]
        wrapped = (previous is not None and rows and not amounts
                   and line[0].page == previous[0].page
                   and line[0].top - previous[0].top < line[0].height + 1.5)
        if wrapped:
            for word in texts:
                # The cell above starts where this word starts (text is left-aligned).
                owner = min(rows[-1].words, key=lambda w: abs(w.left - word.left), default=None)
                if owner is not None and abs(owner.left - word.left) < 3:
                    owner.text += word.text
        else:
            rows.append(Row(texts, amounts))
        previous = line
    return result


def amount_columns(rows, tolerance=3.0, nonzero=True):
    """Right edges of the amount columns (those printing something non-zero), left to right."""
    edges = sorted(w.right for row in rows for w in row.amounts
                   if not nonzero or seed_text.amount(w.text) != 0)
    clusters = []
    for edge in edges:
        if clusters and edge - clusters[-1][-1] <= tolerance:
            clusters[-1].append(edge)
        else:
            clusters.append([edge])
    return [sum(c) / len(c) for c in clusters]


def two_sided_cells(rows):
    """The rows of 收支总表/财政拨款收支总表 as [label, amount, label, amount] cells."""
    # The expenditure labels start at one x: the commonest start of a row's second label.
    starts = Counter(round(row.words[1].left) for row in rows if len(row.words) > 1)
    split = starts.most_common(1)[0][0] - 2 if starts else 0
    for row in rows:
        left = [w for w in row.amounts if w.right < split]
        right = [w for w in row.amounts if w.right >= split]
        yield [row.text_before(split), left[0].text if left else "",
               row.text_from(split), right[0].text if right else ""]


@dataclass
class Printed:
    """One table as printed: rows (key → column → value), names (key → name), row order."""
    table: str
    rows: dict = field(default_factory=dict)
    names: dict = field(default_factory=dict)
    order: list = field(default_factory=list)

    def add(self, figure):
        if figure.row not in self.rows:
            self.order.append(figure.row)
        self.rows.setdefault(figure.row, {})[figure.column] = figure.value

    def columns(self):
        seen = []
        for values in self.rows.values():
            seen += [c for c in values if c not in seen]
        return seen


def seed_tables(text, class_codes):
    """The seed's tables in printed order, each read by tests/seed_text.py (a table printed
    without a body, such as the Wuhan seed's 收入总表, has no rows)."""
    title = {key: name for name, key in seed_text.TITLES.items()}
    result = []
    for key, table_lines in seed_text.segments(text):
        segment = "\n".join([title[key], *("\t".join(cells) for cells in table_lines)])
        table = Printed(key)
        for figure in seed_text.printed_figures(segment, class_codes):
            table.add(figure)
        names = seed_text.printed_names(segment)
        table.names = {row: names[(key, row)] for row in table.order if (key, row) in names}
        result.append(table)
    return result


def row_key(table, row):
    """The seed_text key and the printed name of a PDF row (None for a row it ignores)."""
    texts = [w.text for w in row.words]
    first = texts[0] if texts else ""
    if table == "three_public":
        return ("", "") if row.amounts else (None, "")
    if table == "projects":
        if not row.amounts:     # a heading line
            return None, ""
        if CODE.fullmatch(first) and len(first) > 7:
            return first, "".join(texts[1:2])
        # Grouped by 项目分类: the name is the second text cell, the first is the group.
        name = texts[1] if len(texts) > 1 else ""
        return (f"name:{name}" if name else ""), name
    if CODE.fullmatch(first):
        return first, "".join(texts[1:])
    if texts == ["合计"] or (row.amounts and "合计" in texts):
        return "", "合计"
    return None, ""


def pdf_tables(pdf_path, class_codes, seed):
    """The PDF's tables in printed order, read the way the seed's are (see module doc)."""
    result, position = [], 0
    for key, rows in tables(pdf_path):
        table = Printed(key)
        result.append(table)
        # The seed table of the same kind, in order (a table the seed lacks matches none).
        found = next((i for i in range(position, len(seed)) if seed[i].table == key), None)
        expected = Printed(key) if found is None else seed[found]
        position = position if found is None else found + 1
        if key in TWO_SIDED:
            for figure in seed_text.two_sided_rows(key, list(two_sided_cells(rows)),
                                                   class_codes):
                table.add(figure)
            continue
        edges = amount_columns(rows)
        nonzero = [c for c in expected.columns()
                   if any(v.get(c) for v in expected.rows.values())]
        if len(edges) != len(nonzero):
            table.rows["<columns>"] = {"count": len(edges), "expected": len(nonzero)}
            continue
        for row in rows:
            row_id, name = row_key(key, row)
            if row_id is None:
                continue
            values = {}
            for word in row.amounts:
                value = seed_text.amount(word.text)
                if value:
                    index = min(range(len(edges)), key=lambda i: abs(edges[i] - word.right))
                    values[nonzero[index]] = value
            table.order.append(row_id)
            table.rows[row_id] = values
            table.names[row_id] = name
    return result
