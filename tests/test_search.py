"""Citizens find a published disclosure by part of its Chinese name, a code, a department, a
region, a year, a project name or a function class, on SQLite and on PostgreSQL alike."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection

from budgets import statements, workflow
from budgets.models import Budget, Organisation, Project, Status
from disclosures.models import SearchEntry
from disclosures.search import SearchError, highlight, search_disclosures
from disclosures.search_index import rebuild

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


def test_a_list_without_a_query_costs_two_queries(django_assert_num_queries):
    with django_assert_num_queries(2):     # count, page (no projects to match)
        search_disclosures(function_class="221", year=2026)


def test_trigram_indexes_exist_exactly_on_postgresql():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "budgets_project")
    assert ("project_name_trgm" in indexes) == (connection.vendor == "postgresql")


def test_the_search_terms_index_exists_exactly_on_postgresql():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "disclosures_searchentry")
    assert ("search_terms" in indexes) == (connection.vendor == "postgresql")


def matches_by_definition(q):
    """The budgets a query must find, decided in Python from the organisations and projects
    themselves: what the search index and both databases' conditions must agree with."""
    def has(text):
        return q.lower() in text.lower() if q.lower() != q.upper() else q in text

    found = set()
    for budget in Budget.objects.filter(status=Status.PUBLISHED).select_related(
            "organisation__parent"):
        org, parent = budget.organisation, budget.organisation.parent
        projects = Project.objects.filter(budget=budget)
        if (has(org.name) or (parent and has(parent.name)) or org.code.startswith(q)
                or (parent and parent.code == q)
                or any(has(p.name) or (q.isascii() and p.code.upper() == q.upper())
                       for p in projects)):
            found.add(budget.pk)
    return found


@pytest.mark.parametrize("q", [
    "社保",          # two characters: answered by the bigram index alone on PostgreSQL
    "社会保险", "信息中心", "人力资源和社会保障", "社保工作经费", "天门市人力资源和社会保障局",
    "中心",          # in two units' names
    "局",            # one character: no bigram, a plain scan
    "213", "21", "2", "213011", "420",   # codes: a unit code's start, a department code
    "经费", "没有这个单位",
])
def test_every_query_finds_exactly_the_budgets_the_definition_finds(q):
    result = search_disclosures(q=q, per_page=100)
    assert {h.budget.pk for h in result.hits} == matches_by_definition(q)
    assert result.count == len(result.hits)


def test_a_whole_project_code_finds_its_budget_in_any_case():
    project = Project.objects.filter(budget__status=Status.PUBLISHED).exclude(code="").first()
    for q in (project.code, project.code.lower()):
        result = search_disclosures(q=q)
        assert project.budget_id in {h.budget.pk for h in result.hits}
        assert {h.budget.pk for h in result.hits} == matches_by_definition(q)
    # A part of a code is not a project code.
    assert project.budget_id not in {h.budget.pk for h in
                                     search_disclosures(q=project.code[3:12]).hits}


def test_control_characters_in_a_query_are_dropped():
    assert names(search_disclosures(q="社会\n保险\x00")) == ["天门市社会保险事业管理局"]


def test_a_published_correction_replaces_its_revision_in_the_search():
    first = Budget.objects.get(organisation__code="213011", status=Status.PUBLISHED)
    publisher = User.objects.get(username="demo-publisher")
    draft = workflow.correct(first, acting_user=publisher, reason="更正项目名称")
    assert {h.budget.pk for h in search_disclosures(q="信息中心").hits} >= {first.pk}
    workflow.submit(draft, acting_user=User.objects.get(username="demo-officer"))
    workflow.approve(draft, acting_user=User.objects.get(username="demo-reviewer"))
    workflow.publish(draft, acting_user=publisher)
    found = {h.budget.pk for h in search_disclosures(q="信息中心").hits}
    assert draft.pk in found and first.pk not in found
    assert search_disclosures().count == Budget.objects.filter(status=Status.PUBLISHED).count()
    assert not SearchEntry.objects.filter(budget=first).exists()


def test_renaming_a_department_is_searchable_at_once_for_it_and_its_units():
    department = Organisation.objects.get(region__code="429006", code="213")
    department.name = "天门市人社局"
    department.save()
    found = {h.organisation.code for h in search_disclosures(q="人社局").hits}
    assert found == {"213002", "213011"}
    assert search_disclosures(q="天门市人力资源和社会保障局").count == 0


def test_saving_an_unchanged_organisation_costs_one_query(django_assert_num_queries):
    organisation = Organisation.objects.select_related("parent").get(
        region__code="429006", code="213011")
    with django_assert_num_queries(2):     # the UPDATE, then one look at its entries
        organisation.save()


def test_the_rebuilt_index_equals_the_one_the_workflow_kept():
    def rows():
        return sorted(SearchEntry.objects.values_list(
            "budget_id", "organisation_id", "year", "published_at", "unit_code",
            "department_code", "names", "project_codes", "function_classes"))

    kept = rows()
    assert len(kept) == Budget.objects.filter(status=Status.PUBLISHED).count()
    SearchEntry.objects.all().delete()
    assert rebuild() == len(kept)
    assert rows() == kept


def test_the_rebuild_command_reports_what_it_indexed(capsys):
    call_command("rebuild_search_index")
    published = Budget.objects.filter(status=Status.PUBLISHED).count()
    assert f"查询索引已重建：{published} 份已公开预算" in capsys.readouterr().out
