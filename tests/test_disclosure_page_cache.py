"""The disclosure document and its revision pages are served from the public cache until the
next publication or correction: a reader who comes back costs no query, a browser holding the
page revalidates with its ETag or date, and a correction shows up at once."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from budgets import workflow
from disclosures.public_cache import refresh_stamp

from .corrections import approved_housing_fund_correction
from .test_disclosure_page import PAGE_QUERIES, budget_for, page_url

pytestmark = pytest.mark.django_db

SEED = "tianmen-hrss-info-center-2026"


def revision_url(budget, revision):
    org = budget.organisation
    return reverse("disclosures:revision", kwargs={
        "region": org.region.code, "year": budget.fiscal_year.year, "org": org.code,
        "revision": revision})


def test_a_second_reader_gets_the_cached_page_without_a_query(client, django_assert_num_queries):
    url = page_url(budget_for(SEED))
    with django_assert_num_queries(PAGE_QUERIES):
        first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"] and first["Last-Modified"]
    assert "max-age" in first["Cache-Control"]


def test_a_browser_holding_the_page_revalidates_for_free(client, django_assert_num_queries):
    url = page_url(budget_for(SEED))
    first = client.get(url)
    with django_assert_num_queries(0):
        by_tag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_tag.status_code == by_date.status_code == 304


def test_a_revision_page_is_cached_like_the_current_one(client, django_assert_num_queries):
    budget = budget_for(SEED)
    url = revision_url(budget, budget.revision)
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content


def test_a_publication_makes_every_cached_page_stale(client, django_assert_num_queries):
    budget = budget_for(SEED)
    url = page_url(budget)
    first = client.get(url)
    refresh_stamp(budget=budget)            # what budgets.workflow.published triggers
    # Built again; the new stamp is already known, so one query fewer than from scratch.
    with django_assert_num_queries(PAGE_QUERIES - 1):
        fresh = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert fresh.status_code == 200 and fresh["ETag"] != first["ETag"]


def test_a_published_correction_replaces_the_cached_pages_at_once(
        client, django_capture_on_commit_callbacks):
    first = budget_for(SEED)
    url, old_url = page_url(first), revision_url(first, first.revision)
    assert "更正版" not in client.get(url).content.decode()
    assert "已于" not in client.get(old_url).content.decode()
    draft = approved_housing_fund_correction(first, reason_text="住房公积金按新基数缴存。")
    publisher = User.objects.get(username="demo-publisher")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(draft, acting_user=publisher)
    assert "更正版（第2版）" in client.get(url).content.decode()
    assert "本页为第1版" in client.get(old_url).content.decode()
