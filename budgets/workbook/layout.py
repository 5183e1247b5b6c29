"""The standard workbook, declared once: sheet names, titles, header paths, column keys and
kinds. The writer and the reader both work from these declarations.

A column's `header` is its path through the header rows, top to bottom: ("本年收入", "小计")
sits under a "本年收入" cell merged across its group; ("合计",) is merged down through every
header row. The writer derives the merged cells from the paths, and the reader rebuilds the
paths from what it finds (a blank cell under a merged heading belongs to the heading on its
left), so both agree on the columns without depending on positions.

Column keys of the official tables are the value keys of `budgets.statements` rows; keys of the
data sheets are the keys of the budget document (docs/document-format.md).
"""

import re
from dataclasses import dataclass

from budgets import models as m

UNIT_LINE = "单位：元"
# The unit line of a sheet with amounts: amounts are in 元, or in 万元 (multiplied by 10000).
UNIT_PATTERN = re.compile(r"单位\s*[：:]\s*(万元|元)\s*$")   # searched: may follow 填报单位
FILLER_PREFIX = "填报部门："
# Rows after a table that are notes, not data ("备注：…", "说明：2026年无…").
NOTE_PATTERN = re.compile(r"^(备注|说明|注)\s*[：:]")
EMPTY_TABLE_NOTE = "说明：本表无数据。"

# Column kinds.
TEXT = "text"        # short text
LONG = "long"        # long free text: wrapped, wide
CODE = "code"        # codes: kept as text ("@" format) so Excel never turns them into numbers
AMOUNT = "amount"    # exact 元, two decimals
INT = "int"          # counts and years
DATE = "date"        # "YYYY-MM-DD"
CHOICE = "choice"    # a Chinese label standing for a stored value

WIDTHS = {TEXT: 18, LONG: 48, CODE: 14, AMOUNT: 15, INT: 10, DATE: 12, CHOICE: 14}


@dataclass(frozen=True)
class Column:
    key: str
    header: tuple            # header path, top to bottom
    kind: str = TEXT
    width: float = 0         # 0: the kind's default
    nullable: bool = False   # blank amount/number means "not stated" (None), not 0
    signed: bool = False     # the amount may be negative
    optional: bool = False   # the reader accepts the sheet without this column
    computed: bool = False   # written for people; the reader ignores it
    choices: tuple = ()      # (value, label) pairs of a CHOICE column

    @property
    def label(self):
        return " / ".join(self.header)

    @property
    def col_width(self):
        return self.width or WIDTHS[self.kind]


def col(key, header, kind=TEXT, **options):
    return Column(key, (header,) if isinstance(header, str) else tuple(header), kind, **options)


@dataclass(frozen=True)
class Sheet:
    name: str                # ≤ 31 characters (Excel's limit)
    title: str               # the title row
    columns: tuple
    official: bool = False   # an official table: title, 填报部门 and unit line, merged headers
    required: bool = True    # the reader needs it (official computed tables are not needed)
    pairs: bool = False      # a 项目/内容 sheet: one labelled value per row
    freeze_cols: int = 0     # columns kept in view when scrolling right
    note: str = ""           # a hint for people, written beside the unit line

    @property
    def has_amounts(self):
        return any(c.kind == AMOUNT for c in self.columns)

    @property
    def depth(self):
        return max((len(c.header) for c in self.columns), default=1)


def column(sheet, key):
    return next(c for c in sheet.columns if c.key == key)


def choices(enum):
    return tuple((value, label) for value, label in enum.choices)


YES_NO = ((True, "是"), (False, "否"))


def model_columns(model, names, **kinds):
    """Columns named after the model's verbose names, kinds derived from the field types."""
    columns = []
    for name in names:
        field = model._meta.get_field(name)
        kind = kinds.get(name)
        if kind is None:
            internal = field.get_internal_type()
            kind = {"DecimalField": AMOUNT, "PositiveSmallIntegerField": INT,
                    "PositiveIntegerField": INT, "DateField": DATE,
                    "TextField": LONG}.get(internal, TEXT)
            if field.choices and kind == TEXT:
                kind = CHOICE
        header = str(field.verbose_name).removesuffix("（元）")   # the unit line says 元/万元
        columns.append(col(name, header, kind,
                           nullable=field.null or kind in (DATE,),
                           choices=tuple(field.choices or ())))
    return tuple(columns)


# -- cover and units ---------------------------------------------------------------------------

COVER_FIELDS = (
    col("region.code", "区划代码", CODE),
    col("region.name", "区划名称"),
    col("region.parent.code", "上级区划代码", CODE, optional=True),
    col("region.parent.name", "上级区划名称", optional=True),
    col("organisation.code", "单位代码", CODE),
    col("organisation.name", "单位名称"),
    col("organisation.kind", "单位类型", CHOICE, choices=choices(m.OrganisationKind)),
    col("organisation.parent.code", "主管部门代码", CODE, optional=True),
    col("organisation.parent.name", "主管部门名称", optional=True),
    col("year", "预算年度", INT),
    col("scope", "预算类型", CHOICE, choices=choices(m.Scope)),
    col("layout", "公开版式", optional=True),
    col("running_cost_applicable", "编列机关运行经费", CHOICE, choices=YES_NO, optional=True),
    col("format", "格式版本", INT, optional=True),
)
PAIR_COLUMNS = (col("label", "项目", width=24), col("value", "内容", LONG, width=60))

COVER = Sheet("封面", "预算公开标准工作簿", PAIR_COLUMNS, pairs=True,
              note="导入时读取：表1 收入明细行、表2 单位行、表6 款级科目行、表7、表10 项目行和"
                   "“支出明细”等数据表；合计、类、款、部门行及表3、表4、表5、表8、表9 由系统"
                   "计算，仅供核对。金额单位为元（“单位”行可改为万元）")
UNITS = Sheet("单位构成", "预算单位构成", (
    col("code", "单位代码", CODE), col("name", "单位名称", width=40),
    col("kind", "单位类型", CHOICE, choices=choices(m.OrganisationKind))))

# -- the official tables -----------------------------------------------------------------------


def _code_name(code="科目编码", name="科目名称", group=None):
    path = (group,) if group else ()
    return (col("code", path + (code,), CODE, width=12), col("name", path + (name,), width=36))


def _amounts(*pairs, group=None, **options):
    path = (group,) if group else ()
    return tuple(col(key, path + (header,), AMOUNT, **options) for key, header in pairs)


TWO_SIDED = (col("revenue_label", ("收入", "项目"), width=34),
             col("revenue_amount", ("收入", "预算数"), AMOUNT),
             col("expenditure_label", ("支出", "项目"), width=34),
             col("expenditure_amount", ("支出", "预算数"), AMOUNT))

REVENUE_LABELS = {   # 收支总表 revenue rows, by source
    "general_budget": "一般公共预算拨款收入", "gov_fund": "政府性基金预算拨款收入",
    "soe_capital": "国有资本经营预算拨款收入", "fiscal_special": "财政专户管理资金收入",
    "business": "事业收入", "operating": "事业单位经营收入",
    "superior_subsidy": "上级补助收入", "subordinate_remit": "附属单位上缴收入",
    "other": "其他收入", "unit_funds": "单位资金"}
OVERVIEW_TOTALS = (("revenue_current", "本年收入合计", "expenditure_current", "本年支出合计"),
                   ("carryover_in", "上年结转结余", "carryover_out", "年终结转结余"),
                   ("revenue_total", "收入总计", "expenditure_total", "支出总计"))
APPROPRIATION_LABELS = {"general_budget": "一般公共预算拨款", "gov_fund": "政府性基金预算拨款",
                        "soe_capital": "国有资本经营预算拨款"}

_current_sources, _carryover_sources = (
    tuple(s.value for s in m.Source if s != m.Source.UNIT_FUNDS),
    tuple(s.value for s in (m.Source.GENERAL_BUDGET, m.Source.GOV_FUND, m.Source.SOE_CAPITAL,
                            m.Source.FISCAL_SPECIAL, m.Source.UNIT_FUNDS)))
INCOME_COLUMNS = (
    col("code", "部门（单位）代码", CODE), col("name", "部门（单位）名称", width=36),
    col("total", "合计", AMOUNT),
    col("current", ("本年收入", "小计"), AMOUNT),
    *(col(f"current:{s}", ("本年收入", m.Source(s).label), AMOUNT, optional=True)
      for s in _current_sources),
    col("carryover", ("上年结转结余", "小计"), AMOUNT),
    *(col(f"carryover:{s}", ("上年结转结余", m.Source(s).label), AMOUNT, optional=True)
      for s in _carryover_sources),
)
BASIC_SPLIT = (("basic", "小计"), ("personnel", "人员经费"), ("public", "公用经费"))
FUNCTION_FUND_COLUMNS = (("total", "合计"), ("basic", "基本支出"), ("project", "项目支出"))
PROJECT_AMOUNTS = (
    col("total", "合计", AMOUNT),
    *_amounts(("current_general", "一般公共预算"), ("current_gov_fund", "政府性基金预算"),
              ("current_soe", "国有资本经营预算"), group="本年拨款"),
    *_amounts(("carryover_general", "一般公共预算"), ("carryover_gov_fund", "政府性基金预算"),
              ("carryover_soe", "国有资本经营预算"), group="财政拨款结转结余"),
    col("fiscal_special", "财政专户管理资金", AMOUNT), col("unit_funds", "单位资金", AMOUNT))
UNGROUPED = "（未分类项目）"   # the group row of projects with neither group code nor name

OVERVIEW = Sheet("表1 收支总表", "收支总表", TWO_SIDED, official=True)
INCOME = Sheet("表2 收入总表", "收入总表", INCOME_COLUMNS, official=True, freeze_cols=2)
EXPENDITURE = Sheet("表3 支出总表", "支出总表", _code_name() + _amounts(
    ("total", "合计"), ("basic", "基本支出"), ("project", "项目支出"),
    ("operating", "事业单位经营支出"), ("remit", "上缴上级支出"),
    ("subsidy", "对附属单位补助支出")), official=True, required=False, freeze_cols=2)
APPROPRIATION = Sheet("表4 财政拨款收支总表", "财政拨款收支总表", TWO_SIDED, official=True,
                      required=False)
GENERAL_BUDGET = Sheet(
    "表5 一般公共预算支出表", "一般公共预算支出表", _code_name() + (col("total", "合计", AMOUNT),)
    + _amounts(*BASIC_SPLIT, group="基本支出") + (col("project", "项目支出", AMOUNT),),
    official=True, required=False, freeze_cols=2)
GENERAL_BY_UNIT = Sheet(
    "表5-2 分单位", "一般公共预算支出表（分单位）",
    _code_name("单位编码", "单位名称") + (col("total", "合计", AMOUNT),)
    + _amounts(*BASIC_SPLIT, group="基本支出") + (col("project", "项目支出", AMOUNT),),
    official=True, required=False, freeze_cols=2)
BASIC = Sheet("表6 一般公共预算基本支出表", "一般公共预算基本支出表",
              _code_name(group="部门预算支出经济分类科目") + _amounts(
                  ("total", "合计"), ("personnel", "人员经费"), ("public", "公用经费"),
                  group="本年一般公共预算基本支出"), official=True, freeze_cols=2)
THREE_PUBLIC_COLUMNS = (
    col("total", "“三公”经费合计", AMOUNT), col("overseas", "因公出国（境）费", AMOUNT),
    *_amounts(("vehicle", "小计"), ("vehicle_purchase", "公务用车购置费"),
              ("vehicle_operation", "公务用车运行费"), group="公务用车购置及运行费"),
    col("reception", "公务接待费", AMOUNT))
THREE_PUBLIC = Sheet("表7 三公经费支出表", "一般公共预算“三公”经费支出表", THREE_PUBLIC_COLUMNS,
                     official=True)
# Optional (四川 表4-1): no data row means the budget states no government-fund "三公".
GOV_FUND_THREE_PUBLIC = Sheet("表7-1 政府性基金三公经费", "政府性基金预算“三公”经费支出表",
                              THREE_PUBLIC_COLUMNS, official=True, required=False)
GOV_FUND = Sheet("表8 政府性基金预算支出表", "政府性基金预算支出表", _code_name() + _amounts(
    *FUNCTION_FUND_COLUMNS, group="本年政府性基金预算支出"), official=True, required=False,
    freeze_cols=2)
SOE_CAPITAL = Sheet("表9 国有资本经营预算支出表", "国有资本经营预算支出表", _code_name() + _amounts(
    *FUNCTION_FUND_COLUMNS, group="本年国有资本经营预算支出"), official=True, required=False,
    freeze_cols=2)
PROJECTS = Sheet("表10 项目支出表", "项目支出表", (
    col("code", "项目编码", CODE, width=24), col("name", "项目名称", width=36),
    col("unit_name", "项目单位", width=30), *PROJECT_AMOUNTS,
    # Ours, beside the official columns: an 一体化 export has none of them (the unit is then
    # found by 项目单位's name).
    col("unit", "项目单位代码", CODE, optional=True),
    col("category", "项目类别", CHOICE, choices=choices(m.ProjectCategory), optional=True),
    col("function", "功能科目编码", CODE, optional=True)), official=True, freeze_cols=2)

# Statements table key of each official sheet.
OFFICIAL_TABLES = (
    (OVERVIEW, "overview"), (INCOME, "income"), (EXPENDITURE, "expenditure"),
    (APPROPRIATION, "appropriation"), (GENERAL_BUDGET, "general_budget"),
    (GENERAL_BY_UNIT, "general_budget_by_unit"), (BASIC, "basic"),
    (THREE_PUBLIC, "three_public"), (GOV_FUND_THREE_PUBLIC, "gov_fund_three_public"),
    (GOV_FUND, "gov_fund"), (SOE_CAPITAL, "soe_capital"), (PROJECTS, "projects"),
)

# -- data sheets: what the official tables cannot carry exactly ------------------------------

FORM_NUMBER = col("form", "表序号", INT)

EXPENDITURE_DETAIL = Sheet("支出明细", "支出明细（按单位、资金性质、功能分类项级科目）", (
    col("unit", "单位代码", CODE), col("fund", "资金性质", CHOICE, choices=choices(m.Fund)),
    col("function", "科目编码", CODE), col("function_name", "科目名称", width=36, computed=True),
    *_amounts(("personnel", "人员经费"), ("public", "公用经费"), ("project", "项目支出"),
              ("operating", "事业单位经营支出"), ("remit", "上缴上级支出"),
              ("subsidy", "对附属单位补助支出"))), freeze_cols=4,
    note="本表是表3、表5、表8、表9的数据来源；科目名称由系统按科目编码填写")

# Optional (四川 表2-1): a budget lists none, or every fund's project appropriations in full.
PROJECT_ECONOMIC = Sheet("项目支出经济分类", "项目支出（按资金性质、经济分类款级科目）", (
    col("fund", "资金性质", CHOICE,
        choices=tuple(m.ProjectEconomicItem._meta.get_field("fund").choices)),
    col("economic", "经济分类科目编码", CODE),
    col("economic_name", "科目名称", width=30, computed=True),
    col("amount", "金额", AMOUNT)), required=False,
    note="财政拨款项目支出按经济分类款级（5 位）科目填列，是四川表2-1的数据来源；"
         "各资金性质之和应等于表10 该资金的本年拨款与结转结余之和；不编列的留空")

FORM_FIELDS = ("title", "name", "code", "amount_unit", "fill_date", "department",
               "executing_unit", "manager", "phone", "address", "postcode", "attribute",
               "project_type", "category", "start_year", "end_year", "function_text", "basis",
               "content", "total_budget", "current_budget", "prior_budgets_text",
               "change_text", "calculation_basis", "overall_goal", "long_term_summary",
               "annual_summary")
PROJECT_FORMS = Sheet("项目表", "项目支出绩效目标表（每表一行）", (
    col("number", "序号", INT),
    *model_columns(m.ProjectForm, FORM_FIELDS, code=CODE, amount_unit=CHOICE),
    col("projects", str(m.ProjectForm._meta.get_field("projects").verbose_name), LONG)),
    freeze_cols=3, note="“所含项目”填项目编码（无编码的填项目名称），多个用“；”分隔")
PROJECT_SEPARATOR = "；"
LINE_KINDS = (("funding_lines", "资金来源"), ("detail_lines", "支出明细"))
FORM_LINES = Sheet("项目资金与明细", "项目资金来源与支出明细", (
    FORM_NUMBER, col("kind", "类型", CHOICE, choices=LINE_KINDS),
    col("label", "项目", width=40), col("amount", "金额", AMOUNT, nullable=True)))
RECENT_SPENDING = Sheet("近年项目支出", "近年来项目支出情况", (
    FORM_NUMBER, *model_columns(m.RecentSpending, ("year", "label", "amount", "note"))))
MEASUREMENTS = Sheet("支出明细测算", "项目支出明细测算", (
    FORM_NUMBER,
    *model_columns(m.MeasurementLine, ("activity", "description", "economic_name")),
    col("economic", "经济分类科目编码", CODE),
    *model_columns(m.MeasurementLine, ("amount", "basis", "remark"))))
PROCUREMENTS = Sheet("项目采购", "项目采购", (
    FORM_NUMBER, *model_columns(m.ProcurementLine, ("item", "quantity", "amount"))))

OVERALL_FIELDS = model_columns(
    m.OverallPerformance, ("title", "amount_unit", "fill_date", "filler", "phone",
                           "spending_split", "functions_summary", "annual_tasks",
                           "long_term_summary", "annual_summary"), amount_unit=CHOICE)
OVERALL = Sheet("整体绩效", "整体支出绩效目标表", PAIR_COLUMNS, pairs=True,
                note="本单位不编制整体绩效目标表时，“内容”全部留空")
OVERALL_PROJECTS = Sheet("整体绩效项目", "整体支出绩效目标表·项目支出情况", model_columns(
    m.OverallPerformanceProject, ("name", "project_type", "total", "current", "purpose")))
OVERALL_OWNER = "整体"
GOALS = Sheet("绩效目标", "绩效目标", (
    col("number", "序号", INT), col("owner", "所属", TEXT, width=10),
    col("term", "目标类型", CHOICE, choices=choices(m.GoalTerm)),
    col("label", "目标名称"), col("text", "目标内容", LONG, width=60)),
    note="“所属”填“整体”或项目表序号")
INDICATORS = Sheet("绩效指标", "绩效指标", (
    col("goal", "目标序号", INT), col("level1", "一级指标"), col("level2", "二级指标"),
    col("name", "三级指标", width=30), col("prior2", "前年"), col("prior1", "上年"),
    col("value", "指标值", width=24), col("basis", "指标值确定依据", LONG, width=30),
    col("nature", "指标性质", width=10), col("unit", "度量单位", width=10),
    col("weight", "权重", width=8), col("direction", "指标方向性", width=10)), freeze_cols=4)
PERSONNEL = Sheet("人员构成", "人员构成", (
    col("category", "类别", CHOICE, choices=choices(m.PersonnelCategory)),
    col("kind", "其中", width=24), col("count", "人数", INT)),
    note="“其中”留空的行是该类别的合计")
FACT_FIELDS = (
    col("procurement.goods", "货物类", AMOUNT, nullable=True),
    col("procurement.works", "工程类", AMOUNT, nullable=True),
    col("procurement.services", "服务类", AMOUNT, nullable=True),
    col("assets.total", "资产总额", AMOUNT, nullable=True),
    col("assets.fixed", "固定资产", AMOUNT, nullable=True),
    col("assets.vehicles", "车辆数", INT, nullable=True),
    col("assets.large_equipment", "单价100万元以上设备", INT, nullable=True),
    col("assets.disposed", "处置国有资产", AMOUNT, nullable=True))
FACTS = Sheet("采购与资产", "政府采购预算与国有资产占用", (
    col("label", "项目", width=24), col("value", "内容", AMOUNT, width=20)), pairs=True,
    note="金额单位见右侧；车辆数、设备数为个数；未说明的留空")
PRIOR_YEAR = Sheet("以前年度数", "以前年度数（用于同比）", (
    col("year", "年度", INT), col("measure", "口径", CHOICE, width=22, choices=choices(m.Measure)),
    col("code", "编码", CODE, width=24), col("amount", "金额", AMOUNT, signed=True)))
NARRATIVE = Sheet("说明文字", "说明文字（原因、说明等人工填写的文字）", (
    col("key", "栏目", CODE, width=32), col("text", "内容", LONG, width=80)))
PUBLISHED = Sheet("公开说明原文", "公开说明原文", (
    col("section", "章节", width=40), col("text", "原文", LONG, width=100)))
GLOSSARY = Sheet("名词解释", "名词解释", (
    col("term", "名词", width=30), col("definition", "解释", LONG, width=80),
    col("function", "所释科目", CODE)))

DATA_SHEETS = (EXPENDITURE_DETAIL, PROJECT_ECONOMIC, PROJECT_FORMS, FORM_LINES, RECENT_SPENDING,
               MEASUREMENTS, PROCUREMENTS, OVERALL, OVERALL_PROJECTS, GOALS, INDICATORS,
               PERSONNEL, FACTS, PRIOR_YEAR, NARRATIVE, PUBLISHED, GLOSSARY)
SHEETS = (COVER, UNITS) + tuple(s for s, _ in OFFICIAL_TABLES) + DATA_SHEETS

assert all(len(s.name) <= 31 for s in SHEETS), "Excel sheet names are at most 31 characters"
assert len({s.name for s in SHEETS}) == len(SHEETS)
