"""Public disclosure page benchmark: time and SQL queries of /disclosures/<region>/<year>/<org>/.

For each demo disclosure, and for copies of the Wuhan one with many more expenditure rows, it
measures the median wall time of a full request through Django's test client (URL routing,
queries, presentation, template) built from scratch (the public cache made stale before each
one, as a publication does) and served from the public cache, the two halves of a build
(building the document context, rendering the template), and counts the queries of one build
and of one cached request. Target: a build under 30 ms median, with the same number of
queries whatever the size of the budget. Other work on the machine inflates wall times, so it
also reports the best run and the median CPU time of the process.

    .venv/bin/python benchmarks/disclosure_page.py          # appends to docs/benchmarks.md
    .venv/bin/python benchmarks/disclosure_page.py --runs 100

It works on its own SQLite database in a temporary directory (migrated and loaded with the
demo data) with DEBUG off, so it never touches the development database.
"""

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- page-benchmark:start -->", "<!-- page-benchmark:end -->"
EXTRA_ROWS = (50, 150)


def setup_django(workdir):
    sys.path.insert(0, str(ROOT))
    os.environ["DEBUG"] = "false"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.pop("REDIS_URL", None)
    # The test settings: DEBUG off, no static manifest needed, tasks in-process.
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def bigger_copy(budget, extra_rows):
    """The budget under a new organisation code with extra_rows more expenditure rows,
    published (budgets.demo.enlarged_copy)."""
    from budgets.demo import enlarged_copy
    from budgets.exporting import budget_to_document

    return enlarged_copy(budget_to_document(budget),
                         code=f"{budget.organisation.code}{extra_rows}", extra_rows=extra_rows)


def timings_ms(function, runs):
    """(median wall, best wall, median CPU) in ms; the best run and the CPU time show the
    cost without contention from other processes."""
    function()                              # warm: template compilation, imports
    times, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return (statistics.median(times) * 1000, min(times) * 1000,
            statistics.median(cpu) * 1000)


def median_ms(function, runs):
    return timings_ms(function, runs)[0]


def measure(budget, runs):
    from django.db import connection
    from django.template.loader import render_to_string
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from disclosures.presentation import document_context
    from disclosures.public_cache import refresh_stamp

    org = budget.organisation
    url = reverse("disclosures:document", kwargs={
        "region": org.region.code, "year": budget.fiscal_year.year, "org": org.code})
    client = Client()

    def built():
        refresh_stamp()                     # as a publication does: the cached page is stale
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        return response

    built()
    with CaptureQueriesContext(connection) as queries:
        refresh_stamp()
        response = client.get(url)
    with CaptureQueriesContext(connection) as cached_queries:
        assert client.get(url).status_code == 200
    context = document_context(budget)
    return {
        "name": f"{org.name}（{budget.expenditure_items.count()} 条支出）",
        "queries": len(queries.captured_queries),
        "cached_queries": len(cached_queries.captured_queries),
        "request": timings_ms(built, runs),
        "cached": median_ms(lambda: client.get(url), runs),
        "context": median_ms(lambda: document_context(budget), runs),
        "render": median_ms(lambda: render_to_string("disclosures/document.html", context),
                            runs),
        "kb": len(response.content) / 1024,
    }


def report(rows, runs, load_before):
    lines = [
        START,
        "## Public disclosure page (`benchmarks/disclosure_page.py`)",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}, "
        f"SQLite, DEBUG off, median of {runs} runs, {os.cpu_count()} CPUs, load average "
        f"{load_before:.1f} at the start and {os.getloadavg()[0]:.1f} at the end (other work "
        "on the machine inflates wall times; the best run and the CPU time show the "
        "uncontended cost). A build is a request after a publication made the cached page "
        "stale; a cached request is served by disclosures.public_cache. Target: build "
        "< 30 ms, queries independent of the budget's size.",
        "",
        "| Disclosure | Queries (build / cached) | Build median (ms) | Build best (ms) "
        "| Build CPU (ms) | Cached (ms) | Context (ms) | Template (ms) | HTML (KB) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        median, best, cpu = r["request"]
        lines.append(f"| {r['name']} | {r['queries']} / {r['cached_queries']} | {median:.1f} "
                     f"| {best:.1f} | {cpu:.1f} | {r['cached']:.2f} | {r['context']:.1f} "
                     f"| {r['render']:.1f} | {r['kb']:.0f} |")
    lines.append(END)
    block = "\n".join(lines)
    from benchmarks.results import write_section

    write_section(block, START, END)
    print(block)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="page-bench-") as workdir:
        setup_django(workdir)
        from budgets.demo import load_demo
        from budgets.models import Budget, Status

        load_demo(log=lambda *a: None)
        budgets = list(Budget.objects.filter(status=Status.PUBLISHED)
                       .select_related("organisation__region", "fiscal_year"))
        wuhan = next(b for b in budgets if b.organisation.region.code == "420100")
        budgets += [bigger_copy(wuhan, n) for n in EXTRA_ROWS]
        rows = [measure(b, args.runs) for b in budgets]
    report(rows, args.runs, load_before)


if __name__ == "__main__":
    main()
