"""The shapes of the "where does it hurt?" body map, drawn here as SVG paths.

Two simple figures side by side, the back on the left and the front on the
right, in a 420 x 500 box. Each body region slug maps to the shapes that show
it; a region without shapes is still offered in the plain list.
"""

BACK, FRONT = 105, 315  # centre line of each figure


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    return f"M{cx - rx} {cy}a{rx} {ry} 0 1 0 {2 * rx} 0a{rx} {ry} 0 1 0 {-2 * rx} 0z"


def _box(x: float, y: float, w: float, h: float, r: float = 10) -> str:
    return (
        f"M{x + r} {y}h{w - 2 * r}a{r} {r} 0 0 1 {r} {r}v{h - 2 * r}a{r} {r} 0 0 1 {-r} {r}"
        f"h{-(w - 2 * r)}a{r} {r} 0 0 1 {-r} {-r}v{-(h - 2 * r)}a{r} {r} 0 0 1 {r} {-r}z"
    )


def _both_legs(cx: float, y: float, h: float, w: float = 34) -> str:
    return _box(cx - 4 - w, y, w, h) + _box(cx + 4, y, w, h)


def _figure(cx: float) -> str:
    """A calm, neutral silhouette: head, trunk, arms, legs and feet."""
    return "".join(
        [
            _ellipse(cx, 36, 22, 24),
            _box(cx - 9, 56, 18, 16, 4),
            _box(cx - 50, 68, 100, 206, 22),
            _box(cx - 72, 74, 20, 170, 10),
            _box(cx + 52, 74, 20, 170, 10),
            _both_legs(cx, 262, 212, 40),
            _ellipse(cx - 24, 482, 20, 10),
            _ellipse(cx + 24, 482, 20, 10),
        ]
    )


SILHOUETTES = _figure(BACK) + _figure(FRONT)

REGION_SHAPES = {
    "upper-back": _box(BACK - 42, 78, 84, 68),
    "lower-back": _box(BACK - 42, 150, 84, 64),
    "tailbone": _ellipse(BACK, 230, 10, 11),
    "buttock": _ellipse(BACK - 22, 252, 20, 18) + _ellipse(BACK + 22, 252, 20, 18),
    "hip": _ellipse(FRONT - 52, 238, 11, 20) + _ellipse(FRONT + 52, 238, 11, 20),
    "groin": _ellipse(FRONT, 262, 30, 11),
    "front-of-thigh": _both_legs(FRONT, 280, 88),
    "back-of-thigh": _both_legs(BACK, 280, 88),
    "calf": _both_legs(BACK, 384, 78),
    "foot": _ellipse(FRONT - 24, 482, 18, 8) + _ellipse(FRONT + 24, 482, 18, 8),
}


def map_regions(regions: list[dict]) -> list[dict]:
    """The regions that have shapes, each with its ``path``."""
    return [
        {**region, "path": REGION_SHAPES[region["slug"]]}
        for region in regions
        if region["slug"] in REGION_SHAPES
    ]
