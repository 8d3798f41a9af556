"""``make bench``: throughput, latency and SQL per request, ours against Wagtail's API v2.

1. Builds a throwaway database (``bench-results/bench.sqlite3``; or the database
   ``DATABASE_URL`` names, which is flushed first, so point it at a scratch one).
2. Serves it with gunicorn, two workers, production settings, on 127.0.0.1.
3. Loads each endpoint for ``BENCH_SECONDS`` (10) with wrk, 2 threads and 16
   connections (or a small Python load generator when wrk is missing).
4. Counts SQL queries per request in-process with the test client.
5. Prints a table with ours/wagtail ratios and writes it to ``bench-results/``.

Not a timed test: numbers depend on the machine; the ratios are the point.
"""

import datetime
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

from tests.serving import HOST, ROOT, free_port

RESULTS = ROOT / "bench-results"
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
THREADS, CONNECTIONS = 2, 16
WARM_UP_REQUESTS = 40

OURS_LIST = "/api/v1/articles/?limit=20"
THEIRS_LIST = "/api/v2/pages/?type=cms.ArticlePage&fields=*&limit=20"


def main() -> None:
    RESULTS.mkdir(exist_ok=True)
    env = _environment()
    os.environ.update(env)
    print("Building the benchmark database (demo library + generated articles)...", flush=True)
    subprocess.run([sys.executable, "-m", "tests.benchmarks.build"], cwd=ROOT, env=env, check=True)

    import django

    django.setup()
    detail_id = _richest_article_id()
    ours_detail, theirs_detail = f"/api/v1/articles/{detail_id}/", f"/api/v2/pages/{detail_id}/"
    queries = _count_queries(ours_detail, theirs_detail)

    port = free_port()
    server = _serve(env, port)
    try:
        base = f"http://{HOST}:{port}"
        etag = _wait_until_up(base + ours_detail).headers["ETag"]
        conditional = {"If-None-Match": etag}
        for path in (OURS_LIST, THEIRS_LIST, ours_detail, theirs_detail):
            _warm_up(base + path)
        load = _load_generator()
        runs = {}
        for key, path, headers in (
            ("ours_list", OURS_LIST, {}),
            ("theirs_list", THEIRS_LIST, {}),
            ("ours_detail", ours_detail, {}),
            ("theirs_detail", theirs_detail, {}),
            ("ours_conditional", ours_detail, conditional),
        ):
            runs[key] = load(base + path, headers)
            _wait_until_idle(base)
    finally:
        server.terminate()
        server.wait(timeout=10)

    rows = [
        ("List, 20 articles", "ours_list", "theirs_list", "list"),
        ("Detail of one article", "ours_detail", "theirs_detail", "detail"),
        ("Ours If-None-Match (304) vs v2 GET", "ours_conditional", "theirs_detail", "conditional"),
    ]
    report = _report(rows, runs, queries, detail_id, load.__name__)
    print(report)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench-{stamp}.md").write_text(report)
    (RESULTS / f"bench-{stamp}.json").write_text(
        json.dumps({"runs": runs, "queries": queries, "detail_id": detail_id}, indent=2)
    )
    print(f"Written to bench-results/bench-{stamp}.md and .json")


def _environment() -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="tests.benchmarks.settings")
    if "DATABASE_URL" in env:
        subprocess.run(
            [sys.executable, "manage.py", "flush", "--no-input"], cwd=ROOT, env=env, check=False
        )
    else:
        database = RESULTS / "bench.sqlite3"
        database.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{database}"
    return env


def _richest_article_id() -> int:
    """The demo article with the longest body: the heaviest detail a reader can ask for."""
    from cms.models import ArticlePage

    pages = ArticlePage.objects.live().filter(slug__contains="variant").defer_streamfields()
    candidates = ArticlePage.objects.live().exclude(id__in=pages.values("id"))
    return max(candidates, key=lambda page: len(page.body.raw_data)).id


def _count_queries(ours_detail: str, theirs_detail: str) -> dict:
    """SQL per request, in-process: ours cold (cache empty) and warm, and Wagtail's."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST)

    def count(path, **headers):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, headers=headers)
        assert response.status_code in (200, 304), (path, response.status_code)
        return len(captured), response

    counts = {}
    for name, ours, theirs in (
        ("list", OURS_LIST, THEIRS_LIST),
        ("detail", ours_detail, theirs_detail),
    ):
        cache.clear()
        counts[f"{name}_ours_cold"], response = count(ours)
        counts[f"{name}_ours_warm"], _ = count(ours)
        counts[f"{name}_theirs"], _ = count(theirs)
    counts["conditional_ours"], not_modified = count(
        ours_detail, **{"If-None-Match": response["ETag"]}
    )
    assert not_modified.status_code == 304
    counts["conditional_theirs"] = counts["detail_theirs"]
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


def _wait_until_up(url: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return urllib.request.urlopen(url, timeout=5)
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
        urllib.request.urlopen(base + "/api/v1/", timeout=timeout).read()
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


def _report(rows, runs, queries, detail_id, generator) -> str:
    def ratio(ours, theirs):
        return f"{ours / theirs:.2f}" if theirs else "n/a"

    lines = [
        f"# API benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"gunicorn 2 workers, production settings, {_database()}; load: {generator.strip('_')}, "
        f"{THREADS} threads, {CONNECTIONS} connections, {SECONDS} s per run; "
        f"detail = article {detail_id}. Ratios are ours / Wagtail v2.",
        "",
        "| Request | req/s ours | req/s v2 | ratio | p50 ms ours | p50 ms v2 | ratio "
        "| p99 ms ours | p99 ms v2 | ratio | SQL ours (cold/warm) | SQL v2 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, ours_key, theirs_key, query_key in rows:
        ours, theirs = runs[ours_key], runs[theirs_key]
        if query_key == "conditional":
            our_sql = str(queries["conditional_ours"])
        else:
            our_sql = f"{queries[f'{query_key}_ours_cold']}/{queries[f'{query_key}_ours_warm']}"
        lines.append(
            f"| {label} | {ours['requests_per_second']:.0f} | {theirs['requests_per_second']:.0f} "
            f"| {ratio(ours['requests_per_second'], theirs['requests_per_second'])} "
            f"| {ours['p50_ms']:.2f} | {theirs['p50_ms']:.2f} "
            f"| {ratio(ours['p50_ms'], theirs['p50_ms'])} "
            f"| {ours['p99_ms']:.2f} | {theirs['p99_ms']:.2f} "
            f"| {ratio(ours['p99_ms'], theirs['p99_ms'])} "
            f"| {our_sql} | {queries[f'{query_key}_theirs']} |"
        )
    failed = {
        key: run["errors"] or run.get("socket_errors")
        for key, run in runs.items()
        if run["errors"] or run.get("socket_errors")
    }
    lines += [
        "",
        "SQL cold: response cache empty; warm: served from the content-versioned cache "
        "(what the load runs mostly measure for ours).",
        f"Error responses during the runs: {failed or 'none'}.",
        "",
    ]
    return "\n".join(lines)


def _database() -> str:
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":
    main()
