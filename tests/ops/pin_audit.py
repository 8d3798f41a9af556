"""Known vulnerabilities in the pinned dependencies, from PyPI's own advisory data.

    make audit                      # requirements.txt and requirements-dev.txt
    .venv/bin/python -m tests.ops.pin_audit requirements.txt

PyPI publishes, with every release, the known vulnerabilities that affect it (the
OSV data behind pip-audit's default service). For each pin this asks for the
exact release (``/pypi/<name>/<version>/json``), the question pip-audit asks.
Some networks, this project's build machines among them, reach only PyPI's
project documents (``/pypi/<name>/json``), which describe the newest release. A
pin that *is* the newest release is then checked in full, the same way. A pin
held back behind the newest release cannot be checked that way, so it must
(1) be named in ``HELD_BACK`` with the reason, and (2) be the newest release
that reason allows: security fixes ship as patch releases, so falling behind in
a series fails the audit. Such pins are listed in the report as held back,
never counted as clean.

Exit status: 0 when nothing is found, 1 when a pin is vulnerable, behind in its
series, held back without a reason, or could not be looked up.
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

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parents[2]
PYPI = "https://pypi.org/pypi"
# The oldest interpreter the lock files target (uv pip compile --python-version 3.11).
PYTHON_FLOOR = Version("3.11.0")

# Pins deliberately older than the project's newest release, and the range each may use.
HELD_BACK: dict[str, tuple[str, str]] = {
    "django": ("<6.0", "the stack is Django 5.2 LTS"),
    "django-treebeard": ("<6.0", "Wagtail 8 requires django-treebeard<6"),
    "python-dateutil": ("<3.0", "botocore requires python-dateutil<3"),
    "soupsieve": ("", "newer releases need Python 3.11.5; the lock serves all of 3.11"),
}

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")

Fetch = Callable[[str], "dict | None"]


@dataclass
class Verdict:
    name: str
    version: str
    status: str  # clean | vulnerable | behind | held-back | unexplained | unknown
    detail: str = ""
    advisories: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.status not in ("clean", "held-back")


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


def newest_allowed(releases: dict, allowed: SpecifierSet) -> Version | None:
    """The newest final, unyanked release in ``allowed`` that installs on the Python floor."""
    candidates = []
    for number, files in releases.items():
        try:
            version = Version(number)
        except InvalidVersion:
            continue
        if version.is_prerelease or version not in allowed or not files:
            continue
        if all(file.get("yanked") for file in files):
            continue
        python = next((f.get("requires_python") for f in files if f.get("requires_python")), "")
        try:
            if python and PYTHON_FLOOR not in SpecifierSet(python):
                continue
        except InvalidSpecifier:
            continue
        candidates.append(version)
    return max(candidates, default=None)


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
    if name not in HELD_BACK:
        return Verdict(
            name, version, "unexplained", f"newest is {newest}; upgrade, or add it to HELD_BACK"
        )
    allowed, reason = HELD_BACK[name]
    best = newest_allowed(project["releases"], SpecifierSet(allowed))
    if best is not None and best > Version(version):
        return Verdict(name, version, "behind", f"{best} is allowed ({reason}); upgrade to it")
    return Verdict(name, version, "held-back", f"newest allowed; newest is {newest}: {reason}")


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
    verdicts = audit(read_pins(args.requirements))
    print(report(verdicts))
    return 1 if any(verdict.failed for verdict in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
