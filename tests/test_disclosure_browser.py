"""In a real browser, each demo disclosure reads on a desktop (1280 px) and on a phone
(390 px): the 目录 links lead to their part or table, and wide tables scroll inside their own
box while the page itself never scrolls sideways. Screenshots go to docs/screenshots/.

The portal is served from a thread against the demo data committed by the session fixture;
these tests only read."""

import pytest
from django.db import connection
from django.test.utils import override_settings
from playwright.sync_api import expect

from .browser import SHOTS, WIDTHS, chromium_browser, serve
from .test_disclosure_page import SEEDS, budget_for, page_url

# django_db: the session sets up the test database only for tests that ask for it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# Right edge of every table box and of the page, in CSS pixels, as the browser lays them out.
OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth,
  viewport: window.innerWidth,
  boxes: [...document.querySelectorAll('.table-scroll')].map(b => ({
    right: b.getBoundingClientRect().right, scrolls: b.scrollWidth > b.clientWidth,
    table: (b.querySelector('table[data-table]') || {}).dataset?.table || ''})),
})"""


@pytest.fixture(scope="module")
def urls(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return {seed: page_url(budget_for(seed)) for seed in SEEDS}


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(ALLOWED_HOSTS=["127.0.0.1"]), \
            serve() as url:
        yield url
    connection.close()


@pytest.fixture(scope="module")
def chromium(urls, server):
    with chromium_browser() as browser:
        yield browser


def open_page(chromium, url, width):
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = context.new_page()
    response = page.goto(url)
    assert response.status == 200
    return page


@pytest.mark.parametrize("device", sorted(WIDTHS))
@pytest.mark.parametrize("seed", SEEDS)
def test_the_page_never_scrolls_sideways_and_wide_tables_scroll_in_their_box(
        seed, device, chromium, server, urls):
    width = WIDTHS[device]
    page = open_page(chromium, server + urls[seed], width)
    expect(page.locator("h1")).to_contain_text("2026")
    layout = page.evaluate(OVERFLOW)
    assert layout["page"] <= layout["viewport"] == width
    assert layout["boxes"], "no table was rendered"
    assert all(box["right"] <= width + 0.5 for box in layout["boxes"])
    if device == "phone":
        # The 收入总表 has 19 columns: on a phone it must scroll inside its box.
        income = [b for b in layout["boxes"] if b["table"] == "income"]
        assert income and income[0]["scrolls"]
    page.screenshot(path=str(SHOTS / f"document-{seed}-{device}.png"))
    # One screen of a table too (a whole page would be megabytes of PNG for the repo).
    page.locator('table[data-table="expenditure"]').first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"document-{seed}-{device}-table.png"))
    page.context.close()


@pytest.mark.parametrize("seed", SEEDS)
def test_a_table_of_contents_link_leads_to_its_table(seed, chromium, server, urls):
    page = open_page(chromium, server + urls[seed], WIDTHS["phone"])
    page.click("#toc a[href='#table-projects']")
    expect(page).to_have_url(server + urls[seed] + "#table-projects")
    target = page.locator("#table-projects")
    expect(target).to_be_in_viewport()
    # The sticky header does not cover the heading the link led to.
    header = page.locator(".site-header").bounding_box()
    assert target.bounding_box()["y"] >= header["y"] + header["height"] - 1
    page.context.close()
