"""Bad workbooks: each is refused (or, for harmless variations, read correctly) with a Chinese
message naming the sheet, row and column as Excel names them and the rule, and nothing saved
changes: neither the officer's draft nor the published revision."""

import zipfile
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from openpyxl.xml import DEFUSEDXML

from budgets import models as m
from budgets import workflow
from budgets.exporting import budget_to_document
from budgets.importing.upload import receive
from budgets.workbook import layout as L
from budgets.workbook import write_workbook
from budgets.workbook.reader import CORRUPT, ENCRYPTED, NOT_XLSX

from .workbook_edits import edited

pytestmark = pytest.mark.django_db

BASIC, DETAIL, EXPENDITURE = L.BASIC.name, L.EXPENDITURE_DETAIL.name, L.EXPENDITURE.name


@pytest.fixture
def draft():
    """A correction of the Tianmen information centre's published budget: the officer's draft."""
    published = m.Budget.objects.get(organisation__code="213011", status=m.Status.PUBLISHED)
    publisher = get_user_model().objects.get(username="demo-publisher")
    return workflow.correct(published, acting_user=publisher, reason="测试更正")


@pytest.fixture
def book(draft):
    return write_workbook(draft)


def snapshot():
    budgets = m.Budget.objects.filter(organisation__code="213011").order_by("revision")
    return [(b.status, budget_to_document(b)) for b in budgets]



def refused(officer, data, where, *phrases, status=m.UploadStatus.REJECTED):
    """The upload is kept, refused with a problem at `where` saying `phrases`; nothing saved
    changed."""
    before = snapshot()
    upload = receive(data, acting_user=officer, name="预算.xlsx")
    assert snapshot() == before
    assert upload.pk and upload.status == status and upload.uploaded_by == officer
    problems = upload.report["problems"]
    matching = [p for p in problems if p["where"] == where
                and all(phrase in p["message"] for phrase in phrases)]
    assert matching, "\n".join(f"{p['code']} {p['where']} {p['message']}" for p in problems)
    return matching[0]


def accepted(officer, data):
    before = snapshot()
    upload = receive(data, acting_user=officer, name="预算.xlsx")
    assert snapshot() == before
    assert upload.status == m.UploadStatus.PREVIEWED, upload.report["problems"]
    return upload


def test_a_file_that_is_not_a_workbook(officer, draft):
    refused(officer, "单位代码,金额\n213011,100".encode("gbk"), "", NOT_XLSX)


def test_a_password_protected_workbook(officer, draft):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptionInfo".encode("utf-16-le")
    refused(officer, ole, "", ENCRYPTED)


def test_a_corrupt_workbook(officer, book):
    refused(officer, book[: len(book) // 2], "", CORRUPT)


def test_an_old_xls_file_is_told_to_be_saved_as_xlsx(officer, draft):
    refused(officer, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024), "", "另存为 .xlsx")


def test_a_missing_sheet(officer, book):
    refused(officer, edited(book, lambda wb: wb.remove(wb[BASIC])), BASIC,
            f"缺少工作表“{BASIC}”", "不要删除或改名工作表")


def test_a_renamed_sheet_is_missing_but_spacing_and_width_variants_are_recognised(officer, book):
    def rename(title):
        return lambda wb: setattr(wb[BASIC], "title", title)
    refused(officer, edited(book, rename("基本支出表")), BASIC, "缺少工作表")
    accepted(officer, edited(book, rename("表6　一般公共预算基本支出表")))


def test_shifted_columns_are_read_by_their_headers_and_a_missing_column_is_named(officer, book):
    accepted(officer, edited(book, lambda wb: wb[BASIC].insert_cols(1)))   # all shifted right
    refused(officer, edited(book, lambda wb: wb[BASIC].delete_cols(4)), f"{BASIC}!A3",
            "缺少列：“本年一般公共预算基本支出 / 人员经费”")


def test_merged_cells_in_data_rows(officer, book):
    refused(officer, edited(book, lambda wb: wb[BASIC].merge_cells("D7:E7")), f"{BASIC}!D7",
            "数据行中合并了单元格 D7:E7", "取消合并")


def test_text_in_a_number_cell(officer, book):
    def change(wb):
        wb[DETAIL]["E4"] = "约六十万"
    refused(officer, edited(book, change), f"{DETAIL}!E4", "“人员经费”列应为金额",
            "实际为“约六十万”")


def test_a_formula_in_a_number_cell(officer, book):
    def change(wb):
        wb[BASIC]["D7"] = "=D8+D9"
    refused(officer, edited(book, change), f"{BASIC}!D7", "不能是公式", "选择性粘贴")


def test_thousands_separators_and_full_width_digits_are_read_exactly(officer, book):
    def change(wb):
        wb[DETAIL]["E4"] = "631,500.00"
        wb[DETAIL]["F4"] = "７４４４０"
    upload = accepted(officer, edited(book, change))
    assert (upload.fatal_count, upload.warning_count) == (0, 0)
    assert all(part["changed"] == 0 for part in upload.report["preview"])


def test_a_negative_amount(officer, book):
    def change(wb):
        wb[BASIC]["D7"] = -334240
    refused(officer, edited(book, change), f"{BASIC}!D7", "金额不能为负数", "实际为“-334240”")


def test_an_absurd_amount(officer, book):
    def change(wb):
        wb[DETAIL]["E4"] = 6315000000000
    refused(officer, edited(book, change), f"{DETAIL}!E4", "超过 1 万亿元", "万元填成了元")


def test_an_unknown_function_code(officer, book):
    def change(wb):
        wb[DETAIL]["C4"] = "2080188"
    problem = refused(officer, edited(book, change), f"{DETAIL}!C4", "2080188", "目录中没有此科目",
                      status=m.UploadStatus.INVALID)
    assert problem["code"] == "V111" and problem["fatal"]


def test_a_misplaced_code_is_named_with_the_parent_it_belongs_under(officer, book):
    def change(wb):
        ws = wb[EXPENDITURE]
        for column in range(1, 9):   # swap 2080108 (under 20801) and 2101102 (under 21011)
            a, b = ws.cell(7, column), ws.cell(12, column)
            a.value, b.value = b.value, a.value
    problem = refused(officer, edited(book, change), f"{EXPENDITURE}!A7", "科目位置错误",
                      "应列在其上级科目 21011 之下", status=m.UploadStatus.INVALID)
    assert problem["code"] == "V605"


def test_duplicated_rows(officer, book):
    def change(wb):
        ws = wb[DETAIL]
        ws.append([c.value for c in ws[4]])
    refused(officer, edited(book, change), f"{DETAIL}!C8", "单位、资金性质和科目", "重复")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(officer, book, settings):
    settings.MAX_WORKBOOK_UPLOAD_BYTES = 1024 * 1024
    upload = receive(book + bytes(1024 * 1024), acting_user=officer, name="大文件.xlsx")
    assert upload.status == m.UploadStatus.REJECTED and not upload.file
    [problem] = upload.report["problems"]
    assert "超过上限 1 MB" in problem["message"]


def zipped(members):
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_by_its_unpacked_size(officer, draft):
    bomb = zipped({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml":
                   bytes(201 * 1024 * 1024)})
    assert len(bomb) < 2 * 1024 * 1024
    refused(officer, bomb, "", "解压后超过 200 MB")
    many = zipped({"[Content_Types].xml": b"<Types/>", **{f"x/{i}.xml": b"" for i in range(5001)}})
    refused(officer, many, "", "解压后超过")


def test_xml_entities_are_refused_and_never_expanded(officer, book):
    assert DEFUSEDXML   # openpyxl parses through defusedxml
    external = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
                b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
                b'</sheetData></worksheet>')
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(book)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, external if info.filename.endswith("/sheet9.xml") else data)
    problem = refused(officer, out.getvalue(), "", "已损坏")
    assert "root:" not in str(problem)
