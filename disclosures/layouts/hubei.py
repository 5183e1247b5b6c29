"""Hubei presets: the Tianmen 部门预算 and the Wuhan 单位预算, as the seeds print them."""

from .spec import (
    BY_UNIT,
    CODE_TREE,
    FORM,
    GLOSSARY,
    GROUPED,
    INCOME,
    NARRATIVE,
    PERFORMANCE_OVERALL,
    PERFORMANCE_PROJECT,
    PROFILE,
    PROJECTS,
    TABLES,
    THREE_PUBLIC,
    TWO_SIDED,
    Classes,
    Details,
    Layout,
    Line,
    Part,
    Table,
    TwoSided,
    col,
)

# Classes printed in 收支总表 / 财政拨款收支总表, by code (names come from the catalog).
CLASSES_23 = ("201", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214",
              "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "232", "233")
CLASSES_24 = CLASSES_23[:-2] + ("231",) + CLASSES_23[-2:]      # adds 债务还本支出

GENERAL_DETAILS = Details("general_budget", (
    "经费拨款（补助）", "行政事业单位资产收益拨款", "专项收入", "其他纳入预算管理的非税拨款",
    "预算内基本建设投资", "中央专项转移支付补助"))
GOV_FUND_DETAILS = Details("gov_fund", ("政府性基金财政拨款", "政府性基金转移支付"))

OVERVIEW_REVENUE = (
    ("一般公共预算拨款收入", "general_budget"), ("政府性基金预算拨款收入", "gov_fund"),
    ("国有资本经营预算拨款收入", "soe_capital"), ("财政专户管理资金收入", "fiscal_special"),
    ("事业收入", "business"), ("事业单位经营收入", "operating"),
    ("上级补助收入", "superior_subsidy"), ("附属单位上缴收入", "subordinate_remit"),
    ("其他收入", "other"))
OVERVIEW_FOOTER = (
    (("本年收入合计", "revenue_current"), ("本年支出合计", "expenditure_current")),
    (("上年结转结余", "carryover_in"), ("年终结转结余", "carryover_out")),
    (("收 入 总 计", "revenue_total"), ("支 出 总 计", "expenditure_total")))
APPROPRIATION_FOOTER = ((("收 入 总 计", "revenue_total"), ("支 出 总 计", "expenditure_total")),)
OVERVIEW_NOTE = "备注：财政专户管理资金收入是指教育收费收入；事业收入不含教育收费收入，下同。"


def overview(classes, *, details):
    left = []
    for label, source in OVERVIEW_REVENUE:
        left.append(Line(label, (f"revenue:{source}",)))
        left.extend(d for d in details if d.source == source)
    return TwoSided(left=tuple(left), right=(Classes(classes),), footer=OVERVIEW_FOOTER)


def appropriation(classes, *, details):
    def block(prefix):
        lines = []
        for label, source in (("一般公共预算拨款", "general_budget"),
                              ("政府性基金预算拨款", "gov_fund"),
                              ("国有资本经营预算拨款", "soe_capital")):
            lines.append(Line(label, (f"{prefix}:{source}",), level=2))
            if prefix == "revenue":
                lines.extend(d for d in details if d.source == source)
        return lines

    left = (Line("本年收入", ("revenue_current",)), *block("revenue"),
            Line("上年结转", ("carryover_in",)), *block("carryover"))
    right = (Line("本年支出", ("expenditure_current",)), Classes(classes, level=2),
             Line("年终结转结余", ("carryover_out",)))
    return TwoSided(left=left, right=right, footer=APPROPRIATION_FOOTER)


CODE = col("code", "科目编码")
NAME = col("name", "科目名称")
EXPENDITURE_COLUMNS = (CODE, NAME, col("total", "合计"), col("basic", "基本支出"),
                       col("project", "项目支出"), col("operating", "事业单位经营支出"),
                       col("remit", "上缴上级支出"), col("subsidy", "对附属单位补助支出"))
GENERAL_COLUMNS = (col("total", "合计"), col("basic", "基本支出", "小计"),
                   col("personnel", "基本支出", "人员经费"),
                   col("public", "基本支出", "公用经费"), col("project", "项目支出"))
BASIC_COLUMNS = (col("code", "部门预算支出经济分类科目", "科目编码"),
                 col("name", "部门预算支出经济分类科目", "科目名称"),
                 col("total", "本年一般公共预算基本支出", "合计"),
                 col("personnel", "本年一般公共预算基本支出", "人员经费"),
                 col("public", "本年一般公共预算基本支出", "公用经费"))
THREE_PUBLIC_COLUMNS = (col("total", "“三公”经费合计"), col("overseas", "因公出国（境）费"),
                        col("vehicle", "公务用车购置及运行费", "小计"),
                        col("vehicle_purchase", "公务用车购置及运行费", "公务用车购置费"),
                        col("vehicle_operation", "公务用车购置及运行费", "公务用车运行费"),
                        col("reception", "公务接待费"))


def fund_columns(group):
    return (CODE, NAME, col("total", group, "合计"), col("basic", group, "基本支出"),
            col("project", group, "项目支出"))


PROJECT_AMOUNTS = (
    col("total", "合计"),
    col("current_general", "本年拨款", "一般公共预算"),
    col("current_gov_fund", "本年拨款", "政府性基金预算"),
    col("current_soe", "本年拨款", "国有资本经营预算"),
    col("carryover_general", "财政拨款结转结余", "一般公共预算"),
    col("carryover_gov_fund", "财政拨款结转结余", "政府性基金预算"),
    col("carryover_soe", "财政拨款结转结余", "国有资本经营预算"),
    col("fiscal_special", "财政专户管理资金"), col("unit_funds", "单位资金"))

CURRENT = "本年收入"
CARRIED = "上年结转结余"
TIANMEN_INCOME = (
    col("code", "部门（单位）代码"), col("name", "部门（单位）名称"), col("total", "合计"),
    col("current", CURRENT, "小计"),
    col("current:general_budget", CURRENT, "一般公共预算"),
    col("current:gov_fund", CURRENT, "政府性基金预算"),
    col("current:soe_capital", CURRENT, "国有资本经营预算"),
    col("current:fiscal_special", CURRENT, "财政专户管理资金"),
    col("current:business", CURRENT, "事业收入"),
    col("current:operating", CURRENT, "事业单位经营收入"),
    col("current:superior_subsidy", CURRENT, "上级补助收入"),
    col("current:subordinate_remit", CURRENT, "附属单位上缴收入"),
    col("current:other", CURRENT, "其他收入"),
    col("carryover", CARRIED, "小计"),
    col("carryover:general_budget", CARRIED, "一般公共预算"),
    col("carryover:gov_fund", CARRIED, "政府性基金预算"),
    col("carryover:fiscal_special", CARRIED, "财政专户管理资金"),
    col("carryover:unit_funds", CARRIED, "单位资金"))
# Wuhan prints 国有资本经营预算 under both 本年收入 and 上年结转结余.
WUHAN_INCOME = TIANMEN_INCOME[:16] + (
    col("carryover:soe_capital", CARRIED, "国有资本经营预算"),) + TIANMEN_INCOME[16:]

# The Tianmen 国有资本经营预算支出表 splits spending by project class, beside unit columns:
# 人员类 is basic personnel spending plus personnel projects, 公用经费 the basic public
# spending, 其他运转类 the operating projects, 特定目标类 every other project (statements).
TIANMEN_SOE_COLUMNS = (
    col("code", "功能科目编码"), col("name", "功能科目名称"), col("unit_code", "单位编码"),
    col("unit_name", "单位名称"), col("total", "总计"), col("personnel_class", "人员类项目支出"),
    col("public", "运转类项目支出", "公用经费项目支出"),
    col("operating_class", "运转类项目支出", "其他运转类项目支出"),
    col("specific_class", "特定目标类项目支出"))

TIANMEN_EMPTY = "备注：《{title}》为空表"

TIANMEN = Layout(
    key="hubei-tianmen",
    name="湖北·天门 部门预算（概况→编制情况说明→公开表→名词解释）",
    title="{org}{year}年部门预算公开",
    parts=(
        Part(PROFILE, "第一部分 部门概况",
             sections=("一、主要职责及机构设置情况", "二、部门预算单位构成", "三、人员构成")),
        Part(NARRATIVE, "第二部分 {year}年部门预算编制情况说明",
             sections=("一、预算收支安排及增减变化情况", "二、机关运行经费预算安排及增减变化情况",
                       "三、“三公”经费预算安排情况及增减变化情况", "四、政府采购预算安排情况",
                       "五、国有资产占用情况", "六、重点项目预算的绩效目标等预算绩效情况说明"),
             attachments=("performance_overall", "performance_project")),
        Part(TABLES, "第三部分 {year}年部门预算公开表"),
        Part(GLOSSARY, "第四部分 名词解释"),
    ),
    tables=(
        Table("overview", "overview", TWO_SIDED, "1", "收支总表", toc="部门收支总表",
              note=OVERVIEW_NOTE,
              two_sided=overview(CLASSES_23, details=(GENERAL_DETAILS, GOV_FUND_DETAILS))),
        Table("income", "income", INCOME, "2", "收入总表", toc="部门收入总表", fmt=GROUPED,
              columns=TIANMEN_INCOME),
        Table("expenditure", "expenditure", CODE_TREE, "3", "支出总表", toc="部门支出总表",
              fmt=GROUPED, columns=EXPENDITURE_COLUMNS),
        Table("appropriation", "appropriation", TWO_SIDED, "4", "财政拨款收支总表",
              two_sided=appropriation(CLASSES_23, details=(GENERAL_DETAILS, GOV_FUND_DETAILS))),
        Table("general_budget", "general_budget", CODE_TREE, "5", "一般公共预算支出表",
              fmt=GROUPED, columns=(CODE, NAME) + GENERAL_COLUMNS),
        Table("basic", "basic", CODE_TREE, "6", "一般公共预算基本支出表", fmt=GROUPED,
              columns=BASIC_COLUMNS),
        Table("three_public", "three_public", THREE_PUBLIC, "7", "一般公共预算“三公”经费支出表",
              columns=THREE_PUBLIC_COLUMNS, empty_note=TIANMEN_EMPTY),
        Table("gov_fund", "gov_fund", CODE_TREE, "8", "政府性基金预算支出表", fmt=GROUPED,
              columns=fund_columns("本年政府性基金预算支出"), empty_note=TIANMEN_EMPTY),
        Table("projects", "projects", PROJECTS, "9", "项目支出表", fmt=GROUPED,
              columns=(col("group", "项目分类"), col("name", "项目名称")) + PROJECT_AMOUNTS,
              options={"groups": "inline"}),
        Table("soe_capital", "soe_capital", CODE_TREE, "10", "国有资本经营预算支出表",
              fmt=GROUPED, columns=TIANMEN_SOE_COLUMNS, number_row=True,
              empty_note=TIANMEN_EMPTY, options={"unit_rows": True}),
        Table("performance_overall", "", PERFORMANCE_OVERALL, "附件1", "部门整体绩效目标申报表",
              fmt=FORM),
        Table("performance_project", "", PERFORMANCE_PROJECT, "附件2", "项目支出申报明细表",
              fmt=FORM),
    ),
    table_heading="{ordinal}{toc}",
    share_decimals=2,
)

WUHAN_EMPTY = "说明：{year}年无{subject}安排支出。"

WUHAN = Layout(
    key="hubei-wuhan",
    name="湖北·武汉 单位预算（概况→预算表→情况说明→名词解释）",
    title="{org}{year}年单位预算",
    parts=(
        Part(PROFILE, "第一部分 单位概况", sections=("一、单位主要职责", "二、单位机构设置")),
        Part(TABLES, "第二部分 {year}年单位预算表"),
        Part(NARRATIVE, "第三部分 {year}年单位预算情况说明",
             sections=("一、收支预算总体安排情况", "二、收入预算安排情况", "三、支出预算安排情况",
                       "四、财政拨款收支预算总体情况", "五、一般公共预算支出安排情况",
                       "六、一般公共预算基本支出安排情况", "七、一般公共预算“三公”经费支出安排情况",
                       "八、政府性基金预算支出安排情况", "九、国有资本经营预算支出安排情况",
                       "十、项目支出安排情况", "十一、其他重要事项的情况说明")),
        Part(GLOSSARY, "第四部分 名词解释"),
    ),
    tables=(
        Table("overview", "overview", TWO_SIDED, "1", "单位收支总表", fmt=GROUPED,
              note=OVERVIEW_NOTE, two_sided=overview(CLASSES_24, details=())),
        Table("income", "income", INCOME, "2", "单位收入总表", fmt=GROUPED, columns=WUHAN_INCOME),
        Table("expenditure", "expenditure", CODE_TREE, "3", "单位支出总表", fmt=GROUPED,
              columns=EXPENDITURE_COLUMNS),
        Table("appropriation", "appropriation", TWO_SIDED, "4", "财政拨款收支总表",
              two_sided=appropriation(CLASSES_24, details=())),
        Table("general_budget", "general_budget", CODE_TREE, "5-1",
              "一般公共预算支出表(分功能科目)",
              toc="一般公共预算支出表(分功能科目，分单位)", fmt=GROUPED,
              columns=(CODE, NAME) + GENERAL_COLUMNS),
        Table("general_budget_by_unit", "general_budget_by_unit", BY_UNIT, "5-2",
              "一般公共预算支出表(分单位)", fmt=GROUPED, total_row=False, in_toc=False,
              columns=(col("code", "单位编码"), col("name", "单位名称")) + GENERAL_COLUMNS),
        Table("basic", "basic", CODE_TREE, "6", "一般公共预算基本支出表", fmt=GROUPED,
              columns=BASIC_COLUMNS),
        Table("three_public", "three_public", THREE_PUBLIC, "7", "一般公共预算“三公”经费支出表",
              fmt=GROUPED, columns=THREE_PUBLIC_COLUMNS, empty_note=WUHAN_EMPTY,
              options={"subject": "一般公共预算“三公”经费"}),
        Table("gov_fund", "gov_fund", CODE_TREE, "8", "政府性基金预算支出表", fmt=GROUPED,
              columns=fund_columns("本年政府性基金预算支出"), empty_note=WUHAN_EMPTY,
              options={"subject": "政府性基金预算"}),
        Table("soe_capital", "soe_capital", CODE_TREE, "9", "国有资本经营预算支出表", fmt=GROUPED,
              columns=fund_columns("本年国有资本经营预算支出"), empty_note=WUHAN_EMPTY,
              options={"subject": "国有资本经营预算"}),
        Table("projects", "projects", PROJECTS, "10", "项目支出表", toc="项目支出情况表",
              fmt=GROUPED, total_row=False,
              columns=(col("code", "项目编码"), col("name", "项目名称"),
                       col("unit_name", "项目单位")) + PROJECT_AMOUNTS,
              options={"groups": "rows"}),
        Table("performance_overall", "", PERFORMANCE_OVERALL, "11", "整体支出绩效目标申报表",
              toc="整体支出绩效目标表", fmt=FORM),
        Table("performance_project", "", PERFORMANCE_PROJECT, "12", "项目支出绩效目标表",
              fmt=FORM, options={"numbered": True}),
    ),
    table_heading="表{number}",
    filler="单位：{org}",
    share_decimals=0,
    revenue_rows=(("财政拨款", "fiscal", "revenue_fiscal"),
                  ("财政专户管理资金", "fiscal_special", "revenue_fiscal_special"),
                  ("单位资金", "unit_funds", "revenue_unit_funds")),
    spending_rows=(("人员类项目支出", "personnel", "expenditure_personnel_class"),
                   ("运转类项目支出", "public", "expenditure_operating_class"),
                   ("特定目标类项目支出", "project", "expenditure_specific_class")),
    glossary_style="（一）",
)
