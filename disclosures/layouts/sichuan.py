"""Sichuan (Dazhou) preset, from the description in domain.md: its own table set (表1, 1-1,
1-2, 2, 2-1, 3, 3-1, 3-2, 3-3, 4, 4-1, 5, 6), function codes split into 类/款/项 columns beside a
unit-code column with leaf rows only, flat 收入总表 columns, 表2 split by fund without 总计
rows, 表3 split into 当年财政拨款安排 / 上年结转安排, and one flat performance indicator table
(性质, 度量单位, 权重, 方向)."""

from .hubei import CLASSES_24, OVERVIEW_NOTE, THREE_PUBLIC_COLUMNS
from .spec import (
    CODE_TREE,
    FORM,
    GLOSSARY,
    GROUPED,
    INCOME,
    NARRATIVE,
    PERFORMANCE_PROJECT,
    PROFILE,
    PROJECTS,
    TABLES,
    THREE_PUBLIC,
    TWO_SIDED,
    Classes,
    Layout,
    Line,
    Part,
    Table,
    TwoSided,
    col,
)

SPLIT = (col("class_code", "科目编码", "类"), col("section_code", "科目编码", "款"),
         col("item_code", "科目编码", "项"), col("unit_code", "单位代码"),
         col("name", "单位名称（科目）"))
ECONOMIC_SPLIT = (col("class_code", "科目编码", "类"), col("section_code", "科目编码", "款"),
                  col("name", "科目名称"))

# Six categories; sources Sichuan does not print separately are counted in 其他收入.
REVENUE = (
    Line("一般公共预算拨款收入", ("revenue:general_budget",)),
    Line("政府性基金预算拨款收入", ("revenue:gov_fund",)),
    Line("国有资本经营预算拨款收入", ("revenue:soe_capital",)),
    Line("事业收入", ("revenue:business", "revenue:fiscal_special")),
    Line("事业单位经营收入", ("revenue:operating",)),
    Line("其他收入", ("revenue:other", "revenue:superior_subsidy", "revenue:subordinate_remit")),
)
OVERVIEW = TwoSided(
    left=REVENUE, right=(Classes(CLASSES_24),),
    footer=((("本年收入合计", "revenue_current"), ("本年支出合计", "expenditure_current")),
            (("上年结转", "carryover_in"), ("结转下年", "carryover_out")),
            (("收 入 总 计", "revenue_total"), ("支 出 总 计", "expenditure_total"))))
APPROPRIATION = TwoSided(
    left=(Line("本年收入", ("revenue_current",)),
          Line("一般公共预算拨款", ("revenue:general_budget",), level=2),
          Line("政府性基金预算拨款", ("revenue:gov_fund",), level=2),
          Line("国有资本经营预算拨款", ("revenue:soe_capital",), level=2),
          Line("上年结转", ("carryover_in",)),
          Line("一般公共预算拨款", ("carryover:general_budget",), level=2),
          Line("政府性基金预算拨款", ("carryover:gov_fund",), level=2),
          Line("国有资本经营预算拨款", ("carryover:soe_capital",), level=2)),
    right=(Line("本年支出", ("expenditure_current",)), Classes(CLASSES_24, level=2),
           Line("结转下年", ("carryover_out",))),
    footer=())       # Sichuan prints no 总计 rows in 表2

INCOME_COLUMNS = (
    col("code", "单位代码"), col("name", "单位名称"), col("total", "合计"),
    col("carryover", "上年结转"),
    col("current:general_budget", "一般公共预算拨款收入"),
    col("current:gov_fund", "政府性基金预算拨款收入"),
    col("current:soe_capital", "国有资本经营预算拨款收入"),
    col("current:business", "事业收入", keys=("current:business", "current:fiscal_special")),
    col("current:operating", "事业单位经营收入"),
    col("current:other", "其他收入", keys=("current:other", "current:superior_subsidy",
                                       "current:subordinate_remit")),
    col("current:reserve", "用事业基金弥补收支差额"))

EMPTY = "注：本表无数据。"

DAZHOU = Layout(
    key="sichuan-dazhou",
    name="四川·达州 部门预算",
    title="{org}{year}年部门预算",
    parts=(
        Part(PROFILE, "第一部分 部门概况",
             sections=("一、基本职能及主要工作", "二、机构设置", "三、人员构成")),
        Part(NARRATIVE, "第二部分 {year}年部门预算情况说明"),
        Part(TABLES, "第三部分 {year}年部门预算表"),
        Part(GLOSSARY, "第四部分 名词解释"),
    ),
    tables=(
        Table("overview", "overview", TWO_SIDED, "1", "部门收支总表", fmt=GROUPED,
              note=OVERVIEW_NOTE, two_sided=OVERVIEW),
        Table("income", "income", INCOME, "1-1", "部门收入总表", fmt=GROUPED,
              columns=INCOME_COLUMNS),
        Table("expenditure", "expenditure", CODE_TREE, "1-2", "部门支出总表", fmt=GROUPED,
              split_codes=True, columns=SPLIT + (
                  col("total", "合计"), col("basic", "基本支出"), col("project", "项目支出"),
                  col("remit", "上缴上级支出"), col("operating", "事业单位经营支出"),
                  col("subsidy", "对附属单位补助支出"))),
        Table("appropriation", "appropriation", TWO_SIDED, "2", "财政拨款收支总表", fmt=GROUPED,
              two_sided=APPROPRIATION),
        Table("appropriation_economic", "appropriation_economic", CODE_TREE, "2-1",
              "财政拨款支出预算表（部门经济分类科目）", fmt=GROUPED, split_codes=True,
              columns=ECONOMIC_SPLIT + (
                  col("total", "合计"), col("basic", "基本支出", "小计"),
                  col("personnel", "基本支出", "人员经费"), col("public", "基本支出", "公用经费"),
                  col("project", "项目支出")),
              empty_note=EMPTY),
        # Basic spending is all current-year money: only projects carry money over.
        Table("general_budget", "general_budget", CODE_TREE, "3", "一般公共预算支出预算表",
              fmt=GROUPED, split_codes=True, columns=SPLIT + (
                  col("total", "合计"),
                  col("current_total", "当年财政拨款安排", "小计"),
                  col("basic", "当年财政拨款安排", "基本支出"),
                  col("current_project", "当年财政拨款安排", "项目支出"),
                  col("carryover_project", "上年结转安排", "项目支出"))),
        Table("basic", "basic", CODE_TREE, "3-1", "一般公共预算基本支出预算表", fmt=GROUPED,
              split_codes=True, columns=ECONOMIC_SPLIT + (
                  col("total", "合计"), col("personnel", "人员经费"), col("public", "公用经费"))),
        Table("general_projects", "projects", PROJECTS, "3-2", "一般公共预算项目支出预算表",
              fmt=GROUPED, columns=(col("unit_name", "单位名称"), col("name", "项目名称"),
                                    col("current_general", "当年财政拨款安排"),
                                    col("carryover_general", "上年结转安排")),
              empty_note=EMPTY,
              options={"groups": "none", "skip_zero": True, "total_label": "合计"}),
        Table("three_public", "three_public", THREE_PUBLIC, "3-3",
              "一般公共预算“三公”经费支出预算表", fmt=GROUPED, columns=THREE_PUBLIC_COLUMNS,
              empty_note=EMPTY),
        Table("gov_fund", "gov_fund", CODE_TREE, "4", "政府性基金支出预算表", fmt=GROUPED,
              split_codes=True, columns=SPLIT + (
                  col("total", "合计"), col("basic", "基本支出"), col("project", "项目支出")),
              empty_note=EMPTY),
        Table("gov_fund_three_public", "gov_fund_three_public", THREE_PUBLIC, "4-1",
              "政府性基金预算“三公”经费支出预算表", fmt=GROUPED,
              columns=THREE_PUBLIC_COLUMNS, empty_note=EMPTY),
        Table("soe_capital", "soe_capital", CODE_TREE, "5", "国有资本经营预算支出预算表",
              fmt=GROUPED, split_codes=True, columns=SPLIT + (
                  col("total", "合计"), col("basic", "基本支出"), col("project", "项目支出")),
              empty_note=EMPTY),
        Table("performance_project", "", PERFORMANCE_PROJECT, "6", "项目支出绩效目标表",
              fmt=FORM, options={"flat_indicators": True}),
    ),
    table_heading="表{number}",
    share_decimals=2,
)
