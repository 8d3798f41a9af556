"""``make bench``: kept answers against a static file, steady, while publishing, and frozen.

1. Builds a throwaway database (``bench-results/bench.sqlite3``; or the database
   ``DATABASE_URL`` names, which is flushed first, so point it at a scratch one),
   and writes the API list's JSON as a static file for WhiteNoise.
2. Serves it with gunicorn, two workers, production settings, a private Redis as
   the shared cache (as production with several processes), on 127.0.0.1.
3. Loads each URL for ``BENCH_SECONDS`` (10) with wrk, 2 threads and 16
   connections (or a small Python load generator when wrk is missing): the
   static file, the API list, detail and a 304, an article, the home page and
   the navigator; Wagtail's API v2 for comparison.
4. Again while another process publishes an article every 2 s.
5. Again with the database frozen (SQLite: another process holds ``BEGIN
   EXCLUSIVE``): kept answers must keep flowing.
6. Counts SQL queries per request in-process with the test client.
7. Prints ratios against the static file and the targets, and writes them to
   ``bench-results/``.

Not a timed test: numbers depend on the machine; the ratios are the point.
"""

import contextlib
import datetime
import http.client
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

from tests.benchmarks.loadtest import start_redis
from tests.serving import HOST, ROOT, free_port

RESULTS = ROOT / "bench-results"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
THREADS, CONNECTIONS = 2, 16
WARM_UP_REQUESTS = 40
PUBLISH_EVERY_SECONDS = 2
# BENCH_REUSE=1: measure the SQLite database the last run built (building takes minutes).
REUSE = os.environ.get("BENCH_REUSE") == "1" and (RESULTS / "bench.sqlite3").exists()

OURS_LIST = "/api/v1/articles/?limit=20"
THEIRS_LIST = "/api/v2/pages/?type=cms.ArticlePage&fields=*&limit=20"
STATIC_PATH = "/static/bench/articles.json"
# Targets from issue 10: warm rows against the static file, 304s, during publishes.
TARGET_RATIO, TARGET_304_RATIO, TARGET_PUBLISHING, TARGET_FROZEN_P99_MS = 0.67, 0.8, 0.8, 1000


def main() -> None:
    RESULTS.mkdir(exist_ok=True)
    with contextlib.ExitStack() as stack:
        env = _environment(stack)
        os.environ.update(env)
        if not REUSE:
            print("Building the benchmark database (demo library + articles)...", flush=True)
            subprocess.run(
                [sys.executable, "-m", "tests.benchmarks.build"], cwd=ROOT, env=env, check=True
            )

        import django

        django.setup()
        detail_id = _richest_article_id()
        article_url, publish_id = _pages(detail_id)
        _write_static_copy(env)
        ours_detail, theirs_detail = f"/api/v1/articles/{detail_id}/", f"/api/v2/pages/{detail_id}/"
        queries = _count_queries(ours_detail, theirs_detail, article_url)

        port = free_port()
        server = _serve(env, port)
        stack.callback(_stop, server)
        base = f"http://{HOST}:{port}"
        etag = _wait_until_up(base + ours_detail).headers["ETag"]
        urls = {
            "static": (STATIC_PATH, {}),
            "api_list": (OURS_LIST, {}),
            "api_detail": (ours_detail, {}),
            "api_304": (ours_detail, {"If-None-Match": etag}),
            "article": (article_url, {}),
            "home": ("/", {}),
            "navigator": ("/where-does-it-hurt/", {}),
        }
        theirs = {"v2_list": (THEIRS_LIST, {}), "v2_detail": (theirs_detail, {})}
        load = _load_generator()
        steady = _run_all(load, base, urls | theirs)
        with _publishing(publish_id) as published:
            publishing = _run_all(load, base, urls, warm=False)
        kept = {key: urls[key] for key in ("api_list", "api_detail", "article", "home")}
        _run_all(load, base, kept)  # warm again after the last publish
        with _frozen_database(env):
            frozen = _run_all(load, base, kept, warm=False)

    report = _report(steady, publishing, frozen, published, queries, detail_id, load.__name__)
    print(report)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench-{stamp}.md").write_text(report)
    (RESULTS / f"bench-{stamp}.json").write_text(
        json.dumps(
            {"steady": steady, "publishing": publishing, "frozen": frozen, "queries": queries},
            indent=2,
        )
    )
    print(f"Written to bench-results/bench-{stamp}.md and .json")


def _run_all(load, base: str, urls: dict, *, warm: bool = True) -> dict:
    runs = {}
    for key, (path, headers) in urls.items():
        if warm:
            _warm_up(base + path)
        runs[key] = load(base + path, headers)
        _wait_until_idle(base)
    return runs


def _pages(detail_id: int) -> tuple[str, int]:
    """The measured article's address, and another article to publish during the load."""
    from cms.models import ArticlePage

    article = ArticlePage.objects.get(id=detail_id)
    other = ArticlePage.objects.live().filter(slug__contains="variant").order_by("id").first()
    return article.get_url(), other.id


def _write_static_copy(env: dict) -> None:
    """The API list's JSON as a static file, for WhiteNoise to serve: the ceiling."""
    from django.test import Client

    body = Client(HTTP_HOST=HOST).get(OURS_LIST).content
    target = RESULTS / "static" / "bench" / "articles.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)


@contextlib.contextmanager
def _publishing(page_id: int):
    """Publish an article every ``PUBLISH_EVERY_SECONDS`` in this process, as an editor would."""
    from django.db import connection

    from cms.models import ArticlePage

    stop, count = threading.Event(), [0]

    def publish():
        while not stop.wait(PUBLISH_EVERY_SECONDS):
            page = ArticlePage.objects.get(id=page_id)
            page.summary = f"{page.summary.split(' [')[0]} [{count[0]}]"
            page.reviewed_content = page.content_digest()  # as the review step signs it
            page.save_revision().publish()
            count[0] += 1
        connection.close()

    thread = threading.Thread(target=publish)
    thread.start()
    try:
        yield count
    finally:
        stop.set()
        thread.join()


@contextlib.contextmanager
def _frozen_database(env: dict):
    """Another process holds the whole SQLite database locked, as a hung server would."""
    url = env["DATABASE_URL"]
    if not url.startswith("sqlite:///"):
        print("Frozen-database run needs SQLite here; PostgreSQL: make outage-drill", flush=True)
        yield
        return
    connection = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    connection.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        connection.execute("ROLLBACK")
        connection.close()


def _environment(stack) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="tests.benchmarks.settings")
    if "REDIS_URL" not in env:
        env["REDIS_URL"] = start_redis(stack)
    env["STATIC_ROOT"] = str(RESULTS / "static")
    if "DATABASE_URL" in env:
        subprocess.run(
            [sys.executable, "manage.py", "flush", "--no-input"], cwd=ROOT, env=env, check=False
        )
    else:
        database = RESULTS / "bench.sqlite3"
        if not REUSE:
            database.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{database}"
    return env


def _richest_article_id() -> int:
    """The demo article with the longest body: the heaviest detail a reader can ask for."""
    from cms.models import ArticlePage

    pages = ArticlePage.objects.live().filter(slug__contains="variant").defer_streamfields()
    candidates = ArticlePage.objects.live().exclude(id__in=pages.values("id"))
    return max(candidates, key=lambda page: len(page.body.raw_data)).id


def _count_queries(ours_detail: str, theirs_detail: str, article_url: str) -> dict:
    """SQL per request, in-process: cold (nothing kept) and warm (a kept answer), and v2's."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from cms.delivery import copies

    client = Client(HTTP_HOST=HOST)

    def count(path, **headers):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, headers=headers)
        assert response.status_code in (200, 304), (path, response.status_code)
        return len(captured), response

    counts = {}
    for name, path in (
        ("api_list", OURS_LIST),
        ("api_detail", ours_detail),
        ("article", article_url),
        ("home", "/"),
        ("navigator", "/where-does-it-hurt/"),
    ):
        cache.clear()
        copies.forget_local()
        cold, _ = count(path)
        warm, _ = count(path)
        counts[name] = f"{cold}/{warm}"
    etag = count(ours_detail)[1]["ETag"]
    conditional, not_modified = count(ours_detail, **{"If-None-Match": etag})
    assert not_modified.status_code == 304
    counts["api_304"] = f"-/{conditional}"
    counts["v2_list"] = str(count(THEIRS_LIST)[0])
    counts["v2_detail"] = str(count(theirs_detail)[0])
    cache.clear()
    return counts


def _serve(env: dict, port: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "cms.wsgi:application",
        "--workers=2",
        f"--bind={HOST}:{port}",
        "--log-level=warning",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env)


def _stop(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def _wait_until_up(url: str, timeout: float = 180):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return urllib.request.urlopen(url, timeout=60)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _wait_until_idle(base: str, timeout: float = 60) -> None:
    """Let the workers finish what a run left queued, so it does not slow the next one."""
    deadline = time.monotonic() + timeout
    quick = 0
    while quick < 4 and time.monotonic() < deadline:
        started = time.perf_counter()
        urllib.request.urlopen(base + STATIC_PATH, timeout=timeout).read()
        quick = quick + 1 if time.perf_counter() - started < 0.05 else 0


def _warm_up(url: str) -> None:
    for _ in range(WARM_UP_REQUESTS):  # both workers: cache, renditions, connections
        urllib.request.urlopen(url, timeout=30).read()


def _load_generator():
    wrk = shutil.which("wrk")
    return _wrk if wrk else _python_load


def _wrk(url: str, headers: dict) -> dict:
    # A generous timeout, so slow answers count in the latencies instead of vanishing.
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--timeout=30s",
        "--latency",
        url,
    ]
    for name, value in headers.items():
        command[1:1] = ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        "p50_ms": _milliseconds(latency["50"]),
        "p99_ms": _milliseconds(latency["99"]),
        "errors": int(errors[1]) if errors else 0,
        "socket_errors": socket_errors[1] if socket_errors else None,
    }


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def _python_load(url: str, headers: dict) -> dict:
    """A bounded keep-alive load generator: CONNECTIONS threads for SECONDS, one host."""
    address = url.split("/", 3)
    host, port = address[2].split(":")
    path = "/" + address[3]
    latencies, errors, lock = [], [0], threading.Lock()
    stop = time.monotonic() + SECONDS

    def worker():
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        mine, failed = [], 0
        while time.monotonic() < stop:
            started = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            failed += response.status >= 400
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests_per_second": len(latencies) / SECONDS,
        "p50_ms": cuts[49],
        "p99_ms": cuts[98],
        "errors": errors[0],
    }


LABELS = {
    "static": "static file (the list's JSON, WhiteNoise)",
    "api_list": "API list, 20 articles",
    "api_detail": "API detail",
    "api_304": "API 304 (If-None-Match)",
    "article": "article page",
    "home": "home page",
    "navigator": "navigator page",
    "v2_list": "Wagtail API v2 list (for comparison)",
    "v2_detail": "Wagtail API v2 detail (for comparison)",
}


def _report(steady, publishing, frozen, published, queries, detail_id, generator) -> str:
    static = steady["static"]["requests_per_second"]
    verdicts = []

    def verdict(ok: bool) -> str:
        verdicts.append(ok)
        return "ok" if ok else "BELOW"

    lines = [
        f"# Delivery benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"gunicorn 2 workers, production settings, {_database()}, Redis cache; load: "
        f"{generator.strip('_')}, {THREADS} threads, {CONNECTIONS} connections, {SECONDS} s "
        f"per run; detail = article {detail_id}. Ratios are against the static file.",
        "",
        "| request (warm) | req/s | vs static | target | p50 ms | p99 ms | errors "
        "| SQL cold/warm | req/s publishing | vs steady | target |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for key, run in steady.items():
        rate = run["requests_per_second"]
        ratio = rate / static if static else 0
        target, during = "", publishing.get(key)
        if key not in ("static", "v2_list", "v2_detail"):
            floor = TARGET_304_RATIO if key == "api_304" else TARGET_RATIO
            target = f">= {floor} {verdict(ratio >= floor)}"
        if during and key != "static":
            kept = during["requests_per_second"] / rate if rate else 0
            during_cells = (
                f"{during['requests_per_second']:.0f} | {kept:.2f} "
                f"| >= {TARGET_PUBLISHING} {verdict(kept >= TARGET_PUBLISHING)}"
            )
        elif during:
            during_cells = f"{during['requests_per_second']:.0f} | | "
        else:
            during_cells = " | | "
        errors = run["errors"] + (during["errors"] if during else 0)
        lines.append(
            f"| {LABELS[key]} | {rate:.0f} | {ratio:.2f} | {target} | {run['p50_ms']:.2f} "
            f"| {run['p99_ms']:.2f} | {errors} | {queries.get(key, '')} | {during_cells} |"
        )
    lines += [
        "",
        f"Publishing: another process published an article every {PUBLISH_EVERY_SECONDS} s "
        f"({published[0]} publishes during the runs).",
        "",
    ]
    if frozen:
        lines += [
            "Frozen database (another process holds SQLite's BEGIN EXCLUSIVE):",
            "",
            "| kept URL | req/s | p50 ms | p99 ms | errors | target p99 |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for key, run in frozen.items():
            ok = run["p99_ms"] <= TARGET_FROZEN_P99_MS and not run["errors"]
            lines.append(
                f"| {LABELS[key]} | {run['requests_per_second']:.0f} | {run['p50_ms']:.2f} "
                f"| {run['p99_ms']:.2f} | {run['errors']} "
                f"| <= {TARGET_FROZEN_P99_MS} ms, 0 errors {verdict(ok)} |"
            )
        lines.append("")
    socket_errors = {
        key: run.get("socket_errors")
        for runs in (steady, publishing, frozen or {})
        for key, run in runs.items()
        if run.get("socket_errors")
    }
    lines += [
        "SQL cold: nothing kept; warm: a kept answer (what the load runs measure).",
        f"Socket errors: {socket_errors or 'none'}.",
        f"Every target met: {'yes' if all(verdicts) else 'no'}.",
        "",
    ]
    return "\n".join(lines)


def _database() -> str:
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()
