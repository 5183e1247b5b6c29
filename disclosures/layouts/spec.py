"""The vocabulary a layout preset is written in: parts, tables, columns, two-sided lines and
number formats. Presets (hubei.py, sichuan.py) are plain data built from these; the
presentation layer reads them and never branches on a region's name."""

from dataclasses import dataclass, field

# Table kinds. The plain grids share templates/disclosures/tables/standard.html; the others
# have a template of their own, templates/disclosures/tables/<kind>.html (OWN_TEMPLATE).
CODE_TREE = "code_tree"              # function or economic code tree (支出总表, 表5, 表6, 表8, 表9)
TWO_SIDED = "two_sided"              # revenue ‖ expenditure (收支总表, 财政拨款收支总表)
INCOME = "income"                    # 收入总表: department and unit rows
BY_UNIT = "by_unit"                  # 一般公共预算支出表（分单位）
THREE_PUBLIC = "three_public"        # "三公"经费: one row
PROJECTS = "projects"                # 项目支出表
PERFORMANCE_OVERALL = "performance_overall"   # 整体支出绩效目标表
PERFORMANCE_PROJECT = "performance_project"   # 项目支出绩效目标表, one form per project form
OWN_TEMPLATE = (TWO_SIDED, PERFORMANCE_OVERALL, PERFORMANCE_PROJECT)


def table_template(kind):
    name = kind if kind in OWN_TEMPLATE else "standard"
    return f"disclosures/tables/{name}.html"

# Parts of the document.
PROFILE = "profile"        # 概况: 职责, 机构设置, 预算单位构成, 人员构成
NARRATIVE = "narrative"    # 情况说明
TABLES = "tables"          # the standard tables
GLOSSARY = "glossary"      # 名词解释


@dataclass(frozen=True)
class Format:
    """How amounts are printed. `decimals` None prints the shortest exact form ("15", "4.9")."""

    thousands: bool = False
    zero: str = ""                # what a zero amount prints as: "" (blank) or "0.00"
    decimals: int | None = 2


PLAIN = Format()
GROUPED = Format(thousands=True)
FORM = Format(zero="0", decimals=None)     # forms print amounts as typed: 15, 12.6, 0


@dataclass(frozen=True)
class Column:
    """A printed column. `key` is the value key of the statements row, or one of the label
    keys ("code", "name", "unit_code", "unit_name", "group", "class_code", "section_code",
    "item_code"). `keys` sums several value keys into one printed column (before rounding).
    `header` is the path through the header rows, top to bottom."""

    key: str
    header: tuple
    keys: tuple = ()

    @property
    def is_label(self):
        return self.key in LABEL_KEYS

    @property
    def value_keys(self):
        return self.keys or (self.key,)


LABEL_KEYS = {"code", "name", "unit_code", "unit_name", "group", "class_code", "section_code",
              "item_code"}


def col(key, *header, keys=()):
    return Column(key, tuple(header), tuple(keys))


@dataclass(frozen=True)
class Line:
    """A labelled line of one side of a two-sided table. `keys` are statements row codes
    summed into the printed figure; `level` picks the ordinal (1 "一、", 2 "（一）", 0 none)."""

    label: str
    keys: tuple
    level: int = 1


@dataclass(frozen=True)
class Details:
    """The sub-rows of a revenue source (Tianmen: 经费拨款（补助）…), printed even when empty;
    sub-rows in the data that the list lacks are printed after it."""

    source: str
    labels: tuple


@dataclass(frozen=True)
class Classes:
    """The expenditure classes (类), by code; names come from the catalog. A class that has
    money but is missing from the list is still printed, after the list."""

    codes: tuple
    level: int = 1


@dataclass(frozen=True)
class TwoSided:
    left: tuple                 # Line | Details
    right: tuple                # Line | Classes
    footer: tuple               # ((left label, left key), (right label, right key)) rows
    ordinals: tuple = ("一、", "（一）")   # level 1 and level 2 styles
    headers: tuple = ("收 入", "支 出")


@dataclass(frozen=True)
class Table:
    key: str                    # anchor and data-table key, unique within a layout
    source: str                 # budgets.statements table key
    kind: str                   # template
    number: str                 # printed number: "1", "5-1"
    title: str                  # the table's own title: "收支总表"
    columns: tuple = ()
    toc: str = ""               # entry in the table of contents, when it differs from title
    fmt: Format = PLAIN
    note: str = ""              # printed under the table whether empty or not
    empty_note: str = ""        # printed when the table has no figures; {title} is replaced
    total_row: bool = True      # print the 合计 row
    split_codes: bool = False   # print 类/款/项 in separate columns, leaf rows only, per unit
    number_row: bool = False    # print the column-number row (1 2 3 …) under the header
    in_toc: bool = True         # listed in the 目录 (Wuhan lists 5-1 and 5-2 as one entry)
    two_sided: TwoSided | None = None
    options: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Part:
    key: str                    # PROFILE | NARRATIVE | TABLES | GLOSSARY
    heading: str                # "第一部分 部门概况"; {year} is replaced
    sections: tuple = ()        # TOC entries of the part (profile and narrative)
    attachments: tuple = ()     # table keys printed at the end of the part (Tianmen 附件)


@dataclass(frozen=True)
class Layout:
    key: str
    name: str                   # shown to staff: "湖北·天门 部门预算"
    title: str                  # document title; {org} and {year} are replaced
    parts: tuple
    tables: tuple
    table_heading: str          # heading above each table: "{ordinal}{toc}" or "表{number}"
    filler: str = "填报部门：{org}"
    unit_line: str = "单位：万元"
    # Sections of the published narrative that are table notes, not 情况说明 text.
    note_suffixes: tuple = ("备注", "说明")
    share_decimals: int = 2     # percentages of the performance form: 85.87% or 73%
    # 整体绩效 form: money rows as (label, value key, prior-year measures, first found wins).
    revenue_rows: tuple = (("财政拨款", "fiscal", "revenue_fiscal"),
                           ("其他资金", "other", "revenue_other"))
    spending_rows: tuple = (("基本支出", "basic", ("expenditure_basic", "basic_total")),
                            ("项目支出", "project", ("expenditure_project", "project_total")))
    glossary_style: str = "一、"

    def table(self, key):
        return next(t for t in self.tables if t.key == key)

    def part(self, key):
        return next((p for p in self.parts if p.key == key), None)

    @property
    def attachment_keys(self):
        return {k for p in self.parts for k in p.attachments}

    @property
    def main_tables(self):
        """The tables printed in the tables part, in order (attachments excluded)."""
        return tuple(t for t in self.tables if t.key not in self.attachment_keys)


DIGITS = "零一二三四五六七八九"


def chinese_number(n):
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 21 → 廿一 (as the published tables count)."""
    if n <= 10:
        return "十" if n == 10 else DIGITS[n]
    tens, ones = divmod(n, 10)
    head = {1: "十", 2: "二十" if ones == 0 else "廿"}.get(tens, DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")


def ordinal(style, n):
    """Format ordinal n in a style written with 一: "一、" → "廿三、", "（一）" → "（十二）"."""
    return style.replace("一", chinese_number(n), 1)
