"""Entering a budget through the admin forms: codes come from the budget's own catalog year
and at the level the table needs; the page lists which standard tables are filled."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from budgets import workflow
from budgets.models import Budget, EconomicCode, FiscalYear, FunctionCode, Status
from tests.admin_form import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = User.objects.get(username="demo-officer")
    client.force_login(user)
    return user


@pytest.fixture
def draft():
    published = Budget.objects.get(organisation__code="213011", status=Status.PUBLISHED)
    return workflow.correct(published, acting_user=User.objects.get(username="demo-publisher"),
                            reason="录入测试")


def search(client, model_name, field_name, term):
    response = client.get(reverse("admin:autocomplete"), {
        "term": term, "app_label": "budgets", "model_name": model_name,
        "field_name": field_name})
    return [r["text"] for r in response.json()["results"]]


def test_a_function_code_is_offered_from_the_budgets_year_at_item_level(client, officer, draft):
    assert FunctionCode.objects.filter(code="2080109").count() == 2   # 2025 and 2026
    found = search(client, "expenditureitem", "function_code", "20801")
    assert "2080109 社会保险经办机构" in found
    assert "20801 人力资源和社会保障管理事务" not in found
    assert len(found) == len(set(found))


def test_an_economic_code_is_offered_at_section_level(client, officer, draft):
    found = search(client, "basicexpenditureitem", "economic_code", "301")
    assert "30101 基本工资" in found and "301 工资福利支出" not in found


def test_a_code_of_another_years_catalog_is_refused_at_the_field(client, officer, draft):
    url = reverse("admin:budgets_budget_change", args=[draft.pk])
    data = form_data(client.get(url).content.decode(), "budget_form")
    old_year = FiscalYear.objects.get(year=2025)
    data["basic_items-0-economic_code"] = [str(EconomicCode.objects.get(
        year=old_year, code=draft.basic_items.order_by("pk").first().economic_code.code).pk)]
    data["_save"] = ["保存"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "属于 2025 年目录，本预算为 2026 年，请重新选择" in response.content.decode()


def test_the_page_lists_which_standard_tables_are_filled(client, officer, draft):
    page = client.get(reverse("admin:budgets_budget_change", args=[draft.pk]))
    progress = {t["title"]: t["filled"] for t in page.context["progress"]}
    assert progress["支出总表"] and progress["一般公共预算基本支出表"]
    assert not progress["国有资本经营预算支出表"]
    assert 'id="progress"' in page.content.decode()


def test_a_validation_problem_is_shown_at_the_sections_of_the_tables_it_concerns(
        client, officer, draft):
    basic = draft.basic_items.get(economic_code__code="30113")
    basic.personnel += 5000
    basic.save()
    html = client.get(reverse("admin:budgets_budget_change", args=[draft.pk])).content.decode()
    sections = dict(re.findall(
        r'<ul class="errorlist section-problems" data-section="([^"]+)">(.*?)</ul>', html, re.S))
    # 表5 and 表6 disagree on 人员经费: shown above the function rows and the economic rows.
    assert "人员经费" in sections["expenditure_items"]
    assert "人员经费" in sections["basic_items"]
    assert "projects" not in sections     # the project rows have nothing to fix
