"""The standard workbook: a budget written and read back is the same budget, and bad files
are refused with problems that say where and what."""

import copy
import zipfile
from io import BytesIO

import pytest
from openpyxl import load_workbook

from budgets import models as m
from budgets.exporting import budget_to_document
from budgets.importing.document import save_document
from budgets.importing.errors import ImportFailed
from budgets.workbook import layout as L
from budgets.workbook import read_workbook, write_workbook
from budgets.workbook.reader import ENCRYPTED, NOT_XLSX

from .workbook_edits import edited

pytestmark = pytest.mark.django_db

YEAR = 2031   # a year no seed uses: its catalog is made here
FUNCTIONS = {"201": "一般公共服务支出", "208": "社会保障和就业支出",
             "20801": "人力资源和社会保障管理事务", "2080108": "信息化建设",
             "2080109": "社会保险经办机构", "210": "卫生健康支出", "21011": "行政事业单位医疗",
             "2101102": "事业单位医疗"}
ECONOMICS = {"301": "工资福利支出", "30101": "基本工资", "30102": "津贴补贴",
             "302": "商品和服务支出", "30201": "办公费", "30213": "维修（护）费",
             "30217": "公务接待费"}
INDICATOR = {"level1": "产出指标", "level2": "数量指标", "name": "月均发送短信量",
             "value": "-5%", "prior2": "", "prior1": "10万条", "basis": "计划标准",
             "nature": "≥", "unit": "条", "weight": "10", "direction": "正向"}


@pytest.fixture
def catalog():
    year, _ = m.FiscalYear.objects.get_or_create(year=YEAR)
    for model, codes in ((m.FunctionCode, FUNCTIONS), (m.EconomicCode, ECONOMICS)):
        saved = {}
        for code, name in sorted(codes.items()):
            saved[code] = model.objects.create(
                year=year, code=code, name=name,
                level={3: "class", 5: "section", 7: "item"}[len(code)],
                parent=saved.get(code[:5] if len(code) == 7 else code[:3]))


def document():
    unit, other = "913001", "913002"
    money = dict.fromkeys(("personnel", "public", "project", "operating", "remit", "subsidy"),
                          "0.00")
    zero_project = dict.fromkeys(m.Project.AMOUNT_FIELDS, "0.00")
    return {
        "format": 1,
        "region": {"code": "429906", "name": "测试市", "parent": {"code": "429900",
                                                                 "name": "测试省"}},
        "year": YEAR, "scope": "department", "layout": "hubei-tianmen",
        "organisation": {"code": "913", "name": "测试市人力资源局", "kind": "department"},
        "units": [{"code": "913", "name": "测试市人力资源局", "kind": "department"},
                  {"code": unit, "name": "测试市信息中心"},
                  {"code": other, "name": "测试市社保中心"}],
        "revenue": [
            {"unit": "913", "source": "general_budget", "carryover": False, "amount": "100000.00"},
            {"unit": unit, "source": "general_budget", "carryover": False,
             "amount": "1061400.81"},
            {"unit": unit, "source": "general_budget", "carryover": True, "amount": "5000.00"},
            {"unit": other, "source": "business", "carryover": False, "amount": "20000.55"},
            {"unit": other, "source": "unit_funds", "carryover": True, "amount": "300.00"}],
        "revenue_details": [
            {"source": "general_budget", "label": "经费拨款（补助）", "amount": "1161400.81"},
            {"source": "general_budget", "label": "专项收入", "amount": "0.00"},
            {"source": "business", "label": "=事业收入明细", "amount": "20000.55"}],
        "expenditure": [
            {"unit": unit, "fund": "general_budget", "function": "2080108",
             **money, "personnel": "631500.81", "public": "74400.00", "project": "150000.00"},
            {"unit": unit, "fund": "general_budget", "function": "2101102",
             **money, "personnel": "33000.00"},
            {"unit": "913", "fund": "general_budget", "function": "2080109",
             **money, "personnel": "100000.00"},
            {"unit": other, "fund": "unit_funds", "function": "2080109",
             **money, "operating": "20000.55", "remit": "0.07"}],
        "basic_expenditure": [
            {"economic": "30101", "personnel": "334200.00", "public": "0.00"},
            {"economic": "30102", "personnel": "0.00", "public": "0.00"},
            {"economic": "30201", "personnel": "0.00", "public": "7440.50"},
            {"economic": "30217", "personnel": "0.00", "public": "920.00"}],
        "three_public": {"overseas": "0.00", "vehicle_purchase": "0.00",
                         "vehicle_operation": "35000.00", "reception": "9200.00"},
        "projects": [
            {**zero_project, "code": "", "name": "社会保障投诉咨询服务中心经费", "unit": unit,
             "group_code": "", "group_name": "本级支出项目", "category": "personnel",
             "function": "", "current_general": "150000.00"},
            {**zero_project, "code": "42990026503Y000000101", "name": "信息系统运维项目",
             "unit": unit, "group_code": "", "group_name": "本级支出项目", "category": "",
             "function": "2080108", "carryover_general": "12345678901.23"},
            {**zero_project, "code": "42990026503T000000105", "name": "日常运行经费项目",
             "unit": other, "group_code": "429900260000220000101",
             "group_name": "信息系统运行维护项目", "category": "specific", "function": "",
             "unit_funds": "0.81"},
            {**zero_project, "code": "", "name": "未归类项目", "unit": other, "group_code": "",
             "group_name": "", "category": "operating", "function": "",
             "fiscal_special": "10.00"}],
        "project_forms": [{
            "title": "项目支出绩效目标表", "name": "信息系统运维项目",
            "code": "42990026503Y000000101",
            "projects": ["42990026503Y000000101", "社会保障投诉咨询服务中心经费"],
            "amount_unit": "元", "fill_date": "2031-01-27", "department": "测试市人力资源局",
            "executing_unit": "测试市信息中心", "manager": "=cmd|' /C calc'!A0",
            "phone": "+86 0728-5226073", "address": "@测试路1号", "postcode": "430000",
            "attribute": "持续性项目", "project_type": "", "category": "特定目标类项目",
            "start_year": 2031, "end_year": None, "function_text": "",
            "basis": "第一行\n第二行", "content": "  前后有空格  ", "total_budget": "150000.00",
            "current_budget": None, "prior_budgets_text": "", "change_text": "无变化",
            "recent_spending": [{"year": 2030, "label": "申报数", "amount": "150000.00",
                                 "note": "说明"},
                                {"year": 2029, "label": "执行数", "amount": None, "note": ""}],
            "funding_lines": [{"label": "一般公共预算财政拨款", "amount": "150000.00"},
                              {"label": "其中：申请当年预算拨款", "amount": None}],
            "detail_lines": [{"label": "1. 系统运维", "amount": "150000.00"}],
            "calculation_basis": "按合同测算",
            "measurements": [
                {"activity": "运维", "description": "系统运维", "economic_name": "维修（护）费",
                 "economic": "30213", "amount": "140000.00", "basis": "合同", "remark": ""},
                {"activity": "办公", "description": "", "economic_name": "办公费",
                 "economic": "", "amount": "10000.00", "basis": "", "remark": "备注"}],
            "procurements": [{"item": "笔记本电脑", "quantity": "4", "amount": "28000.00"},
                             {"item": "/", "quantity": "", "amount": None}],
            "overall_goal": "", "long_term_summary": "长期", "annual_summary": "年度",
            "goals": [{"term": "long", "label": "长期目标1", "text": "保障运行",
                       "indicators": [INDICATOR]},
                      {"term": "annual", "label": "", "text": "", "indicators": []}]}],
        "overall_performance": {
            "title": "部门整体绩效目标申报表", "amount_unit": "万元", "fill_date": "",
            "filler": "胡某", "phone": "0728-5226073", "spending_split": "project_class",
            "functions_summary": "职能", "annual_tasks": "任务",
            "projects": [{"name": "社会保障投诉咨询服务中心经费", "project_type": "人员类",
                          "total": "150000.00", "current": None, "purpose": "用途"}],
            "long_term_summary": "", "annual_summary": "年度目标",
            "goals": [{"term": "annual", "label": "年度目标1", "text": "完成任务",
                       "indicators": [{**INDICATOR, "value": "=100%", "weight": ""}]}]},
        "personnel": [{"category": "authorised", "kind": "", "count": 6},
                      {"category": "authorised", "kind": "事业编制", "count": 6},
                      {"category": "retired", "kind": "", "count": 0}],
        "procurement": {"goods": "800.00", "works": "0.00", "services": "0.00"},
        "running_cost_applicable": False,
        "assets": {"total": "35500.00", "fixed": "35500.00", "vehicles": 1,
                   "large_equipment": None, "disposed": None},
        "prior_year": [{"year": 2030, "measure": "revenue_total", "code": "",
                        "amount": "1001700.00"},
                       {"year": 2030, "measure": "function", "code": "2080108",
                        "amount": "-12.50"}],
        "narrative": [{"key": "duties", "text": "主要职责\n第二段"},
                      {"key": "reason.revenue_change", "text": "+增加的原因"}],
        "published_narrative": [{"section": "第二部分 一、预算收支", "text": "收入 106.14 万元"}],
        "glossary": [{"term": "一般公共预算财政拨款收入", "definition": "指……",
                      "function": ""},
                     {"term": "信息化建设", "definition": "反映……", "function": "2080108"}],
    }


def unit_document():
    """One unit's own disclosure (单位预算), under its department."""
    doc, unit = document(), "913001"
    doc["scope"] = "unit"
    doc["organisation"] = {"code": unit, "name": "测试市信息中心", "kind": "unit",
                           "parent": {"code": "913", "name": "测试市人力资源局",
                                      "kind": "department"}}
    doc["units"] = [{"code": unit, "name": "测试市信息中心"}]
    for key in ("revenue", "expenditure"):
        doc[key] = [item for item in doc[key] if item["unit"] == unit]
    for project in doc["projects"]:
        project["unit"] = unit
    return doc


def without_where(value):
    if isinstance(value, dict):
        return {k: without_where(v) for k, v in value.items() if k != "_where"}
    if isinstance(value, list):
        return [without_where(v) for v in value]
    return value


def sheet_values(book):
    wb = load_workbook(BytesIO(book), read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def remove_budget(budget):
    """Forget the budget and everything about its organisations: a fresh database state."""
    region = budget.organisation.region
    budget.delete()
    m.Organisation.objects.filter(region=region, parent__isnull=False).delete()
    m.Organisation.objects.filter(region=region).delete()
    parent = region.parent
    region.delete()
    if parent is not None:
        parent.delete()



def find(ws, value, column=None):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == value and (column is None or cell.column_letter == column):
                return cell
    raise AssertionError(f"{value!r} not in {ws.title}")


def problems_of(book):
    with pytest.raises(ImportFailed) as failed:
        read_workbook(book)
    return failed.value.problems


@pytest.fixture
def book(catalog):
    return write_workbook(save_document(document()))


@pytest.mark.parametrize("make", [document, unit_document], ids=["department", "unit"])
def test_write_read_save_write_gives_the_same_document_and_workbook(catalog, make):
    first = save_document(make())
    exported = budget_to_document(first)
    book = write_workbook(first)

    read = read_workbook(book)
    assert without_where(read) == exported

    remove_budget(first)
    second = save_document(read)
    assert budget_to_document(second) == exported
    assert sheet_values(write_workbook(second)) == sheet_values(book)

    # The document is the one saved (in table order).
    assert exported["three_public"]["reception"] == "9200.00"
    assert exported["revenue"][0] == make()["revenue"][0]
    assert [p["name"] for p in exported["projects"]] == [p["name"] for p in make()["projects"]]
    assert exported["project_forms"][0]["manager"] == "=cmd|' /C calc'!A0"
    assert exported["project_forms"][0]["content"] == "  前后有空格  "


def test_the_workbook_has_every_sheet_with_exact_numbers_and_safe_text(book):
    wb = load_workbook(BytesIO(book))
    assert wb.sheetnames == [s.name for s in L.SHEETS]
    basic = wb[L.BASIC.name]
    assert basic.freeze_panes == "C5"
    assert "A1:E1" in {str(r) for r in basic.merged_cells.ranges}
    assert find(basic, "单位：元").column_letter == "E"
    amount = basic.cell(find(basic, "30101").row, 4)
    assert (amount.value, amount.number_format) == (334200, "#,##0.00")
    forms = wb[L.PROJECT_FORMS.name]
    formula_like = find(forms, "=cmd|' /C calc'!A0")
    assert formula_like.data_type == "s" and formula_like.quotePrefix
    with zipfile.ZipFile(BytesIO(book)) as archive:
        xml = b"".join(archive.read(n) for n in archive.namelist() if n.startswith("xl/work"))
    assert b"<v>1061400.81</v>" in xml and b"<v>0.81</v>" in xml
    assert b"0000000001" not in xml and b"9999999" not in xml   # no float noise
    assert b"<f>" not in xml


def test_amounts_in_wan_yuan_with_separators_and_full_width_digits_are_read_exactly(book):
    def change(wb):
        three = wb[L.THREE_PUBLIC.name]
        find(three, L.UNIT_LINE).value = "单位：万元"
        three.cell(5, 6).value = 0.92               # 公务接待费 0.92 万元
        three.cell(5, 5).value = "3.5"
        detail = wb[L.EXPENDITURE_DETAIL.name]
        row = find(detail, "2080108").row
        detail.cell(row, 5).value = "631,500.81"   # 人员经费
        detail.cell(row, 6).value = "７４４００"      # 公用经费, full-width digits
        detail.cell(row, 7).value = None           # 项目支出: blank is 0

    doc = read_workbook(edited(book, change))
    assert doc["three_public"]["reception"] == "9200.00"
    assert doc["three_public"]["vehicle_operation"] == "35000.00"
    line = next(e for e in doc["expenditure"] if e["function"] == "2080108")
    assert (line["personnel"], line["public"], line["project"]) == (
        "631500.81", "74400.00", "0.00")


def test_a_file_that_is_not_xlsx_is_refused_with_advice():
    for data in (b"just some text", "编号,金额\n1,2".encode("gbk")):
        [problem] = problems_of(data)
        assert problem.message == NOT_XLSX
    xls = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert problems_of(xls)[0].message == NOT_XLSX
    encrypted = xls + "EncryptionInfo".encode("utf-16-le")
    assert problems_of(encrypted)[0].message == ENCRYPTED


def test_a_damaged_file_is_refused(book):
    [problem] = problems_of(book[: len(book) // 2])
    assert "损坏" in problem.message
    [problem] = problems_of(b"PK\x03\x04" + bytes(100))
    assert "损坏" in problem.message


def test_a_missing_sheet_is_named_and_an_extra_sheet_is_harmless(book):
    problems = problems_of(edited(book, lambda wb: wb.remove(wb[L.BASIC.name])))
    assert [p.where for p in problems] == [L.BASIC.name]
    assert "缺少工作表" in problems[0].message
    with_extra = edited(book, lambda wb: wb.create_sheet("Sheet1"))
    assert without_where(read_workbook(BytesIO(with_extra))) == without_where(
        read_workbook(book))


def test_a_hostile_sheet_is_refused_as_damaged(book):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><worksheet>&lol2;</worksheet>')
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(book)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, laughs if info.filename.endswith("/sheet9.xml") else data)
    [problem] = problems_of(out.getvalue())   # defusedxml refuses the entities
    assert "损坏" in problem.message


def test_text_in_an_amount_cell_names_the_cell_the_column_and_the_value(book):
    def change(wb):
        basic = wb[L.BASIC.name]
        basic.cell(find(basic, "30101").row, 4).value = "三十万"

    problems = problems_of(edited(book, change))
    assert len(problems) == 1
    problem = problems[0]
    assert problem.where == f"{L.BASIC.name}!D{7}"
    assert "人员经费" in problem.message and "三十万" in problem.message
    assert "金额" in problem.message


def test_an_item_code_in_the_basic_table_and_an_unknown_header_are_explained(book):
    def change(wb):
        basic = wb[L.BASIC.name]
        find(basic, "30102").value = "3010201"
        income = wb[L.INCOME.name]
        find(income, "事业收入").value = "事业收入（含教育收费）"

    problems = problems_of(edited(book, change))
    messages = {p.where: p.message for p in problems}
    assert "7 位" in messages[f"{L.BASIC.name}!A8"]
    header = next(w for w in messages if w.startswith(L.INCOME.name))
    assert "不是本表的列" in messages[header]


def test_text_too_long_for_a_cell_is_refused_on_writing(catalog):
    doc = document()
    doc["narrative"][1]["text"] = "长" * 40000
    with pytest.raises(ValueError, match=f"{L.NARRATIVE.name}!B5"):
        write_workbook(save_document(doc))


def test_rows_of_a_document_are_read_with_their_cells(book):
    doc = read_workbook(book)
    assert doc["expenditure"][0]["_where"] == f"{L.EXPENDITURE_DETAIL.name}!C4"
    broken = copy.deepcopy(doc)
    broken["expenditure"][0]["unit"] = "999999"
    with pytest.raises(ImportFailed) as failed:
        save_document(broken)
    assert failed.value.problems[0].where == f"{L.EXPENDITURE_DETAIL.name}!C4"
