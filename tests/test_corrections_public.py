"""A correction (更正) in public: the old revision stays readable at its own address with its
own PDF, the current page says when and why it was corrected, and the changes are shown side
by side."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from budgets import workflow
from budgets.models import Budget, Status

from .corrections import approved_housing_fund_correction

pytestmark = pytest.mark.django_db


@pytest.fixture
def corrected():
    """The information centre's 2026 budget, corrected: one figure and one reason changed."""
    first = Budget.objects.get(organisation__code="213011", status=Status.PUBLISHED)
    draft = approved_housing_fund_correction(
        first, reason_text="在职人员基本工资有所增加，住房公积金按新基数缴存。")
    publisher = User.objects.get(username="demo-publisher")
    workflow.publish(draft, acting_user=publisher)
    first.refresh_from_db()
    draft.refresh_from_db()
    return first, draft


def address(budget, **extra):
    org = budget.organisation
    return {"region": org.region.code, "year": budget.fiscal_year.year, "org": org.code,
            **extra}


def test_the_current_page_says_it_was_corrected_when_and_why(client, corrected):
    old, new = corrected
    html = client.get(reverse("disclosures:document", kwargs=address(new))).content.decode()
    assert "更正版（第2版）" in html and "更正原因：更正住房公积金金额" in html
    assert reverse("disclosures:revision", kwargs=address(old, revision=1)) in html
    assert reverse("disclosures:changes", kwargs=address(new, revision=2)) in html


def test_the_corrected_revision_stays_readable_at_its_own_address_with_its_own_pdf(
        client, corrected):
    old, new = corrected
    page = client.get(reverse("disclosures:revision", kwargs=address(old, revision=1)))
    assert page.status_code == 200
    assert "本页为第1版" in page.content.decode()
    old_pdf = client.get(reverse("disclosures:revision_pdf", kwargs=address(old, revision=1)))
    new_pdf = client.get(reverse("disclosures:pdf", kwargs=address(new)))
    assert old_pdf.status_code == new_pdf.status_code == 200
    assert old_pdf["ETag"] != new_pdf["ETag"]


def test_the_changes_page_shows_old_and_new_figures_and_texts_side_by_side(client, corrected):
    _, new = corrected
    html = client.get(reverse("disclosures:changes", kwargs=address(new, revision=2))
                      ).content.decode()
    assert "住房公积金" in html and "7.54" in html and "7.55" in html
    assert "住房公积金按新基数缴存" in html


def test_a_first_revision_has_no_changes_page_and_drafts_have_no_address(client, corrected):
    old, new = corrected
    assert client.get(reverse("disclosures:changes", kwargs=address(old, revision=1))
                      ).status_code == 404
    draft = workflow.correct(new, acting_user=User.objects.get(username="demo-publisher"),
                             reason="再次更正")
    assert client.get(reverse("disclosures:revision", kwargs=address(
        draft, revision=draft.revision))).status_code == 404
