"""How long a stretch or a routine takes, from its dosage.

The player (``frontend/static/frontend/js/stretch-player.js``, ``plan()``) runs
exactly this timeline, phase by phase, with no taps: every step lasts its hold,
or, for a movement, its "get into position" time; a rest comes before every
repetition but the very first of the session. The API publishes the total so a
reader knows how long a routine takes before starting, and the browser tests
check that the player's fake-clock run takes exactly this long.
"""

from collections.abc import Iterable, Mapping

# The most a routine may ask of one stretch: editors and shared plans alike.
LIMITS = {
    "hold_seconds": (1, 300),
    "repetitions": (1, 20),
    "sets": (1, 5),
    "rest_seconds": (0, 300),
}
MAX_ROUTINE_ITEMS = 12
# Seconds to get into position for a step with no hold, when the editor left it empty.
DEFAULT_POSITION_SECONDS = 5
SIDE_COUNTS = {"both": 2, "left": 1, "right": 1, "none": 1}


def step_seconds(step: Mapping, hold_override: int | None = None) -> int:
    """A hold lasts its hold (or the routine's override); a movement its position time."""
    hold = step.get("hold_seconds") or 0
    if hold > 0:
        return hold_override or hold
    return step.get("position_seconds") or DEFAULT_POSITION_SECONDS


def repetitions_in(dosage: Mapping) -> int:
    """Every repetition of every side in every set."""
    return dosage["sets"] * SIDE_COUNTS.get(dosage["sides"], 1) * dosage["repetitions"]


def session_seconds(items: Iterable[tuple[list[Mapping], Mapping]]) -> int:
    """The total of a session of ``(steps, dosage)`` items, in the player's order.

    ``dosage`` holds ``repetitions``, ``sets``, ``sides``, ``rest_seconds`` and
    an optional ``hold_seconds`` override.
    """
    total = 0
    first = True
    for steps, dosage in items:
        count = repetitions_in(dosage)
        if not steps or count < 1:
            continue
        per_repetition = sum(step_seconds(step, dosage.get("hold_seconds")) for step in steps)
        rests = count - 1 if first else count
        total += count * per_repetition + rests * dosage["rest_seconds"]
        first = False
    return total
