"""Routines a reader makes on a phone: the whole plan lives in the URL, never on the server.

One ``s`` parameter per stretch, in order: the guide's id, then optional
dot-separated settings, e.g. ``?s=27.r2.h30&s=31.both``:

- ``r<n>`` repetitions, ``x<n>`` sets, ``h<n>`` hold seconds, ``p<n>`` pause
  (rest) seconds, and a side: ``both``, ``left``, ``right`` or ``none``.

Anything left out keeps the guide's own dosage, as in an editor's routine.
Numbers outside ``cms.dosage.LIMITS`` (10,000 repetitions...) and malformed
parts are errors named one by one; an id no public guide has is not an error,
as a guide may be withdrawn after a plan was shared: it is named as
unavailable and the rest of the plan still runs.
"""

import re
from dataclasses import dataclass, field

from cms import dosage

ID = re.compile(r"^[1-9][0-9]{0,9}$")
SETTING = re.compile(r"^([rxhp])([0-9]{1,6})$")
SETTINGS = {"r": "repetitions", "x": "sets", "h": "hold_seconds", "p": "rest_seconds"}
SIDES = {"both", "left", "right", "none"}
LABELS = {
    "repetitions": "repetitions",
    "sets": "sets",
    "hold_seconds": "hold (seconds)",
    "rest_seconds": "rest (seconds)",
}


@dataclass
class Plan:
    entries: list[dict] = field(default_factory=list)  # {"stretch": id, **dosage}
    errors: list[str] = field(default_factory=list)


def parse(values: list[str]) -> Plan:
    plan = Plan()
    if len(values) > dosage.MAX_ROUTINE_ITEMS:
        plan.errors.append(
            f"A routine can have up to {dosage.MAX_ROUTINE_ITEMS} stretches; "
            f"this link has {len(values)}."
        )
        return plan
    for number, value in enumerate(values, start=1):
        entry, problems = _entry(value.strip())
        plan.errors += [f"Stretch {number}: {problem}" for problem in problems]
        if entry:
            plan.entries.append(entry)
    return plan


def _entry(value: str) -> tuple[dict | None, list[str]]:
    stretch, *parts = value.split(".")
    if not ID.match(stretch):
        return None, [f"“{value[:40]}” does not start with a stretch number."]
    entry, problems = {"stretch": int(stretch)}, []
    for part in parts:
        if part in SIDES:
            entry["sides"] = part
            continue
        found = SETTING.match(part)
        if not found:
            problems.append(f"“{part[:20]}” is not a setting this page knows.")
            continue
        name, number = SETTINGS[found[1]], int(found[2])
        low, high = dosage.LIMITS[name]
        if not low <= number <= high:
            problems.append(f"{LABELS[name]} must be from {low} to {high}, not {number}.")
            continue
        entry[name] = number
    return entry, problems


def encode(entries: list[dict]) -> list[str]:
    """The ``s`` values for ``entries``: the inverse of ``parse``."""
    letters = {name: letter for letter, name in SETTINGS.items()}
    values = []
    for entry in entries:
        parts = [str(entry["stretch"])]
        parts += [
            f"{letters[name]}{entry[name]}"
            for name in SETTINGS.values()
            if entry.get(name) is not None
        ]
        if entry.get("sides"):
            parts.append(entry["sides"])
        values.append(".".join(parts))
    return values
