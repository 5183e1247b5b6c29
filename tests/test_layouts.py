"""Layouts are data: each region's parts, tables, columns, class lists and number formats are
declared in a preset, and a new region (Sichuan) is a preset plus templates, not a fork."""

import dataclasses
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from budgets import statements
from budgets.models import Budget, FunctionCode, Status
from disclosures import layouts
from disclosures.layouts.spec import GROUPED, PLAIN, Format, chinese_number, table_template
from disclosures.presentation import document_context
from disclosures.presentation.numbers import format_number, format_wan, share, wan

from .test_disclosure_page import budget_for

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "disclosures" / "tables"


@pytest.mark.parametrize("key", sorted(layouts.PRESETS))
def test_every_preset_is_complete_and_consistent(key):
    layout = layouts.get_layout(key)
    keys = [t.key for t in layout.tables]
    assert len(keys) == len(set(keys)), "table keys must be unique within a layout"
    for table in layout.tables:
        template = table_template(table.kind).removeprefix("disclosures/tables/")
        assert (TEMPLATES / template).exists(), table.kind
        assert table.source in statements.TABLES or table.source == "", table.source
    assert [p.key for p in layout.parts].count("tables") == 1
    for part in layout.parts:
        for attachment in part.attachments:
            assert attachment in keys


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(layouts.PRESETS))
def test_the_classes_a_layout_lists_exist_in_the_catalog(key):
    catalog = set(FunctionCode.objects.filter(year__year=2026, level="class")
                  .values_list("code", flat=True))
    for table in layouts.get_layout(key).tables:
        if table.two_sided:
            for line in table.two_sided.right:
                assert set(getattr(line, "codes", ())) <= catalog


def test_tianmen_lists_23_classes_and_wuhan_24_with_debt_repayment():
    def classes(key):
        right = layouts.get_layout(key).table("overview").two_sided.right
        return next(line.codes for line in right if hasattr(line, "codes"))

    assert len(classes("hubei-tianmen")) == 23 and "231" not in classes("hubei-tianmen")
    assert len(classes("hubei-wuhan")) == 24 and "231" in classes("hubei-wuhan")


def test_ordinals_count_as_the_published_tables_do():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 21, 24)] == \
        ["一", "九", "十", "十一", "二十", "廿一", "廿四"]
    assert layouts.ordinal("（一）", 23) == "（廿三）"


def test_an_unknown_layout_says_which_ones_exist():
    with pytest.raises(layouts.UnknownLayout, match="hubei-tianmen"):
        layouts.get_layout("hubei-xiangyang")


def test_amounts_are_rounded_half_up_once_and_printed_per_layout():
    assert wan(Decimal("12345.00")) == Decimal("1.23")
    assert wan(Decimal("12350.00")) == Decimal("1.24")       # half-up, not half-even
    assert wan(Decimal("12250.00")) == Decimal("1.23")
    assert format_wan(Decimal("13477500.00"), GROUPED) == "1,347.75"
    assert format_wan(Decimal("13477500.00"), PLAIN) == "1347.75"
    assert format_wan(Decimal("0"), PLAIN) == ""
    assert format_wan(Decimal("0"), Format(zero="0.00")) == "0.00"
    assert format_number(Decimal("12.60"), Format(zero="0", decimals=None)) == "12.6"
    assert format_number(Decimal("38700"), Format(zero="0", decimals=None)) == "38700"
    assert share(Decimal("911440"), Decimal("1061440"), 2) == "85.87%"
    assert share(Decimal("1"), Decimal("1"), 2) == "100%"
    assert share(Decimal("9888549.99"), Decimal("13477500"), 0) == "73%"


@pytest.mark.django_db
def test_the_order_of_parts_follows_the_preset(client, monkeypatch):
    budget = budget_for("wuhan-hrss-info-center-2026")
    wuhan = layouts.get_layout("hubei-wuhan")
    # The same document in the Tianmen order: 情况说明 before the tables.
    reordered = dataclasses.replace(wuhan, key="test-order",
                                    parts=(wuhan.parts[0], wuhan.parts[2], wuhan.parts[1],
                                           wuhan.parts[3]))
    monkeypatch.setitem(layouts.PRESETS, "test-order", reordered)
    Budget.objects.filter(pk=budget.pk).update(layout="test-order")
    html = client.get(page_url(budget)).content.decode()
    assert html.index('class="part part-narrative" id="part-2"') < \
        html.index('class="part part-tables" id="part-3"') < html.index('data-table="overview"')


def page_url(budget):
    org = budget.organisation
    return reverse("disclosures:document", kwargs={
        "region": org.region.code, "year": budget.fiscal_year.year, "org": org.code})


@pytest.fixture
def sichuan_page(client):
    budget = budget_for("tianmen-social-insurance-bureau-2026")
    Budget.objects.filter(pk=budget.pk).update(layout="sichuan-dazhou")
    response = client.get(page_url(budget))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_sichuan_prints_its_own_table_set_in_order(sichuan_page):
    headings = re.findall(r'<h3 class="table-heading"[^>]*>(表[\d\-]+)</h3>', sichuan_page)
    assert headings == ["表1", "表1-1", "表1-2", "表2", "表2-1", "表3", "表3-1", "表3-2", "表3-3",
                        "表4", "表4-1", "表5", "表6"]


@pytest.mark.django_db
def test_sichuan_splits_function_codes_beside_the_unit_code_with_leaf_rows_only(sichuan_page):
    table = sichuan_page.split('data-table="expenditure"')[1].split("</table>")[0]
    assert re.search(r'<td class="code">208</td><td class="code">01</td>'
                     r'<td class="code">09</td><td class="code">213002</td>'
                     r'<td class="name">社会保险经办机构</td>', table)
    codes = re.findall(r'<td class="code">(\d+)</td>', table)
    assert "20801" not in codes and "2080109" not in codes      # no 类/款 rows, no joined code
    assert 'data-row="2080109@213002" data-col="total">666.62<' in table


@pytest.mark.django_db
def test_sichuan_prints_flat_income_columns_and_a_flat_indicator_table(sichuan_page):
    income = sichuan_page.split('data-table="income"')[1].split("</table>")[0]
    assert "用事业基金弥补收支差额" in income and "本年收入" not in income
    assert "指标性质" in sichuan_page and "权重" in sichuan_page and "指标方向性" in sichuan_page
    appropriation = sichuan_page.split('data-table="appropriation"')[1].split("</table>")[0]
    assert "总 计" not in appropriation


@pytest.mark.django_db
def test_the_published_status_is_what_makes_a_page_public(client):
    budget = budget_for("tianmen-hrss-info-center-2026")
    assert document_context(budget)["title"] == "天门市人力资源和社会保障信息中心2026年部门预算公开"
    Budget.objects.filter(pk=budget.pk).update(status=Status.DRAFT)
    assert client.get(page_url(budget)).status_code == 404
