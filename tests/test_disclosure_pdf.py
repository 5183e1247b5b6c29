"""The official PDF: the same tables and figures as the seeds, fonts embedded and subset, made
once per published revision and downloaded under the disclosure's Chinese name."""

import logging
import re
import subprocess
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django.urls import reverse

from budgets import workflow
from budgets.demo import system_user
from budgets.models import FunctionCode
from disclosures import checks, pdf, tasks
from disclosures.models import DisclosureFile, DisclosureKind
from disclosures.presentation import document_context

from . import pdf_text
from .seed_text import SEED_DIR
from .test_seed_figures import SEEDS, budget_for


def pdf_url(budget):
    org = budget.organisation
    return reverse("disclosures:pdf", kwargs={
        "region": org.region.code, "year": budget.fiscal_year.year, "org": org.code})


@pytest.fixture(scope="module")
def pdf_files(tmp_path_factory, django_db_setup, django_db_blocker):
    """Each seed's PDF as downloaded, on disk for the poppler tools; made once per module."""
    from django.test import Client

    folder = tmp_path_factory.mktemp("pdf")
    files = {}
    with django_db_blocker.unblock():
        for seed in SEEDS:
            response = Client().get(pdf_url(budget_for(seed)))
            assert response.status_code == 200, seed
            path = folder / f"{seed}.pdf"
            path.write_bytes(b"".join(response.streaming_content))
            files[seed] = path
    return files


# Tables a seed lists but whose body its text lacks (docs/seeds/, /work/shared/domain.md):
# the PDF prints them from the data; they cannot be compared with the seed.
NOT_IN_SEED_TEXT = {"wuhan-hrss-info-center-2026": {"income"}}


class Recorder(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def layouts(django_db_setup, django_db_blocker):
    """Each seed's document as WeasyPrint lays it out (pages, boxes, anchors, bookmarks), and
    the warnings WeasyPrint logged while drawing it into a PDF (a missing glyph is one)."""
    result = {}
    with django_db_blocker.unblock():
        for seed in SEEDS:
            document = pdf.layout(pdf.document_html(budget_for(seed)))
            recorder = Recorder()
            logging.getLogger("weasyprint").addHandler(recorder)
            try:
                document.write_pdf(hinting=False)
            finally:
                logging.getLogger("weasyprint").removeHandler(recorder)
            result[seed] = document
            result[seed].warnings = recorder.messages
    return result


def mismatches(seed_tables, pdf_tables, not_in_seed=frozenset()):
    """What differs between the seed's tables and the PDF's, table by table, cell by cell."""
    problems = []
    pdf_tables = [t for t in pdf_tables if t.table not in not_in_seed]
    seed_order = [t.table for t in seed_tables]
    pdf_order = [t.table for t in pdf_tables]
    if seed_order != pdf_order:
        return [f"tables: seed {' '.join(seed_order)}; PDF {' '.join(pdf_order)}"]
    for seed, printed in zip(seed_tables, pdf_tables, strict=True):
        if "<columns>" in printed.rows:
            problems.append(f"{seed.table}: amount columns {printed.rows['<columns>']}")
            continue
        # seed_text gives an empty 三公 table one row of zeros that neither prints; code rows
        # printed without amounts are still checked below, by their names.
        seed_rows = [r for r in seed.order
                     if r in printed.rows or any(seed.rows[r].values()) or r in seed.names]
        if printed.order != seed_rows:
            problems.append(f"{seed.table}: rows {printed.order} instead of {seed_rows}")
        for row, name in seed.names.items():
            if printed.names.get(row) != name:
                problems.append(f"{seed.table} {row}: name {printed.names.get(row)!r}, "
                                f"seed {name!r}")
        for row, values in seed.rows.items():
            for column, value in values.items():
                got = printed.rows.get(row, {}).get(column, 0)
                if got != value:
                    problems.append(f"{seed.table} [{row or '合计'}] {column}: PDF {got}, "
                                    f"seed {value}")
    return problems


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_the_pdf_prints_every_seed_table_with_the_same_rows_and_figures(seed, pdf_files):
    budget = budget_for(seed)
    classes = dict(FunctionCode.objects.filter(year=budget.fiscal_year, level="class")
                   .values_list("name", "code"))
    text = (SEED_DIR / f"{seed}.txt").read_text(encoding="utf-8")
    expected = pdf_text.seed_tables(text, classes)
    assert sum(len(t.rows) for t in expected) > 20, "the seed's tables were not found"
    printed = pdf_text.pdf_tables(pdf_files[seed], classes, expected)
    assert mismatches(expected, printed, NOT_IN_SEED_TEXT.get(seed, set())) == []


@pytest.mark.django_db
def test_a_figure_the_pdf_prints_differently_from_the_seed_is_reported(tmp_path):
    seed = "tianmen-hrss-info-center-2026"
    budget = budget_for(seed)
    cell = 'data-row="208" data-col="total">95.31<'      # 表3 支出总表, 208 合计
    html = pdf.document_html(budget)
    assert cell in html
    path = tmp_path / "altered.pdf"
    path.write_bytes(pdf.html_to_pdf(html.replace(cell, cell.replace("95.31", "95.13"), 1)))
    classes = dict(FunctionCode.objects.filter(year=budget.fiscal_year, level="class")
                   .values_list("name", "code"))
    expected = pdf_text.seed_tables((SEED_DIR / f"{seed}.txt").read_text(encoding="utf-8"),
                                    classes)
    assert mismatches(expected, pdf_text.pdf_tables(path, classes, expected)) == [
        "expenditure [208] total: PDF 95.13, seed 95.31"]


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_no_table_cell_of_the_pdf_is_clipped(seed, layouts):
    """Wide tables fit their (landscape) pages: no text runs past its cell's edge."""
    from weasyprint.formatting_structure import boxes

    document = layouts[seed]
    overflowing = []
    for number, page in enumerate(document.pages, start=1):
        for cell in page._page_box.descendants():
            if not isinstance(cell, boxes.TableCellBox):
                continue
            right = cell.content_box_x() + cell.width
            overflowing += [f"page {number}: {text.text}" for text in cell.descendants()
                            if isinstance(text, boxes.TextBox)
                            and text.position_x + text.width > right + 0.5]
    assert overflowing == []


def pages_text(path):
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout
    return [re.sub(r"\s+", "", page) for page in out.split("\f")]


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_the_table_of_contents_gives_the_page_each_entry_starts_on(seed, pdf_files, layouts):
    budget = budget_for(seed)
    anchors = [anchor for part in document_context(budget)["parts"]
               for anchor in [part.anchor, *(a for _, a in part.toc)]]
    # Each entry of the 目录 (page 2) is one printed line ending with its page number.
    printed = [int(line[-1].text) for line in pdf_text.lines(pdf_files[seed])
               if line[0].page == 2 and len(line) > 1 and line[-1].text.isdigit()]
    document = layouts[seed]
    page_of = {}        # a section split over pages has its anchor on each: keep the first
    for number, page in enumerate(document.pages, start=1):
        for anchor in page.anchors:
            page_of.setdefault(anchor, number)
    assert len(anchors) > 10
    assert printed == [page_of[a] for a in anchors]


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_the_pdf_has_a_bookmark_for_every_part_and_table(seed, layouts):
    context = document_context(budget_for(seed))
    tree = layouts[seed].make_bookmark_tree()
    parts = {label: [child[0] for child in children] for label, _, children, _ in tree[1:]}
    assert list(parts) == [part.heading for part in context["parts"]]
    for part in context["parts"]:
        # A table's bookmark carries its number and its title: "表1 单位收支总表".
        labels = [t.heading if t.title == t.heading else f"{t.heading} {t.title}"
                  for t in part.tables]
        assert [h for h in parts[part.heading] if h in labels] == labels


class BodyRowMerges(HTMLParser):
    """Classes of the tables whose body has a cell spanning rows."""

    def __init__(self):
        super().__init__()
        self.tables, self.in_body, self.merging = [], False, set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append(attrs.get("class") or "")
        elif tag == "tbody":
            self.in_body = True
        elif tag in ("td", "th") and self.in_body and int(attrs.get("rowspan") or 1) > 1:
            self.merging.add(self.tables[-1])

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif tag == "table":
            self.tables.pop()


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_only_the_performance_forms_merge_rows_in_a_table_body(seed):
    """print.css draws tables with separate borders, which lose a merged cell's inner edges
    where a page break cuts it; only the forms' tables keep collapsed borders."""
    parser = BodyRowMerges()
    parser.feed(pdf.document_html(budget_for(seed)))
    assert parser.merging, "the seeds' indicator tables merge rows"
    assert all("form-table" in classes.split() for classes in parser.merging), parser.merging


def test_making_a_pdf_leaves_the_garbage_collector_on_even_when_the_rendering_fails():
    """disclosures.pdf pauses Python's cyclic collector while a document is made (about a
    tenth of the time, docs/benchmarks.md); the rest of the process must get it back."""
    import gc

    from weasyprint.urls import FatalURLFetchingError

    assert gc.isenabled()
    assert pdf.html_to_pdf('<p lang="zh-Hans">一</p>').startswith(b"%PDF")
    assert gc.isenabled()
    with pytest.raises(FatalURLFetchingError):
        pdf.html_to_pdf('<img src="https://example.com/logo.png">')
    assert gc.isenabled()


def test_a_table_longer_than_a_page_repeats_its_header_and_never_splits_a_row(tmp_path):
    rows = "".join(f'<tr><td class="code">{20800 + i}</td><td class="label">第{i}行</td>'
                   f'<td class="num">{i}.00</td></tr>' for i in range(1, 121))
    html = ('<html lang="zh-Hans"><head><meta charset="utf-8">'
            '<link rel="stylesheet" href="/static/css/print.css"></head><body>'
            '<section class="std-table table-code_tree"><table><thead><tr><th>科目编码</th>'
            f'<th>科目名称</th><th>合计</th></tr></thead><tbody>{rows}</tbody></table>'
            '</section></body></html>')
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf.html_to_pdf(html))
    pages = [p for p in pages_text(path) if p]
    assert len(pages) >= 3
    assert all(p.startswith("科目编码科目名称合计") for p in pages)
    for i in range(1, 121):     # code, name and amount of every row on one page
        assert sum(f"{20800 + i}第{i}行{i}.00" in p for p in pages) == 1, i


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_every_font_of_the_pdf_is_embedded_and_subset(seed, pdf_files):
    out = subprocess.run(["pdffonts", str(pdf_files[seed])], capture_output=True, text=True,
                         check=True).stdout.splitlines()
    fonts = [line.split() for line in out[2:]]
    assert fonts, "the PDF has no fonts"
    for font in fonts:
        name, embedded, subset = font[0], font[-5], font[-4]
        assert (embedded, subset) == ("yes", "yes"), f"{name} is not embedded and subset"
        # A subset's name carries a six-letter tag; the family is the CJK serif print.css asks.
        assert name.split("+", 1)[1].startswith("Noto-Serif-CJK-SC"), name


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_no_glyph_of_the_pdf_is_missing_from_its_font(seed, layouts):
    """WeasyPrint draws .notdef (a tofu box) and says so for a character no font has."""
    assert [m for m in layouts[seed].warnings if ".notdef" in m] == []


@pytest.mark.django_db
@pytest.mark.parametrize("seed", SEEDS)
def test_the_pdf_stays_small(seed, pdf_files):
    assert pdf_files[seed].stat().st_size < 1_000_000


@pytest.mark.django_db
def test_the_pdf_downloads_under_the_disclosures_chinese_name(client):
    budget = budget_for("tianmen-social-insurance-bureau-2026")
    response = client.get(pdf_url(budget))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    name = "天门市社会保险事业管理局2026年部门预算公开.pdf"
    assert f"filename*=UTF-8''{quote(name)}" in response["Content-Disposition"]
    record = DisclosureFile.objects.get(budget=budget, kind=DisclosureKind.PDF)
    assert response["ETag"] == f'"{record.sha256}"'
    assert int(response["Content-Length"]) == record.size


@pytest.mark.django_db
def test_a_browser_holding_the_current_pdf_gets_not_modified(client):
    budget = budget_for("wuhan-hrss-info-center-2026")
    etag = client.get(pdf_url(budget))["ETag"]
    response = client.get(pdf_url(budget), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304


@pytest.mark.django_db
def test_publishing_generated_the_pdf_and_downloads_serve_it_without_regenerating(
        client, monkeypatch, django_assert_num_queries):
    budget = budget_for("tianmen-hrss-info-center-2026")
    tasks.ensure_pdf(budget)        # made on publication; made again here only if wiped
    record = DisclosureFile.objects.get(budget=budget, kind=DisclosureKind.PDF)

    def refuse(*args):
        raise AssertionError("the PDF was generated again")

    monkeypatch.setattr(tasks, "render_pdf", refuse)
    url = pdf_url(budget)
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200
    assert response["ETag"] == f'"{record.sha256}"'
    tasks.generate_pdf(budget.pk)   # the task again: still nothing to do


@pytest.mark.django_db
def test_a_pdf_missing_from_storage_is_generated_once_on_download(client, monkeypatch):
    budget = budget_for("tianmen-hrss-info-center-2026")
    record = tasks.ensure_pdf(budget)
    record.file.storage.delete(record.file.name)
    calls = []
    real = tasks.render_pdf
    monkeypatch.setattr(tasks, "render_pdf", lambda b: calls.append(b.pk) or real(b))
    first = client.get(pdf_url(budget))
    second = client.get(pdf_url(budget))
    assert (first.status_code, second.status_code) == (200, 200)
    assert calls == [budget.pk]
    assert DisclosureFile.objects.filter(budget=budget, kind=DisclosureKind.PDF).count() == 1


@pytest.mark.django_db
def test_a_correction_gets_its_own_pdf_when_published(client, django_capture_on_commit_callbacks):
    budget = budget_for("tianmen-hrss-info-center-2026")
    first = tasks.ensure_pdf(budget)
    actor = system_user()
    correction = workflow.correct(budget, acting_user=actor, reason="更正项目名称")
    workflow.submit(correction, acting_user=actor)
    workflow.approve(correction, acting_user=actor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(correction, acting_user=actor)
    second = DisclosureFile.objects.get(budget=correction, kind=DisclosureKind.PDF)
    assert second.file.name != first.file.name
    assert first.file.storage.exists(first.file.name)    # the earlier revision keeps its file
    response = client.get(pdf_url(budget))
    assert response["ETag"] == f'"{second.sha256}"'
    assert quote("（第2版）") in response["Content-Disposition"]


@pytest.mark.django_db
def test_an_unpublished_address_has_no_pdf(client):
    response = client.get(reverse("disclosures:pdf", kwargs={
        "region": "429006", "year": 2026, "org": "999999"}))
    assert response.status_code == 404


def test_this_machine_subsets_fonts_with_harfbuzz():
    assert checks.check_pdf_support() == []


def test_the_portal_refuses_pdf_work_without_harfbuzz_subsetting(monkeypatch):
    import weasyprint.text.ffi as ffi

    monkeypatch.setattr(ffi, "harfbuzz_subset", None)
    checks.subsetter_problem.cache_clear()
    try:
        errors = checks.check_pdf_support()
        assert [e.id for e in errors] == ["disclosures.E001"]
        assert "libharfbuzz-subset0" in errors[0].hint
        with pytest.raises(pdf.PdfUnavailable, match="libharfbuzz-subset"):
            pdf.html_to_pdf("<p>预算</p>")
    finally:
        checks.subsetter_problem.cache_clear()
