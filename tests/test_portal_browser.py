"""In a real browser, on a desktop (1280 px) and on a phone (390 px), a citizen searches for
社会保险, reaches the Tianmen social insurance bureau's 2026 disclosure, opens its charts,
switches to the comparison of Tianmen's units, and downloads the JSON and a CSV.
Screenshots go to docs/screenshots/portal-*.png."""

import json

import pytest
from playwright.sync_api import expect

from .browser import SHOTS, WIDTHS, chromium_browser
from .test_disclosure_browser import server  # noqa: F401 - the live server of the document tests

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture(scope="module")
def chromium(server):  # noqa: F811 - the live server fixture shared with the document tests
    with chromium_browser() as browser:
        yield browser


def shoot(page, name):
    page.evaluate("() => window.scrollTo(0, 0)")    # the sticky header stays on top
    page.screenshot(path=SHOTS / f"portal-{name}.png", full_page=True)


def no_sideways_scroll(page):
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("device", sorted(WIDTHS))
def test_a_citizen_finds_reads_charts_compares_and_downloads(chromium, server, device,  # noqa: F811
                                                             tmp_path):
    context = chromium.new_context(viewport={"width": WIDTHS[device], "height": 900},
                                   locale="zh-CN", accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    assert page.goto(f"{server}/disclosures/").status == 200
    page.get_by_role("searchbox").fill("社会保险")
    page.get_by_role("searchbox").press("Enter")
    page.wait_for_url("**/disclosures/search/**")
    hit = page.locator(".results li").filter(has_text="天门市社会保险事业管理局")
    expect(hit.locator("mark").first).to_have_text("社会保险")
    assert no_sideways_scroll(page)
    shoot(page, f"search-{device}")

    hit.get_by_role("link", name="阅读公开文本").click()
    page.wait_for_url("**/disclosures/429006/2026/213002/")
    expect(page.locator("h1").first).to_contain_text("天门市社会保险事业管理局")
    page.go_back()

    page.locator(".results li").filter(has_text="天门市社会保险事业管理局") \
        .get_by_role("link", name="历年对比与图表").click()
    page.wait_for_url("**/disclosures/429006/units/213002/")
    chart = page.locator("#chart-func")
    expect(chart).to_have_attribute("data-drawn", "true")
    assert chart.bounding_box()["width"] > 200      # drawn, not hidden, on a phone too
    expect(page.locator("#chart-three")).to_have_attribute("data-drawn", "true")
    page.locator(".chart summary").first.click()
    table = page.locator("table[data-canvas=chart-func]")
    expect(table).to_be_visible()
    expect(table.locator("tbody th").first).to_contain_text("社会保障和就业支出")
    assert no_sideways_scroll(page)
    shoot(page, f"unit-charts-{device}")

    with page.expect_download() as download:
        page.get_by_role("link", name="2026年 JSON").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["organisation"]["code"] == "213002"
    assert data["tables"]["three_public"]["rows"][0]["wan"]["total"] == "4.42"
    with page.expect_download() as download:
        page.get_by_role("link", name="2026年“三公”经费 CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    assert text.startswith("编码,名称,级次") and "44200.00" in text

    page.get_by_role("link", name="与天门市其他单位比较").click()
    page.wait_for_url("**/disclosures/429006/compare/2026/")
    expect(page.locator("#compare-table tbody tr")).to_have_count(2)
    page.get_by_role("link", name="“三公”经费合计").click()
    expect(page.locator("#compare-table thead th[aria-sort]")).to_contain_text("“三公”经费合计")
    assert no_sideways_scroll(page)
    shoot(page, f"compare-{device}")
    assert not errors
    context.close()
