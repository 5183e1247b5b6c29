"""The code catalogs: shipped for 2025 and 2026, imported from a spreadsheet all or nothing."""

import pytest
import tablib

from budgets.code_catalogs import CatalogImportError, import_catalog, load_shipped_catalogs
from budgets.models import CodeLevel, EconomicCode, FunctionCode

pytestmark = pytest.mark.django_db


def catalog(*rows):
    return tablib.Dataset(*rows, headers=["年度", "科目编码", "科目名称", "说明"])


@pytest.mark.parametrize("year", [2025, 2026])
def test_both_years_ship_the_classes_sections_and_the_items_units_use(year):
    functions = FunctionCode.objects.filter(year__year=year)
    assert functions.filter(level=CodeLevel.CLASS).count() >= 25
    item = functions.get(code="2080108")
    assert (item.name, item.level) == ("信息化建设", CodeLevel.ITEM)
    assert item.parent.code == "20801" and item.parent.parent.code == "208"
    # Every 项 of the classes nearly every unit uses.
    assert functions.filter(code__startswith="208", level=CodeLevel.ITEM).count() > 60
    economics = EconomicCode.objects.filter(year__year=year)
    assert economics.filter(level=CodeLevel.SECTION).count() >= 90
    assert economics.get(code="30213").name == "维修（护）费"
    assert economics.get(code="30231").parent.code == "302"


def test_reimporting_the_shipped_catalogs_changes_nothing():
    before = list(FunctionCode.objects.values_list("pk", "code", "name", "parent_id"))
    load_shipped_catalogs()
    assert list(FunctionCode.objects.values_list("pk", "code", "name", "parent_id")) == before


def test_a_new_year_is_created_with_its_codes_and_parents_in_any_row_order():
    import_catalog(catalog(["2027", "2080199", "其他人力资源和社会保障管理事务支出", ""],
                           ["2027", "208", "社会保障和就业支出", ""],
                           ["2027", "20801", "人力资源和社会保障管理事务", ""]), kind="function")
    item = FunctionCode.objects.get(year__year=2027, code="2080199")
    assert item.parent.parent.code == "208"


def test_a_code_without_its_parent_is_refused_naming_the_row_and_nothing_is_saved():
    count = FunctionCode.objects.count()
    with pytest.raises(CatalogImportError) as refused:
        import_catalog(catalog(["2027", "208", "社会保障和就业支出", ""],
                               ["2027", "2089901", "无上级的项", ""]),
                       kind="function", source="功能科目.xlsx")
    assert any("第 3 行" in m and "20899" in m for m in refused.value.messages), \
        refused.value.messages
    assert FunctionCode.objects.count() == count


def test_a_malformed_code_is_refused_with_the_expected_shape():
    with pytest.raises(CatalogImportError) as refused:
        import_catalog(catalog(["2026", "30A01", "基本工资", ""]), kind="economic")
    assert any("3/5 位数字" in m for m in refused.value.messages), refused.value.messages
