"""The officer sees the generated narrative in the admin, with a field for the reason beside
each sentence that needs one; an empty reason is flagged, a typed one is saved."""

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory

from budgets import models as m
from budgets import workflow
from budgets.admin_narrative import narrative_view
from budgets.narrative import missing_reasons

from .test_seed_figures import budget_for

HRSS = "tianmen-hrss-info-center-2026"


@pytest.fixture
def draft():
    """A correction of the information centre's budget: a draft its officer may edit."""
    publisher = get_user_model().objects.get(username="demo-publisher")
    draft = workflow.correct(budget_for(HRSS), acting_user=publisher, reason="补充原因说明")
    m.NarrativeText.objects.filter(budget=draft, key="reason.running_cost_change").delete()
    return draft


def page(user, budget, data=None):
    factory = RequestFactory()
    url = f"/admin/budgets/budget/{budget.pk}/narrative/"
    request = factory.post(url, data) if data is not None else factory.get(url)
    request.user = user
    request._dont_enforce_csrf_checks = True
    request.session = {}
    request._messages = FallbackStorage(request)
    response = narrative_view(site._registry[m.Budget], request, str(budget.pk))
    if hasattr(response, "render"):
        response.render()
    return response


@pytest.mark.django_db
def test_the_page_shows_the_generated_text_and_flags_the_missing_reason(officer, draft):
    html = page(officer, draft).content.decode()
    assert "2026年机关运行经费预算总额7.44万元，比上年预算增加0.05万元，增长0.68%。" in html
    assert 'name="reason.running_cost_change"' in html
    assert "还有 1 处原因未填写" in html
    assert "工会经费2.90万元" in html


@pytest.mark.django_db
def test_a_typed_reason_is_saved_and_completes_the_narrative(officer, draft):
    response = page(officer, draft, {"reason.running_cost_change": "公用经费标准提高"})
    assert response.status_code == 302
    assert missing_reasons(draft) == []
    text = m.NarrativeText.objects.get(budget=draft, key="reason.running_cost_change").text
    assert text == "公用经费标准提高"
    assert "增长主要原因是公用经费标准提高。" in page(officer, draft).content.decode()


@pytest.mark.django_db
def test_a_published_budget_shows_its_narrative_but_takes_no_reasons(officer):
    published = budget_for(HRSS)
    html = page(officer, published).content.decode()
    assert "保存原因说明" not in html
    with pytest.raises(PermissionDenied):
        page(officer, published, {"reason.running_cost_change": "x"})
