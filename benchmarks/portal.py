"""Citizen portal benchmark at province scale, on PostgreSQL.

Builds a synthetic province (100 districts, 20,000 organisations, 5 fiscal years: 100,000
published budgets with 400,000 expenditure rows and 200,000 projects) beside the three demo
seeds, then measures:

1. search latency of disclosures.search.search_disclosures (median and p95 over a mix of
   Chinese name parts, codes, project names, filters and pages);
2. requests per second over loopback, with a Python load generator (keep-alive connections,
   several processes), against gunicorn serving, in the same run:
   - a static file of the same size as the disclosure page, served by WhiteNoise;
   - the disclosure page as routed (served by disclosures.public_cache.cached_public: cached);
   - the same view without the cache wrapper (built on every request: uncached).

Targets: search p95 under 100 ms; the cached page at least half the static file's throughput;
zero errors. Run it on a throw-away server, which it needs to create its own database with a
UTF-8 LC_CTYPE (pg_trgm finds no trigrams in Chinese text under the C locale):

    scripts/with-postgres.sh .venv/bin/python benchmarks/portal.py   # appends to docs/benchmarks.md

To iterate on the search (EXPLAIN, indexes), keep a server running (e.g. `scripts/with-postgres.sh
sleep infinity` and its DATABASE_URL) and pass `--reuse --search-only`: the database of the
previous run is migrated to the current code instead of being rebuilt, and only the search is
measured and printed.
"""

import argparse
import multiprocessing
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- portal-benchmark:start -->", "<!-- portal-benchmark:end -->"
YEARS = (2022, 2023, 2024, 2025, 2026)
DEPARTMENTS = ("人力资源和社会保障局", "财政局", "教育局", "卫生健康委员会", "民政局",
               "住房和城乡建设局", "交通运输局", "农业农村局", "水利局", "自然资源和规划局",
               "生态环境局", "公安局",
               "司法局", "审计局", "统计局", "市场监督管理局", "文化和旅游局", "应急管理局",
               "医疗保障局", "退役军人事务局")
UNITS = ("机关", "信息中心", "社会保险事业管理局", "就业服务中心", "事务中心", "第一中学",
         "第二小学", "人民医院", "疾病预防控制中心", "执法大队", "培训中心", "档案馆", "监测站",
         "服务中心", "管理所", "勘测设计院", "社会福利院", "救助站", "检验所")
PROJECTS = ("社保工作经费", "信息化建设项目", "住房保障补助", "就业补助资金", "办公楼维修",
            "业务培训经费", "设备购置", "基本公共卫生服务", "学生资助", "农田水利建设",
            "执法装备购置", "档案数字化", "社会救助资金", "网络安全运维")
SEARCHES = (
    {"q": "社会保险"}, {"q": "信息中心"}, {"q": "社保"}, {"q": "人力资源和社会保障"},
    {"q": "社保工作经费"}, {"q": "档案数字化", "year": 2026}, {"q": "就业服务中心", "year": 2025},
    {"q": "430105"}, {"q": "430107013"}, {"department": "430103001"},
    {"region": "430111"}, {"region": "430111", "year": 2026, "page": 3},
    {"function_class": "221", "year": 2026}, {"function_class": "208", "q": "社保"},
    {"year": 2024, "page": 40}, {},
)


def database(base_url, reuse=False):
    """A database with a UTF-8 LC_CTYPE on the server of base_url (fresh unless `reuse` and
    it exists); its URL and whether it must be filled."""
    import psycopg
    admin = base_url.rsplit("/", 1)[0] + "/postgres"
    url = base_url.rsplit("/", 1)[0] + "/portal_bench"
    with psycopg.connect(admin, autocommit=True) as conn:
        if reuse and conn.execute("SELECT 1 FROM pg_database WHERE datname = 'portal_bench'"
                                  ).fetchone():
            return url, False
        conn.execute("DROP DATABASE IF EXISTS portal_bench")
        conn.execute("CREATE DATABASE portal_bench TEMPLATE template0 ENCODING 'UTF8' "
                     "LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'")
    return url, True


def setup_django(url, static_root):
    sys.path.insert(0, str(ROOT))
    os.environ.update({"DEBUG": "false", "DATABASE_URL": url, "ALLOWED_HOSTS": "127.0.0.1",
                       "SECRET_KEY": "portal-benchmark-only", "STATIC_ROOT": str(static_root),
                       "DJANGO_SETTINGS_MODULE": "config.settings.base", "LOG_LEVEL": "WARNING"})
    os.environ.pop("REDIS_URL", None)
    import django
    django.setup()
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)


def synthesise(seed=7):
    """The synthetic province, bulk-inserted (no history rows: nothing here was edited)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from budgets import models as m
    rng = random.Random(seed)
    with transaction.atomic():
        years = {y: m.FiscalYear.objects.get_or_create(year=y)[0] for y in YEARS}
        template = list(m.FunctionCode.objects.filter(year__year=2026).order_by("code"))
        for year in YEARS:
            if not m.FunctionCode.objects.filter(year=years[year]).exists():
                m.FunctionCode.objects.bulk_create(
                    m.FunctionCode(year=years[year], code=c.code, name=c.name, level=c.level)
                    for c in template)
        items = {y: list(m.FunctionCode.objects.filter(year=years[y], level="item"))
                 for y in YEARS}
        province = m.Region.objects.create(code="430000", name="模拟省")
        regions = m.Region.objects.bulk_create(
            m.Region(code=f"4301{i:02d}", name=f"模拟区{i:02d}", parent=province)
            for i in range(100))
        orgs = []
        for region in regions:
            depts = m.Organisation.objects.bulk_create(
                m.Organisation(region=region, code=f"{region.code}{d:03d}",
                               name=f"{region.name}{DEPARTMENTS[d]}", kind="department")
                for d in range(len(DEPARTMENTS)))
            units = [m.Organisation(region=region, code=f"{dept.code}{u:03d}",
                                    name=f"{dept.name}{UNITS[(u * 3 + d) % len(UNITS)]}",
                                    kind="unit", parent=dept)
                     for d, dept in enumerate(depts) for u in range(9)]
            orgs += depts + m.Organisation.objects.bulk_create(units)
        assert len(orgs) == 20000, len(orgs)
        now = timezone.now()
        for year in YEARS:
            budgets = m.Budget.objects.bulk_create(
                m.Budget(organisation=o, fiscal_year=years[year], layout="hubei-tianmen",
                         scope="department" if o.kind == "department" else "unit",
                         status="published", published_at=now - timedelta(days=2026 - year))
                for o in orgs)
            rows, three, projects = [], [], []
            for budget in budgets:
                for code in rng.sample(items[year], 4):
                    rows.append(m.ExpenditureItem(
                        budget=budget, unit=budget.organisation, fund="general_budget",
                        function_code=code, personnel=rng.randrange(10**5, 10**7),
                        public=rng.randrange(10**4, 10**6), project=rng.randrange(0, 10**7)))
                three.append(m.ThreePublicBudget(
                    budget=budget, overseas=rng.choice((0, 0, 20000)),
                    vehicle_purchase=rng.choice((0, 0, 0, 180000)),
                    vehicle_operation=rng.randrange(0, 80000), reception=rng.randrange(0, 30000)))
                for position in range(2):
                    projects.append(m.Project(
                        budget=budget, unit=budget.organisation, position=position,
                        code=f"42{budget.organisation.code}{year}{position:02d}",
                        name=f"{year}年{rng.choice(PROJECTS)}",
                        current_general=rng.randrange(10**4, 10**7)))
            m.ExpenditureItem.objects.bulk_create(rows, batch_size=5000)
            m.ThreePublicBudget.objects.bulk_create(three, batch_size=5000)
            m.Project.objects.bulk_create(projects, batch_size=5000)
    # Bulk-inserted budgets bypassed the workflow that keeps the search index.
    from disclosures.search_index import rebuild
    rebuild()
    with connection.cursor() as cursor:
        # As autovacuum would soon: statistics, and the visibility map that lets a count
        # answered by an index skip reading rows.
        cursor.execute("VACUUM ANALYZE")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def measure_search(rounds):
    from django.db import reset_queries

    from disclosures.search import search_disclosures
    timings, per_query = [], {}
    for params in SEARCHES:                      # warm-up: plans, buffers
        search_disclosures(**params)
    for _ in range(rounds):
        for params in SEARCHES:
            start = time.perf_counter()
            result = search_disclosures(**params)
            elapsed = (time.perf_counter() - start) * 1000
            reset_queries()
            timings.append(elapsed)
            per_query.setdefault(str(params), []).append((elapsed, result.count))
    return timings, per_query


# --- HTTP throughput ---------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _client(port, path, seconds, queue):
    conn = HTTPConnection("127.0.0.1", port, timeout=30)
    done = errors = 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                done += 1
            else:
                errors += 1
        except OSError:
            errors += 1
            conn.close()
            conn = HTTPConnection("127.0.0.1", port, timeout=30)
    queue.put((done, errors))


def load(port, path, seconds, clients):
    queue = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=_client, args=(port, path, seconds, queue))
             for _ in range(clients)]
    for p in procs:
        p.start()
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    done = sum(r[0] for r in results)
    return done / seconds, sum(r[1] for r in results)


def serve(port, workers):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="benchmarks.portal_settings",
               PYTHONPATH=str(ROOT))
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "benchmarks.portal_wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--worker-class", "gthread",
         "--threads", "4", "--log-level", "warning"], cwd=ROOT, env=env)
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def measure_http(static_root, seconds, clients, workers):
    from django.test import Client
    page = "/disclosures/429006/2026/213002/"
    size = len(Client(HTTP_HOST="127.0.0.1").get(page).content)
    static_dir = Path(static_root) / "bench"
    static_dir.mkdir(exist_ok=True)
    (static_dir / "page.html").write_bytes(b"x" * size)
    port = free_port()
    server = serve(port, workers)
    try:
        paths = {"static file (WhiteNoise)": "/static/bench/page.html",
                 "disclosure page, cached": page,
                 "disclosure page, uncached": f"/bench/uncached{page}"}
        results = {}
        for label, path in paths.items():
            load(port, path, 1, clients)          # warm every worker and its cache
            results[label] = load(port, path, seconds, clients)
        return size, results
    finally:
        server.terminate()
        server.wait()


def search_report(args, timings, per_query):
    median, p95 = statistics.median(timings), percentile(timings, 0.95)
    lines = [
        f"Search (`search_disclosures`, {len(SEARCHES)} query kinds × {args.rounds} rounds, "
        f"count + page + matching projects): **median {median:.1f} ms, p95 {p95:.1f} ms** "
        f"(target p95 < 100 ms: {'met' if p95 < 100 else 'NOT met'}).", "",
        "| query | results | median ms | p95 ms |", "|---|---:|---:|---:|"]
    for query, samples in per_query.items():
        ms = [s[0] for s in samples]
        lines.append(f"| `{query}` | {samples[0][1]} | {statistics.median(ms):.1f} | "
                     f"{percentile(ms, 0.95):.1f} |")
    return "\n".join(lines)


def report(args, timings, per_query, size, http):
    static_rps = http["static file (WhiteNoise)"][0]
    lines = [
        START, "## Citizen portal at province scale (`benchmarks/portal.py`)", "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} "
        f"({os.cpu_count()} CPUs), PostgreSQL with LC_CTYPE C.UTF-8: 20,000 organisations "
        f"× 5 years = 100,000 published budgets, 400,000 expenditure rows, 200,000 projects, "
        f"plus the three seeds.", "", search_report(args, timings, per_query)]
    lines += ["", f"Throughput over loopback: gunicorn ({args.workers} workers × 4 threads), "
              f"{args.clients} keep-alive client processes for {args.seconds} s each, the "
              f"disclosure page of the Tianmen social insurance bureau ({size:,} bytes) and a "
              f"static file of the same size, in the same run:", "",
              "| what | requests/s | vs static | errors |", "|---|---:|---:|---:|"]
    for label, (rps, errors) in http.items():
        lines.append(f"| {label} | {rps:,.0f} | {rps / static_rps:.0%} | {errors} |")
    cached = http["disclosure page, cached"][0]
    errors = sum(e for _r, e in http.values())
    lines += ["", f"Cached page at least half the static file's throughput: "
              f"{'met' if cached >= static_rps / 2 else 'NOT met'}; errors: {errors}.", END]
    from benchmarks.results import write_section

    block = "\n".join(lines)
    write_section(block, START, END)
    print(block)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--reuse", action="store_true",
                        help="keep the portal_bench database of an earlier run on the same "
                             "server (migrated to the current code) instead of rebuilding it")
    parser.add_argument("--search-only", action="store_true",
                        help="measure search only and print it; docs/benchmarks.md unchanged")
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        sys.exit("Run on PostgreSQL: "
                 "scripts/with-postgres.sh .venv/bin/python benchmarks/portal.py")
    static_root = tempfile.mkdtemp(prefix="portal-bench-static-")
    url, fill = database(base, reuse=args.reuse)
    setup_django(url, static_root)
    if fill:
        from budgets.demo import load_demo
        started = time.perf_counter()
        load_demo(log=lambda *a: None)
        synthesise()
        print(f"data ready in {time.perf_counter() - started:.0f} s", flush=True)
    timings, per_query = measure_search(args.rounds)
    if args.search_only:
        print(search_report(args, timings, per_query))
        return
    size, http = measure_http(static_root, args.seconds, args.clients, args.workers)
    report(args, timings, per_query, size, http)

if __name__ == "__main__":
    main()
