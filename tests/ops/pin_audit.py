"""Known vulnerabilities in the pinned dependencies, from PyPI's own advisory data.

    make audit                      # requirements.txt and requirements-dev.txt
    .venv/bin/python -m tests.ops.pin_audit requirements.txt

PyPI publishes, with every release, the known vulnerabilities that affect it (the
OSV data behind pip-audit's default service). For each pin this asks for the
exact release (``/pypi/<name>/<version>/json``), the question pip-audit asks.
Some networks, this project's build machines among them, reach only PyPI's
project documents (``/pypi/<name>/json``), which describe the newest release. A
pin that *is* the newest release is then checked in full, the same way.

A pin behind the newest release is reported as ``outdated`` (with the reason, when
``HELD_BACK`` gives one) but does not fail the audit: upstream releases land every
day, and a landing must not depend on another project's release day. Upgrading is
``make lock`` work, done on purpose.

Exit status: 1 when a pin has a known vulnerability or could not be looked up, else 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
PYPI = "https://pypi.org/pypi"
# Why some pins stay behind the newest release on purpose; shown beside them in the report.
HELD_BACK: dict[str, str] = {
    "django": "the stack is Django 5.2 LTS",
    "django-treebeard": "Wagtail 8 requires django-treebeard<6",
    "python-dateutil": "botocore requires python-dateutil<3",
    "soupsieve": "newer releases need Python 3.11.5; the lock serves all of 3.11",
}

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")

Fetch = Callable[[str], "dict | None"]


@dataclass
class Verdict:
    name: str
    version: str
    status: str  # clean | vulnerable | outdated | unknown
    detail: str = ""
    advisories: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status in ("vulnerable", "unknown")


def read_pins(paths: Iterable[Path]) -> list[tuple[str, str]]:
    pins = set()
    for path in paths:
        for line in path.read_text().splitlines():
            match = PIN.match(line.strip())
            if match:
                pins.add((canonicalize_name(match[1]), match[2]))
    return sorted(pins)


def fetch_json(url: str, attempts: int = 3) -> dict | None:
    """The JSON document at ``url``; None when PyPI says it does not exist."""
    for attempt in range(attempts):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            failure = error
        except OSError as error:
            failure = error
        time.sleep(2**attempt)
    raise failure


def advisories(document: dict) -> list[str]:
    """IDs of the vulnerabilities a release document lists, withdrawn ones left out."""
    return sorted(
        vulnerability["id"]
        for vulnerability in document.get("vulnerabilities") or []
        if not vulnerability.get("withdrawn")
    )


def audit_pin(name: str, version: str, fetch: Fetch = fetch_json) -> Verdict:
    try:
        release = fetch(f"{PYPI}/{name}/{version}/json")
        if release is not None:
            found = advisories(release)
            return Verdict(name, version, "vulnerable" if found else "clean", advisories=found)
        project = fetch(f"{PYPI}/{name}/json")
    except OSError as error:
        return Verdict(name, version, "unknown", f"PyPI could not be reached: {error}")
    if project is None:
        return Verdict(name, version, "unknown", "PyPI has no such project")

    newest = project["info"]["version"]
    if Version(newest) == Version(version):
        found = advisories(project)
        return Verdict(name, version, "vulnerable" if found else "clean", advisories=found)
    reason = HELD_BACK.get(name, "upgrade with `make lock` when convenient")
    return Verdict(
        name,
        version,
        "outdated",
        f"newest is {newest} ({reason}); advisories for this exact release are not reachable",
    )


def audit(pins: list[tuple[str, str]], fetch: Fetch = fetch_json) -> list[Verdict]:
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda pin: audit_pin(*pin, fetch=fetch), pins))


def report(verdicts: list[Verdict]) -> str:
    lines = []
    for verdict in verdicts:
        if verdict.status != "clean":
            found = f" {', '.join(verdict.advisories)}" if verdict.advisories else ""
            lines.append(f"{verdict.status:>11}  {verdict.name}=={verdict.version}{found}")
            if verdict.detail:
                lines.append(f"{'':>13}{verdict.detail}")
    counts: dict[str, int] = {}
    for verdict in verdicts:
        counts[verdict.status] = counts.get(verdict.status, 0) + 1
    summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    lines.append(f"{len(verdicts)} pins: {summary}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "requirements",
        nargs="*",
        type=Path,
        default=[ROOT / "requirements.txt", ROOT / "requirements-dev.txt"],
    )
    args = parser.parse_args(argv)
    verdicts = audit(read_pins(args.requirements), fetch=fetch_json)
    print(report(verdicts))
    return 1 if any(verdict.failed for verdict in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
