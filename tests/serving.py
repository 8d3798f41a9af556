"""Run the real site for the scripts that measure it (load test, budgets, outage drill).

Each script builds a throwaway database, starts gunicorn with production settings
on 127.0.0.1 and stops it when done; this is the part they share.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=capture,
        text=True,
    )
    return result.stdout if capture else ""


def build_demo_site(env: dict) -> None:
    """Migrate, load the demo library, index it and collect static files, as a release would."""
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "load_demo_content")
    manage(env, "index_search", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")


def wait_until_healthy(url: str, process: subprocess.Popen, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("gunicorn exited before it answered /healthz")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    sys.exit("gunicorn did not answer /healthz in time")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def start_gunicorn(stack: ExitStack, env: dict, base: str, *options: str) -> subprocess.Popen:
    """gunicorn with the repo's config, stopped when ``stack`` closes; returns once healthy.

    ``base`` is the site's public address (``SITE_URL``) unless ``env`` says otherwise.
    """
    env = {"SITE_URL": base, **env}
    server = subprocess.Popen(
        [str(GUNICORN), "-c", "python:cms.gunicorn", "--access-logfile", "/dev/null", *options]
        + ["cms.wsgi"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    stack.callback(stop, server)
    wait_until_healthy(f"{base}/healthz", server)
    return server
