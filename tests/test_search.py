"""Citizens find a published disclosure by part of its Chinese name, a code, a department, a
region, a year, a project name or a function class, on SQLite and on PostgreSQL alike."""

import pytest
from django.db import connection

from budgets import statements
from budgets.models import Budget, Status
from disclosures.search import SearchError, highlight, search_disclosures

pytestmark = pytest.mark.django_db


def names(result):
    return [h.organisation.name for h in result.hits]


def test_part_of_a_unit_name_finds_the_unit():
    assert names(search_disclosures(q="社会保险")) == ["天门市社会保险事业管理局"]
    assert sorted(names(search_disclosures(q="信息中心"))) == [
        "天门市人力资源和社会保障信息中心", "武汉市人力资源和社会保障信息中心"]


def test_the_match_is_highlighted_and_escaped():
    hit = search_disclosures(q="社会保险").hits[0]
    assert str(hit.name_html) == "天门市<mark>社会保险</mark>事业管理局"


def test_a_project_name_finds_the_budget_that_funds_it():
    hit = search_disclosures(q="社保").hits[0]
    assert hit.organisation.name == "天门市社会保险事业管理局"
    assert [str(p) for p in hit.projects] == ["<mark>社保</mark>工作经费"]


def test_a_unit_code_and_a_department_code_find_their_budgets():
    assert names(search_disclosures(q="213002")) == ["天门市社会保险事业管理局"]
    assert len(search_disclosures(q="213").hits) == 2
    assert len(search_disclosures(department="213").hits) == 2


def test_region_and_year_narrow_the_results():
    assert names(search_disclosures(region="420100")) == ["武汉市人力资源和社会保障信息中心"]
    assert search_disclosures(region="420100", q="社会保险").count == 0
    assert search_disclosures(year=2026).count == 3
    assert search_disclosures(year="2025").count == 0


def test_list_figures_equal_the_standard_tables():
    for hit in search_disclosures().hits:
        data = statements.BudgetData(hit.budget)
        assert hit.total == statements.overview(data).row("expenditure_current")["amount"]
        assert hit.three_public_total == statements.three_public_table(data).total["total"]


def test_a_function_class_lists_every_unit_spending_in_it_with_its_amount():
    result = search_disclosures(function_class="221")
    assert result.count == 3
    for hit in result.hits:
        table = statements.function_table(statements.BudgetData(hit.budget))
        assert hit.class_total == table.row("221")["total"]
        assert hit.class_total > 0


def test_results_are_paginated():
    first = search_disclosures(page=1, per_page=2)
    second = search_disclosures(page=2, per_page=2)
    assert (first.count, first.pages, len(first.hits), len(second.hits)) == (3, 2, 2, 1)
    assert first.has_next and not second.has_next and second.has_previous
    assert {h.budget.pk for h in first.hits}.isdisjoint({h.budget.pk for h in second.hits})
    assert search_disclosures(page=99, per_page=2).page == 2


def test_only_published_budgets_are_found():
    assert {h.budget.status for h in search_disclosures().hits} == {Status.PUBLISHED}
    assert search_disclosures().count == Budget.objects.filter(status=Status.PUBLISHED).count()


@pytest.mark.parametrize("params, message", [
    ({"year": "二〇二六"}, "年度应为四位数字"),
    ({"function_class": "22"}, "三位类级科目编码"),
    ({"page": "x"}, "页码应为正整数"),
    ({"q": "长" * 51}, "不能超过 50 个字"),
])
def test_bad_parameters_get_a_chinese_message(params, message):
    with pytest.raises(SearchError, match=message):
        search_disclosures(**params)


def test_highlighting_cannot_inject_markup_or_break_entities():
    assert highlight("A&B<i>", "&") == "A<mark>&amp;</mark>B&lt;i&gt;"
    assert highlight("amp & co", "amp") == "<mark>amp</mark> &amp; co"
    assert highlight("<b>", "") == "&lt;b&gt;"


def test_a_search_page_costs_three_queries(django_assert_num_queries):
    with django_assert_num_queries(3):     # count, page, matching projects
        search_disclosures(q="社保")


def test_trigram_indexes_exist_exactly_on_postgresql():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "budgets_project")
    assert ("project_name_trgm" in indexes) == (connection.vendor == "postgresql")
