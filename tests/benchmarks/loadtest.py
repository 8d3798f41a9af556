"""Load test: gunicorn + production settings + PostgreSQL, driven by wrk on 127.0.0.1.

    make loadtest                         # 60 s at 50 connections
    .venv/bin/python tests/benchmarks/loadtest.py --duration 10 --connections 10

Starts this machine's PostgreSQL (``.ci/postgres.sh``), creates a throwaway
database, migrates it and loads the demo library, collects static files, then
runs gunicorn exactly as production does (``-c python:cms.gunicorn cms.wsgi``)
on a free loopback port. wrk, in its own process, rotates over a mix of API
lists, API details, the changes feed and article pages. Reports requests per
second, p50/p99 latency, errors, and the workers' resident memory at start and
end and at six points between; writes the figures to bench-results/. Everything
it started is stopped and the database dropped, whatever happens. Only
127.0.0.1 is ever contacted.

The anonymous API rate limit is raised for the run (one client sends everything),
and the cache is each worker's own memory unless REDIS_URL is set.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from tests.serving import HOST, ROOT, build_demo_site, free_port, manage, start_gunicorn, stop

LIST_URLS = """
import json
from cms.models import ArticlePage, StretchGuidePage
from api.models import ContentChange
articles = ArticlePage.objects.live().public()
print(json.dumps({
    "article_ids": list(articles.values_list("id", flat=True)),
    "stretch_ids": list(StretchGuidePage.objects.live().values_list("id", flat=True)),
    "article_paths": [page.get_url() for page in articles.specific()],
    "last_change": ContentChange.objects.order_by("-id").values_list("id", flat=True).first() or 0,
}))
"""

WRK_SCRIPT = """
local paths = {%(paths)s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p90_us": %%d, '
    .. '"p99_us": %%d, "max_us": %%d, "connect_errors": %%d, "read_errors": %%d, '
    .. '"write_errors": %%d, "timeouts": %%d, "non_2xx_3xx": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, errors.connect, errors.read, errors.write,
    errors.timeout, errors.status))
end
"""


def log(message: str) -> None:
    print(f"[loadtest] {message}", flush=True)


def apt_install(package: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", package], check=True, env=env)


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    log("wrk is missing; installing Debian's package")
    apt_install("wrk")
    return shutil.which("wrk") or sys.exit("wrk could not be installed")


def psql(sql: str) -> None:
    subprocess.run(
        ["su", "postgres", "-s", "/bin/sh", "-c", f'psql -q -v ON_ERROR_STOP=1 -c "{sql}"'],
        check=True,
        cwd="/",
    )


def throwaway_database(stack: ExitStack) -> str:
    base_url = subprocess.run(
        [str(ROOT / ".ci" / "postgres.sh")], check=True, capture_output=True, text=True
    ).stdout.strip()
    name = f"loadtest_{os.getpid()}"
    psql(f"CREATE DATABASE {name} OWNER cms")
    stack.callback(psql, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    return base_url.rsplit("/", 1)[0] + f"/{name}"


def worker_rss_kib(master_pid: int) -> dict[int, int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    rss = {}
    for pid in map(int, children):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except FileNotFoundError:
            continue
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        rss[pid] = int(line.split()[1])
    return rss


def _cpu_fields(pid: int) -> list[str]:
    # The fields after the command name, which may itself hold spaces or parentheses.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def worker_cpu_seconds(master_pid: int) -> float:
    """User + system CPU of every worker so far, recycled ones included: a cost per
    request that other load on the machine does not inflate the way it inflates latency.

    A recycled worker's time moves into the master's ``cutime``/``cstime`` once
    the master has reaped it; the live workers' own time is read from each.
    """
    ticks = os.sysconf("SC_CLK_TCK")
    fields = _cpu_fields(master_pid)
    total = int(fields[13]) + int(fields[14])  # cutime, cstime: reaped workers
    for pid in Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split():
        try:
            fields = _cpu_fields(int(pid))
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def sample_memory(load: subprocess.Popen, master_pid: int, every: int) -> list[float]:
    """The workers' total resident memory every few seconds while the load runs:
    growth that levels off is caches filling; growth that keeps on is a leak."""
    samples = []
    while True:
        try:
            load.wait(timeout=every)
            return samples
        except subprocess.TimeoutExpired:
            samples.append(round(sum(worker_rss_kib(master_pid).values()) / 1024, 1))


def one_request_ms(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()
    return (time.perf_counter() - started) * 1000


def url_mix(found: dict) -> list[str]:
    """Weighted like a reading app's traffic: pages and details, some lists, a few polls."""
    paths = []
    paths += ["/api/v1/articles/", "/api/v1/stretches/", "/api/v1/articles/?limit=5"] * 3
    paths += [f"/api/v1/articles/{pk}/" for pk in found["article_ids"]]
    paths += [f"/api/v1/stretches/{pk}/" for pk in found["stretch_ids"]]
    since = max(found["last_change"] - 10, 0)
    paths += ["/api/v1/changes/", f"/api/v1/changes/?since={since}"] * 3
    paths += found["article_paths"] * 2
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds (at most 300)")
    parser.add_argument("--connections", type=int, default=50, help="at most 500")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=None, help="WEB_CONCURRENCY")
    parser.add_argument(
        "--no-recycle",
        action="store_true",
        help="keep the same workers all run (GUNICORN_MAX_REQUESTS=0), to see whether they grow",
    )
    parser.add_argument(
        "--redis", action="store_true", help="share one cache through a local redis-server"
    )
    args = parser.parse_args()
    duration, connections = min(args.duration, 300), min(args.connections, 500)
    wrk = ensure_wrk()

    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="loadtest-")))
        port = free_port()
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": f"{HOST},localhost",
            "SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback; TLS ends at the proxy
            "DATABASE_URL": throwaway_database(stack),
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            # Per second, not per minute: the limiter keeps one timestamp per request in
            # its window, so a minute of this load would be a list of thousands, read
            # and rewritten on every request. A second holds about as many as
            # production's 300/min does.
            "API_ANONYMOUS_RATE": "1000000/s",
            "WAGTAILADMIN_BASE_URL": f"http://{HOST}:{port}",
            "HOST": HOST,
            "PORT": str(port),
            "LOG_LEVEL": "WARNING",
        }
        if args.workers:
            env["WEB_CONCURRENCY"] = str(args.workers)
        if args.no_recycle:
            env["GUNICORN_MAX_REQUESTS"] = "0"
        if args.redis:
            env["REDIS_URL"] = start_redis(stack)
        log("migrating a throwaway PostgreSQL database and loading the demo library")
        build_demo_site(env)
        found = json.loads(manage(env, "shell", "-c", LIST_URLS, capture=True).splitlines()[-1])
        paths = url_mix(found)

        log(f"starting gunicorn on {HOST}:{port}")
        base = f"http://{HOST}:{port}"
        server = start_gunicorn(stack, env, base)
        for path in set(paths):  # warm each worker's cache a little, and fail early on errors
            with urllib.request.urlopen(base + path, timeout=10) as response:
                assert response.status == 200, path
        solo = sorted(((one_request_ms(base + path), path) for path in set(paths)), reverse=True)
        log("slowest single requests: " + ", ".join(f"{p} {ms:.0f} ms" for ms, p in solo[:5]))
        rss_start = worker_rss_kib(server.pid)
        cpu_start = worker_cpu_seconds(server.pid)

        script = workdir / "mix.lua"
        script.write_text(WRK_SCRIPT % {"paths": ", ".join(json.dumps(p) for p in paths)})
        log(f"wrk: {duration}s, {connections} connections, {len(set(paths))} URLs")
        load = subprocess.Popen(
            [
                wrk,
                f"-t{args.threads}",
                f"-c{connections}",
                f"-d{duration}s",
                "--timeout",
                "10s",
                "-s",
                str(script),
                base,
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        stack.callback(load.kill)
        interval = max(duration // 6, 1)
        memory = sample_memory(load, server.pid, every=interval)
        output = load.communicate(timeout=60)[0]
        if load.returncode:
            sys.exit(f"wrk failed ({load.returncode}):\n{output}")
        rss_end = worker_rss_kib(server.pid)
        cpu_used = worker_cpu_seconds(server.pid) - cpu_start
        figures = json.loads(output.split("WRK_JSON ", 1)[1].splitlines()[0])

    report = summarise(figures, rss_start, rss_end, connections, duration, len(set(paths)))
    report["cache"] = "redis" if args.redis else "per-process memory"
    report["worker_cpu_ms_per_request"] = round(cpu_used * 1000 / max(figures["requests"], 1), 1)
    report["cpu_cores"] = os.cpu_count()
    report["load_average_at_end"] = os.getloadavg()
    report["workers_rss_mib_total_during"] = {"every_s": interval, "samples": memory}
    print(output.split("WRK_JSON", 1)[0])
    print(json.dumps(report, indent=2))
    out = ROOT / "bench-results"
    out.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (out / f"loadtest-{stamp}.json").write_text(json.dumps(report, indent=2) + "\n")


def start_redis(stack: ExitStack) -> str:
    """A private, memory-only redis-server on a free loopback port, stopped at the end."""
    executable = shutil.which("redis-server")
    if executable is None:
        log("redis-server is missing; installing Debian's package")
        apt_install("redis-server")
        executable = shutil.which("redis-server") or sys.exit("redis-server could not be installed")
    port = free_port()
    server = subprocess.Popen(
        [executable, "--bind", HOST, "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    stack.callback(stop, server)
    for _ in range(50):
        with socket.socket() as sock:
            if sock.connect_ex((HOST, port)) == 0:
                return f"redis://{HOST}:{port}/0"
        time.sleep(0.1)
    sys.exit("redis-server did not start")


def summarise(figures, rss_start, rss_end, connections, duration, url_count) -> dict:
    seconds = figures["duration_us"] / 1e6
    errors = sum(
        figures[key]
        for key in ("connect_errors", "read_errors", "write_errors", "timeouts", "non_2xx_3xx")
    )
    return {
        "connections": connections,
        "duration_s": duration,
        "distinct_urls": url_count,
        "requests": figures["requests"],
        "requests_per_second": round(figures["requests"] / seconds, 1),
        "latency_ms": {
            name: round(figures[f"{name}_us"] / 1000, 2) for name in ("p50", "p90", "p99", "max")
        },
        "errors": errors,
        "error_detail": {
            key: figures[key]
            for key in ("connect_errors", "read_errors", "write_errors", "timeouts", "non_2xx_3xx")
        },
        "workers": len(rss_end),
        # max_requests recycles workers under load: a lower bound on how many were replaced.
        "workers_recycled_at_least": len(set(rss_start) - set(rss_end)),
        "worker_rss_mib_start": [round(kib / 1024, 1) for kib in rss_start.values()],
        "worker_rss_mib_end": [round(kib / 1024, 1) for kib in rss_end.values()],
        "workers_rss_mib_total_start": round(sum(rss_start.values()) / 1024, 1),
        "workers_rss_mib_total_end": round(sum(rss_end.values()) / 1024, 1),
    }


if __name__ == "__main__":
    main()
