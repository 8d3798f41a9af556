"""Run the project in a separate process, as a server or a cron job would."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_python(env: dict, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run the project's Python in a fresh process, so settings are read from ``env``."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
