"""PDF benchmark: the portal's WeasyPrint PDFs beside Chromium's print-to-PDF of the same HTML.

For each seed disclosure and for a synthetic disclosure of about 40 pages it measures, in
one run on this machine: the median time to render the disclosure's HTML (Django template),
the median time to make the PDF from that HTML (WeasyPrint through disclosures.pdf, and a
warm headless Chromium), the peak memory of each renderer and the size of each PDF.

    DEBUG=true .venv/bin/python benchmarks/pdf.py            # writes docs/benchmarks.md
    DEBUG=true .venv/bin/python benchmarks/pdf.py --profile  # where WeasyPrint's time goes

It works on its own SQLite database and media folder in a temporary directory (migrated and
loaded with the demo data), so it never touches the development database. WeasyPrint runs in
a child process per document so that its peak memory (VmHWM) is its own; the two renderers
take turns in blocks of runs, so that a machine whose speed drifts (a shared VM) slows both
alike (see measure()).
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- pdf-benchmark:start -->", "<!-- pdf-benchmark:end -->"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SYNTHETIC_PAGES = 40
BLOCK = 3           # back-to-back runs of one renderer before the other takes over (measure)


def setup_django(workdir):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DEBUG", "true")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def peak_rss_mb(pid="self"):
    """Peak resident memory (VmHWM) of a process, in MB."""
    try:
        match = re.search(r"VmHWM:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
    except OSError:         # the process has ended
        return 0
    return int(match.group(1)) / 1024 if match else 0


def descendants(pid):
    """All processes below pid (Chromium runs under Playwright's driver)."""
    children = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int(re.search(r"PPid:\s+(\d+)", (entry / "status").read_text()).group(1))
            except (OSError, AttributeError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def chromium_cpu():
    """CPU seconds (user + system) used so far by Chromium's processes."""
    total = 0
    for pid in descendants(os.getpid()):
        if is_chromium(pid):
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])      # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def is_chromium(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip().startswith("chrom")
    except OSError:
        return False


# --- WeasyPrint, in a child process ------------------------------------------------------

def weasyprint_child(html_path, pdf_path):
    """Child process: after one warm-up, make the PDF once per "run" line on stdin and print
    its times as JSON; on "done", write the PDF and print pages, peak memory and size."""
    from disclosures.pdf import html_to_pdf, layout

    if os.environ.get("BENCH_FONTTOOLS"):
        # What a machine without libharfbuzz-subset would do (the portal refuses to).
        import weasyprint.pdf.fonts

        weasyprint.pdf.fonts.harfbuzz_subset = None
    html = Path(html_path).read_text(encoding="utf-8")
    pages = len(layout(html).pages)
    content = html_to_pdf(html)     # warm-up: fonts loaded, caches filled, as in a worker
    print(json.dumps({"ready": True}), flush=True)
    for command in sys.stdin:
        if command.strip() != "run":
            break
        # What the worker does for one PDF, freeing the document included (html_to_pdf).
        start, start_cpu = time.perf_counter(), time.process_time()
        content = html_to_pdf(html)
        print(json.dumps({"seconds": time.perf_counter() - start,
                          "cpu": time.process_time() - start_cpu}), flush=True)
    Path(pdf_path).write_bytes(content)
    print(json.dumps({"pages": pages, "peak_mb": peak_rss_mb(), "bytes": len(content)}),
          flush=True)


class WeasyPrintRenderer:
    """The child process of one document, made to render on demand."""

    def __init__(self, html_path, pdf_path, fonttools=False):
        env = {**os.environ, **({"BENCH_FONTTOOLS": "1"} if fonttools else {})}
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--child", str(html_path), str(pdf_path)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.result = {"seconds": [], "cpu": []}
        self._answer()

    def _answer(self):
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            sys.exit(f"WeasyPrint child failed (exit {self.process.returncode})")
        return json.loads(line)

    def run(self, counted=True):
        self.process.stdin.write("run\n")
        self.process.stdin.flush()
        answer = self._answer()
        if counted:
            for key, value in answer.items():
                self.result[key].append(value)

    def finish(self):
        self.process.stdin.write("done\n")
        self.process.stdin.close()
        self.result.update(self._answer())
        self.process.wait()
        return self.result


# --- Chromium ----------------------------------------------------------------------------

class ChromiumRenderer:
    """Warm Chromium: one page reused, the document loaded from memory, static files from
    disk through the same mapping the WeasyPrint fetcher uses."""

    def __init__(self, browser, html, pdf_path):
        from disclosures.pdf import BASE_URL, static_path

        self.url, self.pdf_path = BASE_URL + "document", pdf_path
        self.page = browser.new_page()

        def serve(route):
            url = route.request.url
            if url == self.url:
                route.fulfill(body=html, content_type="text/html; charset=utf-8")
            elif (path := static_path(url)) is not None:
                route.fulfill(path=path)
            else:
                route.abort()

        self.page.route("**/*", serve)
        self.result = {"seconds": [], "cpu": []}
        self.content = self._print()        # the warm-up

    def _print(self):
        self.page.goto(self.url, wait_until="load")
        return self.page.pdf(prefer_css_page_size=True, print_background=True)

    def run(self, counted=True):
        start, start_cpu = time.perf_counter(), chromium_cpu()
        self.content = self._print()
        if counted:
            self.result["seconds"].append(time.perf_counter() - start)
            self.result["cpu"].append(chromium_cpu() - start_cpu)

    def finish(self):
        self.page.close()
        Path(self.pdf_path).write_bytes(self.content)
        peak = sum(peak_rss_mb(pid) for pid in descendants(os.getpid()) if is_chromium(pid))
        self.result.update(pages=len(re.findall(rb"/Type\s*/Page[^s]", self.content)),
                           peak_mb=peak, bytes=len(self.content))
        return self.result


def counted_runs(runs):
    """The runs measure() counts: `runs` rounded up to whole blocks."""
    return -(-runs // BLOCK) * BLOCK


def measure(renderers, runs):
    """Each renderer's times over `runs` runs, taken in blocks of BLOCK back-to-back runs, the
    renderers taking turns block by block (the order alternating).

    Back to back, each run pays for what the previous one left to do in the background
    (Chromium's garbage collection, its other processes), as in a worker printing one PDF after
    another; the first run of a block, which pays for the other renderer's leftovers instead,
    is not counted. Taking turns, both meet the same moments of a shared machine whose speed
    drifts, so their ratio holds even when their times do not."""
    for round_ in range(counted_runs(runs) // BLOCK):
        for renderer in renderers[::-1] if round_ % 2 else renderers:
            renderer.run(counted=False)
            for _ in range(BLOCK):
                renderer.run()
    return [renderer.finish() for renderer in renderers]


def compare(browser, path, runs):
    """(WeasyPrint's, Chromium's) results for the HTML document at path."""
    return measure([WeasyPrintRenderer(path, path.with_suffix(".pdf")),
                    ChromiumRenderer(browser, path.read_text(encoding="utf-8"),
                                     path.with_suffix(".chromium.pdf"))], runs)


# --- Documents ---------------------------------------------------------------------------

def seed_documents():
    """(name, budget) of each demo budget, largest first."""
    from budgets.demo import load_demo
    from budgets.models import Budget, Status

    load_demo(log=lambda *args: None)
    budgets = Budget.objects.filter(status=Status.PUBLISHED).select_related(
        "organisation__region", "fiscal_year")
    return [(b.organisation.name, b) for b in budgets]


def synthetic(html, copies):
    """A longer disclosure: the body of a real one repeated (anchors renamed per copy, so
    that the 目录 of each copy points into its own copy)."""
    head, _, rest = html.partition("<body")
    open_tag, _, body = rest.partition(">")
    inner, _, tail = body.rpartition("</body>")
    repeated = "".join(inner.replace('id="', f'id="c{n}-').replace('href="#', f'href="#c{n}-')
                       for n in range(copies))
    return f"{head}<body{open_tag}>{repeated}</body>{tail}"


def html_timing(budget, runs):
    from disclosures.pdf import document_html

    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        html = document_html(budget)
        times.append(time.perf_counter() - start)
    return html, times[1:]


def profile(html_path):
    """cProfile of one WeasyPrint generation (after a warm-up), summarised by area."""
    import cProfile
    import pstats

    from disclosures.pdf import html_to_pdf

    html = Path(html_path).read_text(encoding="utf-8")
    html_to_pdf(html)
    profiler = cProfile.Profile()
    profiler.enable()
    html_to_pdf(html)
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(r"weasyprint|fontTools|pydyf|cssselect2", 35)
    stats.sort_stats("tottime").print_stats(20)


def ms(values):
    return f"{statistics.median(values) * 1000:,.0f} ms"


def table(rows):
    lines = ["| document | pages | HTML render | WeasyPrint PDF (CPU) | Chromium PDF (CPU) "
             "| ratio (CPU) | ms/page | WeasyPrint peak | Chromium peak | WeasyPrint size "
             "| Chromium size |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, html_t, w, c in rows:
        ratio = statistics.median(w["seconds"]) / statistics.median(c["seconds"])
        cpu_ratio = statistics.median(w["cpu"]) / statistics.median(c["cpu"])
        per_page = statistics.median(w["seconds"]) * 1000 / w["pages"]
        lines.append(
            f"| {name} | {w['pages']} | {ms(html_t) if html_t else '—'} "
            f"| {ms(w['seconds'])} ({ms(w['cpu'])}) | {ms(c['seconds'])} ({ms(c['cpu'])}) "
            f"| {ratio:.1f}× ({cpu_ratio:.1f}×) | {per_page:.0f} "
            f"| {w['peak_mb']:.0f} MB | {c['peak_mb']:.0f} MB"
            f" | {w['bytes'] / 1024:,.0f} KB | {c['bytes'] / 1024:,.0f} KB |")
    return "\n".join(lines)


def python_build():
    """The interpreter and where it comes from: WeasyPrint is pure Python, and how the
    interpreter was compiled matters (see the notes in docs/benchmarks.md)."""
    import platform

    return f"Python {platform.python_version()} from {sys.base_prefix}"


def write_results(rows, runs):
    from weasyprint import __version__ as weasyprint_version

    from disclosures.checks import subsetter_problem

    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), "unknown CPU")
    section = "\n".join([
        START,
        "## PDF generation (benchmarks/pdf.py)",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} × "
        f"{cpu}; {python_build()}; WeasyPrint "
        f"{weasyprint_version}, font subsetting by "
        f"{'HarfBuzz (libharfbuzz-subset)' if not subsetter_problem() else 'fontTools'}; "
        f"medians of {counted_runs(runs)} runs after a warm-up, in blocks of {BLOCK} "
        "back-to-back runs, WeasyPrint and Chromium taking turns block by block (the first "
        "run of each block not counted) so that both meet the same load. HTML render: the "
        "disclosure template (Django). WeasyPrint: `disclosures.pdf.html_to_pdf`, freeing the "
        "document included. Chromium: headless, warm (one page reused), `page.pdf()` of the "
        "same HTML and print.css. In brackets: CPU seconds (WeasyPrint's process; Chromium's "
        "processes), less sensitive than wall time to other work on the machine. ms/page: "
        "WeasyPrint wall time per page. Peak: VmHWM of the WeasyPrint process (Python, Django "
        "and WeasyPrint included) and the sum over Chromium's processes (shared pages counted "
        "in each). The last row is what a machine without libharfbuzz-subset would do.",
        "",
        table(rows),
        END,
    ])
    from benchmarks.results import write_section

    write_section(section, START, END)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true",
                        help="profile WeasyPrint on the largest seed instead of benchmarking")
    parser.add_argument("--no-write", action="store_true", help="print, do not write docs")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        weasyprint_child(*args.child)
        return

    workdir = tempfile.mkdtemp(prefix="pdf-bench-")
    setup_django(workdir)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    documents = []
    for name, budget in seed_documents():
        html, html_t = html_timing(budget, args.runs)
        path = Path(workdir) / f"{budget.pk}.html"
        path.write_text(html, encoding="utf-8")
        documents.append((name, html_t, path))
    documents.sort(key=lambda d: d[2].stat().st_size, reverse=True)
    if args.profile:
        profile(documents[0][2])
        return

    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page_counts = {}
        for name, html_t, path in documents:
            w, c = compare(browser, path, args.runs)
            rows.append((name, html_t, w, c))
            page_counts[path] = (name, w["pages"])
            print(table(rows[-1:]).splitlines()[-1], flush=True)
        # The seed whose body, repeated, comes closest to 40 pages.
        path, (name, pages), copies = min(
            ((p, v, max(1, round(SYNTHETIC_PAGES / v[1]))) for p, v in page_counts.items()),
            key=lambda c: abs(c[2] * c[1][1] - SYNTHETIC_PAGES))
        big = path.with_name("synthetic.html")
        big.write_text(synthetic(path.read_text(encoding="utf-8"), copies), encoding="utf-8")
        w, c = compare(browser, big, args.runs)
        rows.append((f"synthetic: {name} × {copies}", None, w, c))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
        # The largest seed again, subset by fontTools instead of HarfBuzz.
        name, html_t, path = documents[0]
        w, = measure([WeasyPrintRenderer(path, path.with_suffix(".fonttools.pdf"),
                                         fonttools=True)], min(args.runs, 3))
        rows.append((f"{name}, fontTools subsetting", None, w, rows[0][3]))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
        browser.close()
    if not args.no_write:
        from benchmarks.results import RESULTS

        write_results(rows, args.runs)
        print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
