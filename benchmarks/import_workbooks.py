"""Workbook import benchmark: the three seed workbooks and a batch of synthetic unit workbooks,
each timed through the portal's importer beside raw openpyxl read-only parsing of the same
files in the same run (the floor).

For each seed: the floor (openpyxl read-only, every sheet's values), the read with every check
(read_workbook_printed + check_workbook), and the full import (receive + confirm: file kept,
read, validated, previewed, saved in one transaction), medians of --runs. Then a batch of
--batch synthetic unit workbooks (the Tianmen information centre's workbook under new unit
codes), imported one after another like `manage.py import_workbook DIR`, with the process's
resident memory after each fifth of the batch. Targets: the full import (each seed, and the
batch) within 3x the floor, a seed workbook imported in under 1 s, memory flat across the batch.

    .venv/bin/python benchmarks/import_workbooks.py            # writes docs/benchmarks.md
    .venv/bin/python benchmarks/import_workbooks.py --batch 50 --runs 3

It works on its own SQLite database in a temporary directory, so it never touches the
development database.
"""

import argparse
import copy
import gc
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- import-benchmark:start -->", "<!-- import-benchmark:end -->"


def setup_django(workdir):
    sys.path.insert(0, str(ROOT))
    os.environ["DEBUG"] = "false"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    os.environ["MEDIA_ROOT"] = str(Path(workdir) / "media")
    os.environ.pop("REDIS_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from budgets.code_catalogs import load_shipped_catalogs

    load_shipped_catalogs()


def rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def floor(data):
    """Raw openpyxl read-only parsing: every value of every sheet, nothing else."""
    from openpyxl import load_workbook

    wb = load_workbook(BytesIO(data), read_only=True)
    for ws in wb.worksheets:
        for _ in ws.iter_rows(values_only=True):
            pass
    wb.close()


def read_and_check(data):
    from budgets.validation import check_workbook
    from budgets.workbook.reader import read_workbook_printed

    doc, printed = read_workbook_printed(data)
    assert not check_workbook(doc, printed)


def full_import(data, name):
    from budgets.demo import system_user
    from budgets.importing.upload import import_workbook
    from budgets.models import UploadStatus

    upload = import_workbook(data, acting_user=system_user(), via="command", name=name)
    assert upload.status == UploadStatus.IMPORTED, upload.report.get("problems")


def median_s(function, runs, reset=None):
    function()   # warm: imports, first queries
    times = []
    for _ in range(runs):
        if reset:
            reset()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def empty_database():
    """Untimed, between runs: the seed is imported into an empty database each time."""
    from budgets.models import Budget, Organisation, Region, WorkbookUpload

    WorkbookUpload.objects.all().delete()
    Budget.objects.all().delete()
    Organisation.objects.filter(parent__isnull=False).delete()
    Organisation.objects.all().delete()
    Region.objects.filter(parent__isnull=False).delete()
    Region.objects.all().delete()


def synthetic(count):
    """`count` unit workbooks: the Tianmen information centre's under new unit codes."""
    from budgets.demo import demo_workbooks
    from budgets.workbook.reader import read_workbook
    from budgets.workbook.writer import write_document

    path = next(p for p in demo_workbooks() if "tianmen-hrss" in p.name)
    base = read_workbook(path.read_bytes())
    old = base["organisation"]["code"]
    for i in range(count):
        doc = copy.deepcopy(base)
        code = f"{old}{i:04d}"
        doc["organisation"]["code"] = code
        doc["organisation"]["name"] = f"{doc['organisation']['name']}（合成 {i}）"
        for unit in doc["units"]:
            if unit["code"] == old:
                unit.update(code=code, name=doc["organisation"]["name"])
        for key in ("revenue", "expenditure", "projects"):
            for row in doc[key]:
                if row.get("unit") == old:
                    row["unit"] = code
        yield f"synthetic-{i:04d}.xlsx", write_document(doc)


def run(runs, batch):
    from budgets.demo import demo_workbooks

    seeds = []
    for path in demo_workbooks():
        data = path.read_bytes()
        seeds.append({
            "name": path.stem, "kb": len(data) / 1024,
            "floor": median_s(lambda d=data: floor(d), runs),
            "check": median_s(lambda d=data: read_and_check(d), runs),
            "import": median_s(lambda d=data, n=path.name: full_import(d, n), runs,
                               reset=empty_database),
        })
    files = list(synthetic(batch))
    gc.collect()
    start = time.perf_counter()
    for _, data in files:
        floor(data)
    batch_floor = time.perf_counter() - start
    memory = [rss_mb()]
    start = time.perf_counter()
    for i, (name, data) in enumerate(files, 1):
        full_import(data, name)
        if i % max(1, batch // 5) == 0:
            gc.collect()
            memory.append(rss_mb())
    batch_import = time.perf_counter() - start
    return seeds, {"count": batch, "floor": batch_floor, "import": batch_import,
                   "memory": memory, "kb": sum(len(d) for _, d in files) / 1024 / batch}


def report(seeds, batch, runs):
    lines = [
        START,
        "## Workbook import (`benchmarks/import_workbooks.py`)",
        "",
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, Python {platform.python_version()}, SQLite, "
        f"median of {runs} runs. Floor: openpyxl read-only parsing of the same file (every "
        "value of every sheet). Targets: the full import, of each seed and of the batch, within "
        "3x the floor; a seed imported in under 1 s; memory flat across the batch.",
        "",
        "| Workbook | KB | Floor (ms) | Read + checks (ms) | × floor | Full import (ms) "
        "| × floor |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for s in seeds:
        lines.append(f"| {s['name']} | {s['kb']:.0f} | {s['floor'] * 1000:.0f} | "
                     f"{s['check'] * 1000:.0f} | {s['check'] / s['floor']:.1f} | "
                     f"{s['import'] * 1000:.0f} | {s['import'] / s['floor']:.1f} |")
    n = batch["count"]
    lines += [
        "",
        f"Batch of {n} synthetic unit workbooks ({batch['kb']:.0f} KB each), imported one "
        "after another (receive + confirm, each in its own transaction):",
        "",
        "| | Total (s) | Per workbook (ms) |",
        "|---|---:|---:|",
        f"| Floor (openpyxl read-only) | {batch['floor']:.1f} | {batch['floor'] / n * 1000:.0f} |",
        f"| Full import | {batch['import']:.1f} | {batch['import'] / n * 1000:.0f} |",
        "",
        f"Full import of the batch: {batch['import'] / batch['floor']:.1f} × floor.",
        "",
        "Resident memory (MB) before the batch and after each fifth of it: "
        + " → ".join(f"{m:.0f}" for m in batch["memory"]),
        END,
    ]
    block = "\n".join(lines)
    from benchmarks.results import write_section

    write_section(block, START, END)
    return block


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="import-bench-") as workdir:
        setup_django(workdir)
        seeds, batch = run(args.runs, args.batch)
        print(report(seeds, batch, args.runs))


if __name__ == "__main__":
    main()
