"""The citizen portal's pages: browse by region, department and year; search with highlights,
filters and pages; a unit's years side by side with charts drawn from tables; a region's
like-for-like comparison, sortable and downloadable. Each page's queries are pinned and each
page stays light enough for a phone."""

import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from budgets import statements
from budgets.models import Budget, Status

from .test_seed_figures import budget_for, wan

pytestmark = pytest.mark.django_db
PAGE_LIMIT = 300 * 1024
BUREAU = "tianmen-social-insurance-bureau-2026"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def get(client, url, queries, django_assert_num_queries, **params):
    """The page built from scratch (cache emptied), with its queries counted."""
    cache.clear()
    with django_assert_num_queries(queries):
        response = client.get(url, params)
    assert response.status_code == 200
    assert len(response.content) < PAGE_LIMIT
    return response.content.decode()


def test_the_front_page_browses_by_region_department_and_year(client,
                                                               django_assert_num_queries):
    html = get(client, reverse("disclosures:browse"), 5, django_assert_num_queries)
    for text in ("天门市", "武汉市", "天门市人力资源和社会保障局", "2026年", "最新公开",
                 "天门市社会保险事业管理局2026年部门预算"):
        assert text in html
    assert "?region=429006" in html and "?department=213" in html
    assert reverse("disclosures:compare", kwargs={"region": "429006", "year": 2026}) in html


def test_the_site_home_is_the_front_page_and_links_the_full_list(client,
                                                                  django_assert_num_queries):
    html = get(client, "/", 5, django_assert_num_queries)
    assert "最新公开" in html and reverse("disclosures:index") in html


def test_the_search_page_lists_units_with_totals_highlights_and_links(
        client, django_assert_num_queries):
    html = get(client, reverse("disclosures:search"), 5, django_assert_num_queries,
               q="社会保险")
    budget = budget_for(BUREAU)
    data = statements.BudgetData(budget)
    total = statements.overview(data).row("expenditure_current")["amount"]
    assert "天门市<mark>社会保险</mark>事业管理局" in html
    assert f"{wan(total):,}" in html
    assert "4.42" in html                       # 三公 total, 万元
    assert "2026-11" in html or re.search(r"\d{4}-\d{2}-\d{2}", html)
    assert reverse("disclosures:unit", kwargs={"region": "429006", "org": "213002"}) in html
    assert "共找到 <strong>1</strong> 份预算" in html


def test_search_filters_and_pages(client, django_assert_num_queries):
    html = get(client, reverse("disclosures:search"), 4, django_assert_num_queries,
               function_class="221", year="2026")
    assert "共找到 <strong>3</strong> 份预算" in html
    assert "221 类" in html
    html = get(client, reverse("disclosures:search"), 4, django_assert_num_queries,
               region="420100")
    assert "武汉市人力资源和社会保障信息中心" in html and "天门市" not in html.split("results")[1]


def test_a_bad_search_is_explained_in_chinese(client):
    response = client.get(reverse("disclosures:search"), {"function_class": "2"})
    assert response.status_code == 400
    assert "功能分类应为三位类级科目编码" in response.content.decode()


def test_search_results_download_as_xlsx(client):
    response = client.get(reverse("disclosures:search_xlsx"), {"q": "信息中心"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][4] == "单位名称"
    assert sorted(r[4] for r in rows[1:]) == ["天门市人力资源和社会保障信息中心",
                                              "武汉市人力资源和社会保障信息中心"]


def test_the_unit_page_shows_its_years_and_charts_from_tables(client,
                                                              django_assert_num_queries):
    budget = budget_for(BUREAU)
    url = reverse("disclosures:unit", kwargs={"region": "429006", "org": "213002"})
    html = get(client, url, 11, django_assert_num_queries)
    data = statements.BudgetData(budget)
    expenditure = statements.function_table(data)
    assert f"{wan(expenditure.total['basic']):,}" in html
    assert f"{wan(expenditure.total['project']):,}" in html
    assert html.count('data-chart="') == 4
    assert html.count("<canvas") == 4
    assert "vendor/chartjs/chart.umd.min.js" in html and "js/charts.js" in html
    # Every chart's figures are in a captioned table with scope headers.
    assert html.count("<caption>") >= 5 and 'scope="row"' in html and 'scope="col"' in html
    for row in expenditure.rows:
        if row.level == "class":
            assert f'data-value="{wan(row["total"])}"' in html


def test_the_region_comparison_is_like_for_like_with_the_standard_tables(
        client, django_assert_num_queries):
    url = reverse("disclosures:compare", kwargs={"region": "429006", "year": 2026})
    html = get(client, url, 5, django_assert_num_queries)
    for budget in Budget.objects.filter(status=Status.PUBLISHED,
                                        organisation__region__code="429006"):
        data = statements.BudgetData(budget)
        assert budget.organisation.name in html
        assert f"{wan(statements.function_table(data).total['total']):,}" in html
        assert f"{wan(statements.three_public_table(data).total['total']):,}" in html
        assert f"{wan(statements.basic_table(data).total['public']):,}" in html
    assert 'aria-sort="descending"' in html


def test_the_comparison_sorts_and_downloads(client):
    url = reverse("disclosures:compare", kwargs={"region": "429006", "year": 2026})
    ascending = client.get(url, {"sort": "total", "dir": "asc"}).content.decode()
    descending = client.get(url, {"sort": "total", "dir": "desc"}).content.decode()
    small, big = "天门市人力资源和社会保障信息中心", "天门市社会保险事业管理局"
    assert ascending.index(small) < ascending.index(big)
    assert descending.index(big) < descending.index(small)
    response = client.get(reverse("disclosures:compare_xlsx",
                                  kwargs={"region": "429006", "year": 2026}))
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("单位代码", "单位名称", "支出合计")
    assert {r[1] for r in rows[1:3]} == {small, big}


def test_an_unknown_unit_or_region_is_not_found(client):
    assert client.get(reverse("disclosures:unit", kwargs={
        "region": "429006", "org": "nope"})).status_code == 404
    assert client.get(reverse("disclosures:compare", kwargs={
        "region": "429006", "year": 1999})).status_code == 404


def test_two_units_of_a_department_compare_table_by_table(client, django_assert_num_queries):
    url = reverse("disclosures:unit_compare", kwargs={"region": "429006", "org": "213002"})
    html = get(client, url, 22, django_assert_num_queries, **{"with": "213011"})
    bureau = statements.BudgetData(budget_for(BUREAU))
    centre = statements.BudgetData(budget_for("tianmen-hrss-info-center-2026"))
    difference = (statements.three_public_table(bureau).total["total"]
                  - statements.three_public_table(centre).total["total"])
    assert f"<strong>{wan(difference):+,}</strong>" in html
    for title in ("收支总表", "支出总表", "一般公共预算基本支出表", "“三公”经费支出表",
                  "项目支出表"):
        assert title in html
    assert 'class="changed"' in html
    # Both sides of a row come from the standard tables of each budget.
    for code in ("208", "2080108", "2080507"):
        a = statements.function_table(centre).row(code)
        b = statements.function_table(bureau).row(code)
        a, b = (a["total"] if a else 0), (b["total"] if b else 0)
        assert f"<strong>{wan(b - a):+,}</strong>" in html


def test_only_budgets_of_the_same_department_compare(client):
    url = reverse("disclosures:unit_compare", kwargs={"region": "429006", "org": "213002"})
    assert client.get(url, {"with": "503019"}).status_code == 404
