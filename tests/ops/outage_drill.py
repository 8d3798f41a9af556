"""Outage drill: stop the real PostgreSQL under a running site, then start it again.

    make outage-drill

Runs gunicorn with production settings on a throwaway database of this
machine's PostgreSQL 15, with a local Redis as the shared cache, all on
127.0.0.1. Reads a page and the API, stops the cluster, and checks that the kept
page is still served, an unseen page and the API answer 503 with Retry-After,
and /healthz says 503; then starts the cluster and checks that everything
recovers without a restart. Then freezes the server (``SIGSTOP`` on every
PostgreSQL process: it accepts connections and answers nothing, like a hung
host) and checks that kept pages are served in under a second, /healthz says
503 within two, and all recovers after ``SIGCONT``. Exits non-zero on the
first check that fails.

Stops and freezes the whole local cluster for a few seconds: run it where
nothing else needs that PostgreSQL (CI runs it after the test suites).
"""

import json
import os
import secrets
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

from tests.benchmarks.loadtest import start_redis, throwaway_database
from tests.serving import HOST, free_port, manage, start_gunicorn

CLUSTER = ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main"]
FIRST_PAGES = """
import json
from cms.models import ArticlePage
pages = ArticlePage.objects.live().public().specific()[:2]
print(json.dumps([page.get_url() for page in pages]))
"""


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def check(label: str, condition: bool) -> None:
    print(f"{'ok  ' if condition else 'FAIL'} {label}", flush=True)
    if not condition:
        raise SystemExit(1)


def main() -> None:
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="outage-")))
        port = free_port()
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": throwaway_database(stack),
            "STATIC_ROOT": str(workdir / "static"),
            "MEDIA_ROOT": str(workdir / "media"),
            "HOST": HOST,
            "PORT": str(port),
            "WEB_CONCURRENCY": "2",
            "LOG_LEVEL": "CRITICAL",
        }
        env["REDIS_URL"] = start_redis(stack)
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--no-input", "-v0")
        seen, unseen = json.loads(
            manage(env, "shell", "-c", FIRST_PAGES, capture=True).splitlines()[-1]
        )
        base = f"http://{HOST}:{port}"
        start_gunicorn(stack, env, base, "--error-logfile", "/dev/null")

        status, _, fresh = fetch(base + seen)
        check(f"{seen} is served while the database is up", status == 200)
        check(
            "the API answers while the database is up", fetch(f"{base}/api/v1/articles/")[0] == 200
        )

        subprocess.run([*CLUSTER, "stop", "-m", "fast"], check=True)
        stack.callback(subprocess.run, [*CLUSTER, "start"], check=False, capture_output=True)
        try:
            status, headers, body = fetch(base + seen)
            check(f"{seen} is served from its copy with the database down", status == 200)
            check("the kept copy is the page as it was", body == fresh)
            status, headers, _ = fetch(base + unseen)
            check(
                f"{unseen}, never served, is a 503 with Retry-After",
                status == 503 and "Retry-After" in headers,
            )
            status, headers, body = fetch(f"{base}/api/v1/stretches/")
            problem = json.loads(body)
            check(
                "the API is a 503 problem with Retry-After",
                status == 503 and problem["status"] == 503 and "Retry-After" in headers,
            )
            check("/healthz says the database is unavailable", fetch(f"{base}/healthz")[0] == 503)
        finally:
            subprocess.run([*CLUSTER, "start"], check=True)
        time.sleep(1)

        status, headers, _ = fetch(base + seen)
        check(
            f"{seen} is fresh again once the database is back",
            status == 200 and "X-Served-Stale" not in headers,
        )
        check("the API recovers by itself", fetch(f"{base}/api/v1/stretches/")[0] == 200)
        check("/healthz recovers by itself", fetch(f"{base}/healthz")[0] == 200)
        frozen_server_drill(base, seen, fresh)
        # Exits non-zero (and so fails the drill) if the outage left the feed wrong.
        report = manage(env, "check_change_log", capture=True)
        check("the change log matches the live library", "matches" in report)
    print("outage drill passed")


def postgres_processes() -> list[int]:
    """The cluster's postmaster and every process it started."""
    data = subprocess.run(
        ["pg_lsclusters", "-h"], check=True, capture_output=True, text=True
    ).stdout.split()
    postmaster = int((Path(data[5]) / "postmaster.pid").read_text().split()[0])
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(postmaster)], capture_output=True, text=True
    ).stdout.split()
    return [postmaster, *map(int, children)]


def timed_fetch(url: str) -> tuple[int, bytes, float]:
    started = time.monotonic()
    status, _, body = fetch(url)
    return status, body, time.monotonic() - started


def frozen_server_drill(base: str, seen: str, fresh: bytes) -> None:
    """SIGSTOP: the server keeps every connection open and answers nothing."""
    processes = postgres_processes()
    for pid in processes:
        os.kill(pid, signal.SIGSTOP)
    try:
        for _ in range(3):
            status, body, seconds = timed_fetch(base + seen)
            check(
                f"{seen} is served from its copy in {seconds:.2f} s with the server frozen",
                status == 200 and body == fresh and seconds < 1,
            )
        status, _, seconds = timed_fetch(f"{base}/healthz")
        check(f"/healthz says 503 in {seconds:.2f} s", status == 503 and seconds < 2)
    finally:
        for pid in processes:
            os.kill(pid, signal.SIGCONT)
    deadline = time.monotonic() + 30
    while fetch(f"{base}/healthz")[0] != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    check("/healthz recovers after SIGCONT", fetch(f"{base}/healthz")[0] == 200)
    check(f"{seen} is served after SIGCONT", fetch(base + seen)[0] == 200)
    check("the API recovers after SIGCONT", fetch(f"{base}/api/v1/stretches/")[0] == 200)


if __name__ == "__main__":
    main()
