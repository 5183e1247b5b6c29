"""At 200% browser zoom on a 1280 px screen, every kind of public page still reads: the page
never scrolls sideways (wide tables scroll inside their own box), the search form and the
navigation stay in view, headings and table captions are not cut off, and the keyboard
reaches the search box and the 目录 links with a visible focus outline.

200% zoom halves the CSS pixels a 1280 px window offers: the layout is that of a 640 px
viewport drawn at device scale 2, which is how these tests emulate it. Screenshots go to
docs/screenshots/zoom-200-*.png."""

import pytest
from playwright.sync_api import expect

from .browser import SHOTS, chromium_browser
from .test_disclosure_browser import server  # noqa: F401 - the live server of the document tests
from .test_disclosure_page import budget_for, page_url

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SCREEN_WIDTH = 1280
ZOOM = 2
BUREAU = "tianmen-social-insurance-bureau-2026"
PAGES = {
    "home": "/",
    "search": "/disclosures/search/?q=社会保险",
    "unit": "/disclosures/429006/units/213002/",
    "compare": "/disclosures/429006/compare/2026/",
    "unit-compare": "/disclosures/429006/units/213002/compare/?with=213011",
    "disclosure": None,     # the bureau's disclosure, looked up in the database
}
# What the second screenshot of each page shows.
LOWER = {"home": ".portal h2", "search": ".results", "unit": "#functions-h",
         "compare": ".table-wrap", "unit-compare": "#t-expenditure",
         "disclosure": "#table-expenditure"}

# Text of headings and captions as laid out: every line box must lie inside the viewport
# (a caption of a wide table may scroll with its table, so it is measured inside its box).
# Elements that clip their content (overflow hidden/clip) must not be cutting text off.
LAYOUT = """() => {
  const width = window.innerWidth;
  const outside = [];
  for (const el of document.querySelectorAll('h1, h2, h3, h4, caption, .table-title')) {
    if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
    const box = el.closest('.table-wrap, .table-scroll');
    const bounds = box ? box.getBoundingClientRect() : {left: 0, right: width};
    const range = document.createRange();
    range.selectNodeContents(el);
    for (const r of range.getClientRects()) {
      if (r.width && (r.left < bounds.left - 1 || r.right > Math.min(bounds.right, width) + 1)) {
        outside.push(el.tagName + ': ' + el.textContent.trim().slice(0, 40));
        break;
      }
    }
  }
  const clipped = [];
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip'];
    if (!clips.includes(style.overflowX) && !clips.includes(style.overflowY)) continue;
    if (!el.textContent.trim()) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
      clipped.push(el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 40));
    }
  }
  return {page: document.scrollingElement.scrollWidth, viewport: width, outside, clipped};
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  return {tag: el.tagName, type: el.type || '', text: (el.textContent || '').trim(),
          href: el.getAttribute('href') || '', toc: !!el.closest('#toc'),
          outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
          inView: r.width > 0 && r.left >= 0 && r.right <= window.innerWidth + 1};
}"""


@pytest.fixture(scope="module")
def chromium(server):  # noqa: F811 - the live server fixture shared with the document tests
    with chromium_browser() as browser:
        yield browser


@pytest.fixture(scope="module")
def urls(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return {**PAGES, "disclosure": page_url(budget_for(BUREAU))}


def zoomed(chromium, url):
    context = chromium.new_context(
        viewport={"width": SCREEN_WIDTH // ZOOM, "height": 900 // ZOOM},
        device_scale_factor=ZOOM, locale="zh-CN")
    page = context.new_page()
    assert page.goto(url).status == 200
    return page


def tab_through(page, wanted, limit=60):
    """Press Tab until `wanted(focused)` holds; returns every element focused on the way."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused)
        if wanted(focused):
            return seen
    raise AssertionError(f"Tab never reached the element; focused: {seen}")


def assert_focus_is_visible(focused):
    assert focused["outline"] not in ("none", "") and focused["outlineWidth"] >= 2, focused
    assert focused["inView"], focused


@pytest.mark.parametrize("name", sorted(PAGES))
def test_each_page_reads_at_200_percent_zoom_without_sideways_scrolling(
        name, chromium, server, urls):  # noqa: F811
    page = zoomed(chromium, server + urls[name])
    layout = page.evaluate(LAYOUT)
    assert layout["viewport"] == SCREEN_WIDTH // ZOOM
    assert layout["page"] <= layout["viewport"], layout
    assert not layout["outside"], layout["outside"]
    assert not layout["clipped"], layout["clipped"]
    expect(page.locator(".site-header .site-name")).to_be_in_viewport()
    if name in ("home", "search"):
        box = page.get_by_role("searchbox").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= layout["viewport"]
        expect(page.get_by_role("button", name="搜索")).to_be_visible()
    if name == "disclosure":
        expect(page.locator(".doc-actions").get_by_role("link", name="目录")).to_be_in_viewport()
    page.screenshot(path=str(SHOTS / f"zoom-200-{name}.png"))
    # One screen further down too (the first table, or the results), as a reader scrolls.
    page.locator(LOWER[name]).first.scroll_into_view_if_needed()
    page.evaluate("() => window.scrollBy(0, -100)")     # below the sticky header
    page.screenshot(path=str(SHOTS / f"zoom-200-{name}-lower.png"))
    page.context.close()


def test_the_keyboard_reaches_the_search_box_with_a_visible_focus(chromium, server, urls):  # noqa: F811
    page = zoomed(chromium, server + urls["home"])
    seen = tab_through(page, lambda f: f["type"] == "search")
    for focused in seen:
        assert_focus_is_visible(focused)
    page.keyboard.type("社会保险")
    page.keyboard.press("Enter")
    page.wait_for_url("**/disclosures/search/**")
    expect(page.locator(".results li").first).to_contain_text("社会保险")
    page.context.close()


def test_the_keyboard_reaches_the_table_of_contents_with_a_visible_focus(
        chromium, server, urls):  # noqa: F811
    page = zoomed(chromium, server + urls["disclosure"])
    seen = tab_through(page, lambda f: f["toc"] and f["href"].startswith("#table-"))
    assert any(f["text"] == "目录" for f in seen)
    for focused in seen:
        assert_focus_is_visible(focused)
    page.keyboard.press("Enter")
    target = page.evaluate("() => location.hash")
    expect(page.locator(target)).to_be_in_viewport()
    page.screenshot(path=str(SHOTS / "zoom-200-disclosure-keyboard.png"))
    page.context.close()
