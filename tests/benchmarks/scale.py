"""``make bench-scale``: what every page type and API resource costs at the demo
size and at 5,000 articles, side by side.

    make bench-scale                            # demo library, then 5,000 articles
    .venv/bin/python -m tests.benchmarks.scale --articles 1000 --rebuild

Each library is a SQLite file in ``bench-results/`` built by
``tests.benchmarks.build`` (kept between runs: building 5,000 articles through
revisions takes a while; ``--rebuild`` starts again). Each is then measured in
its own process with the benchmark's production settings and the test client:
every URL once to make image renditions, then, per URL, cold (cache cleared:
the real work) and warm (answered from the cache) times as the median of a few
tries, with the CPU time of the cold request (what other load on a shared
machine inflates least), the size of the body and the SQL queries of a cold
request. The table
gives both libraries and the ratio, and marks what misses the targets:
cold <= 300 ms and <= 100 KB for a page, search cold <= 100 ms, and the same
number of queries as at the demo size. Not a timed test: the machine's load
shows in the times, not in the sizes or the query counts.
"""

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import time

from tests.serving import ROOT

RESULTS = ROOT / "bench-results"
TRIES = 3
COLD_MS, PAGE_KB, SEARCH_MS = 300, 100, 100


def urls() -> list[tuple[str, str]]:
    """(what, path) for every page type and API resource, found in the library itself."""
    from api import selectors
    from cms.models import BodyRegion, SectionPage

    article = selectors.public_articles().order_by("id").first()
    stretch = selectors.public_stretches().order_by("id").first()
    section = SectionPage.objects.live().order_by("path").first()
    region = BodyRegion.objects.order_by("sort_order", "name").first()
    return [
        ("home", "/"),
        ("section", section.url),
        ("stretches index", "/stretches/"),
        ("article", article.url),
        ("stretch guide", stretch.url),
        ("navigator", "/where-does-it-hurt/"),
        ("navigator region", f"/where-does-it-hurt/{region.slug}/"),
        ("search page", "/search/?q=sciatica"),
        ("sitemap index", "/sitemap.xml"),
        ("sitemap page", "/sitemap-pages.xml"),
        ("booking", "/book/"),
        ("offline", "/offline/"),
        ("API index", "/api/v1/"),
        ("API articles", "/api/v1/articles/"),
        ("API article", f"/api/v1/articles/{article.id}/"),
        ("API stretches", "/api/v1/stretches/"),
        ("API stretch", f"/api/v1/stretches/{stretch.id}/"),
        ("API muscles", "/api/v1/muscles/"),
        ("API regions", "/api/v1/regions/"),
        ("API sections", "/api/v1/sections/"),
        ("API clinic", "/api/v1/clinic/"),
        ("API search", "/api/v1/search/?q=sciatica"),
        ("API changes", "/api/v1/changes/"),
    ]


def measure() -> dict:
    """In a process whose settings point at one library: the figures for every URL."""
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.models import ArticlePage

    call_command("migrate", interactive=False, verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    figures = {"articles": ArticlePage.objects.live().count(), "urls": {}}
    found = urls()
    for _what, path in found:  # renditions, per-process caches, connections
        assert client.get(path).status_code == 200, path

    def timed(path):
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        elapsed = (time.perf_counter() - started) * 1000
        return elapsed, (time.process_time() - cpu) * 1000, response

    for what, path in found:
        cold, cold_cpu, warm = [], [], []
        for _ in range(TRIES):
            cache.clear()
            ms, cpu_ms, response = timed(path)
            cold.append(ms)
            cold_cpu.append(cpu_ms)
            warm.append(timed(path)[0])
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        figures["urls"][what] = {
            "path": path,
            "cold_ms": round(statistics.median(cold), 1),
            "cold_cpu_ms": round(statistics.median(cold_cpu), 1),
            "warm_ms": round(statistics.median(warm), 1),
            "bytes": len(response.content),
            "queries": len(queries),
        }
    return figures


def library(count: int, rebuild: bool) -> dict:
    """Build (unless kept) and measure a library of the demo plus ``count`` articles."""
    database = RESULTS / f"scale-{count}.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.benchmarks.settings",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    if rebuild:
        database.unlink(missing_ok=True)
    if not database.exists():
        print(f"Building the library with {count} generated articles...", flush=True)
        command = [sys.executable, "-m", "tests.benchmarks.build", str(count)]
        subprocess.run(command, cwd=ROOT, env=env, check=True)
    print(f"Measuring {database.name}...", flush=True)
    command = [sys.executable, "-m", "tests.benchmarks.scale", "--measure"]
    output = subprocess.run(
        command, cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def misses(what: str, large: dict, small: dict) -> list[str]:
    """The targets a URL misses at the large size. Times are judged on the process's
    CPU time (plus the database's, which SQLite spends in it), which other load on
    a shared machine inflates far less than the wall-clock time."""
    found = []
    if large["queries"] > small["queries"]:
        found.append("queries grow")
    if what.startswith(("API search", "search")) and large["cold_cpu_ms"] > SEARCH_MS:
        found.append(f"search > {SEARCH_MS} ms")
    elif large["cold_cpu_ms"] > COLD_MS:
        found.append(f"cold > {COLD_MS} ms")
    if not what.startswith("API") and large["bytes"] > PAGE_KB * 1024:
        found.append(f"> {PAGE_KB} KB")
    return found


def table(small: dict, large: dict) -> str:
    def ratio(a, b):
        return f"{b / a:.1f}×" if a else "–"

    lines = [
        f"Demo: {small['articles']} articles; large: {large['articles']} articles. "
        "Times in ms (cold: cache cleared; cpu: the process's CPU time of a cold request; "
        "warm: answered again), sizes in KB, queries of a cold request.",
        "",
        "| what | cold demo | cold large | cpu demo | cpu large | ratio | warm demo "
        "| warm large | KB demo | KB large | queries demo | queries large | misses |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for what, s in small["urls"].items():
        big = large["urls"][what]
        lines.append(
            f"| {what} | {s['cold_ms']} | {big['cold_ms']} | {s['cold_cpu_ms']} "
            f"| {big['cold_cpu_ms']} | {ratio(s['cold_cpu_ms'], big['cold_cpu_ms'])} "
            f"| {s['warm_ms']} | {big['warm_ms']} | {s['bytes'] / 1024:.1f} "
            f"| {big['bytes'] / 1024:.1f} | {s['queries']} | {big['queries']} "
            f"| {', '.join(misses(what, big, s)) or 'ok'} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="generated articles")
    parser.add_argument("--rebuild", action="store_true", help="build both libraries afresh")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure()))
        return
    RESULTS.mkdir(exist_ok=True)
    small = library(0, args.rebuild)
    large = library(args.articles, args.rebuild)
    report = table(small, large)
    print(report)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"scale-{stamp}.md").write_text(report)
    (RESULTS / f"scale-{stamp}.json").write_text(json.dumps({"demo": small, "large": large}))
    print(f"Written to bench-results/scale-{stamp}.md and .json")
    if any(misses(what, large["urls"][what], s) for what, s in small["urls"].items()):
        sys.exit(1)


if __name__ == "__main__":
    main()
