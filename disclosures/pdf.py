"""The official PDF of a published disclosure: the HTML document template rendered with
``for_pdf`` (which links static/css/print.css), laid out by WeasyPrint.

Fonts: print.css names the system's Noto Serif CJK SC (fonts-noto-cjk), which fontconfig
finds; WeasyPrint embeds only the glyphs used, subset by HarfBuzz (see checks.py).
Resources: the document links only static files; they are read from disk, never over the
network, and any other URL stops the rendering rather than leaving a hole in the PDF.
"""

import gc
import mimetypes
import re
import threading
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string

from . import checks, pdf_engine_fixes

# WeasyPrint resolves relative URLs against this base; the fetcher maps it back to disk.
BASE_URL = "https://portal.invalid/"
TEMPLATE = "disclosures/document.html"


class PdfUnavailable(ImproperlyConfigured):
    """The machine cannot make proper PDFs (no fast font subsetter or no CJK font)."""


def ensure_pdf_support():
    """Refuse PDF work on a machine where the start-up checks fail."""
    errors = checks.check_pdf_support()
    if errors:
        raise PdfUnavailable("；".join(f"{e.msg}{e.hint}" for e in errors))


def pdf_filename(budget):
    """The download name, e.g. 天门市社会保险事业管理局2026年部门预算公开.pdf; a correction
    (revision 2 and later) says which revision it is."""
    suffix = f"（第{budget.revision}版）" if budget.revision > 1 else ""
    return f"{budget.title}公开{suffix}.pdf"


def static_path(url):
    """The file behind a /static/ URL, or None."""
    path = unquote(urlsplit(url).path)
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    if not path.startswith(prefix):
        return None
    name = path[len(prefix):]
    return finders.find(name) or _collected(name)


def _collected(name):
    candidate = (Path(settings.STATIC_ROOT) / name).resolve()
    root = Path(settings.STATIC_ROOT).resolve()
    return str(candidate) if candidate.is_file() and root in candidate.parents else None


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = static_path(url) if url.startswith(BASE_URL) else None
            if path is None:
                raise ValueError(f"PDF 只能引用本站静态文件，不能引用 {url}")
            with open(path, "rb") as handle:
                body = handle.read()
            content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
            return URLFetcherResponse(url, body, {"Content-Type": content_type})

    # fail_on_errors: a stylesheet or image that cannot be read stops the rendering.
    return StaticFetcher(fail_on_errors=True)


def document_html(budget):
    """The disclosure document as printed: the page template with for_pdf set."""
    from .presentation import document_context

    context = document_context(budget)
    context["for_pdf"] = True
    return render_to_string(TEMPLATE, context)


@cache
def _user_agent_stylesheet():
    """WeasyPrint's HTML user-agent stylesheet less its universal pseudo-element rules.

    `::marker` and the five `::footnote-*`/`::note-*` rules match every element, so WeasyPrint
    computes six extra styles per element, about a tenth of its time on a disclosure (see
    docs/benchmarks.md). Documents have no footnotes or notes, and only list items have
    markers."""
    from weasyprint import CSS
    from weasyprint.css.counters import CounterStyle
    from weasyprint.html import UA

    text, markers = re.subn(r"^::marker \{", "li::marker {", UA, flags=re.M)
    text, notes = re.subn(r"^::(footnote|note)-[a-z]+ \{[^}]*\}$", "", text, flags=re.M)
    if (markers, notes) != (1, 5):
        raise ImproperlyConfigured("WeasyPrint's user-agent stylesheet has changed: review "
                                   "disclosures/pdf.py _user_agent_stylesheet")
    # Its @counter-style rules go to a fresh registry: the shared one already has them.
    return CSS(string=text, counter_style=CounterStyle())


def _html_class():
    from weasyprint import HTML

    class DisclosureHTML(HTML):
        def _ua_stylesheets(self, forms=False):
            return [_user_agent_stylesheet()]

    return DisclosureHTML


_local = threading.local()


def _font_config():
    """One font configuration per thread, kept between documents: Pango then loads the CJK
    font (a 26 MB collection) once per worker instead of once per PDF. Documents declare no
    @font-face, so nothing of one document stays in it for the next."""
    if not hasattr(_local, "font_config"):
        from weasyprint.text.fonts import FontConfiguration

        _local.font_config = FontConfiguration()
    return _local.font_config


def layout(html):
    """The laid-out document (pages) of an HTML string that uses print.css."""
    ensure_pdf_support()
    pdf_engine_fixes.apply()
    document = _html_class()(string=html, base_url=BASE_URL, url_fetcher=_fetcher())
    return document.render(font_config=_font_config())


_collector_lock = threading.Lock()
_documents_in_progress = 0
_collector_was_enabled = False


@contextmanager
def collector_paused():
    """The cyclic garbage collector off while documents are being made, then one young
    collection.

    A document is some 90,000 linked Python objects (boxes, styles, Pango layouts) that all live
    until the PDF is written, and most are in reference cycles: with the collector on, Python
    scans them again and again while they pile up, about a tenth of the time here (see
    docs/benchmarks.md). The collection afterwards frees the finished document at once. The
    collector is process-wide, hence the count of documents in progress across threads."""
    global _documents_in_progress, _collector_was_enabled
    with _collector_lock:
        _documents_in_progress += 1
        if _documents_in_progress == 1:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _collector_lock:
            _documents_in_progress -= 1
            if _documents_in_progress == 0 and _collector_was_enabled:
                gc.enable()
                gc.collect(0)


def html_to_pdf(html):
    """PDF bytes of an HTML string. Fonts are subset (WeasyPrint's default); without hinting
    the subsets are smaller and print the same."""
    with collector_paused():
        return layout(html).write_pdf(hinting=False)


def render_pdf(budget):
    return html_to_pdf(document_html(budget))
