"""The shapes of the "where does it hurt?" body map, drawn here as SVG paths.

Two calm figures side by side in a 400 x 600 box: the back on the left (most
back pain is felt there), the front on the right. A region is drawn on the
view(s) its ``view`` names; bands across the trunk and legs are clipped to the
figure's outline so they follow its shape. A region with no shape here is still
offered in the page's plain list, which is always there.
"""

import math

WIDTH, HEIGHT = 400, 600
CENTRES = {"back": 100, "front": 300}
LABELS = {"back": "Back of the body", "front": "Front of the body"}


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    return (
        f"M{_n(cx - rx)} {_n(cy)}a{_n(rx)} {_n(ry)} 0 1 0 {_n(2 * rx)} 0"
        f"a{_n(rx)} {_n(ry)} 0 1 0 {_n(-2 * rx)} 0z"
    )


def _band(cx: float, top: float, bottom: float, half_width: float = 64) -> str:
    """A rectangle across the figure; the figure's outline clips it to shape."""
    left, right = _n(cx - half_width), _n(cx + half_width)
    return f"M{left} {_n(top)}H{right}V{_n(bottom)}H{left}z"


def _capsule(x1: float, y1: float, x2: float, y2: float, radius: float) -> str:
    """A limb: the segment (x1, y1)-(x2, y2) drawn with rounded ends."""
    angle = math.atan2(y2 - y1, x2 - x1) + math.pi / 2
    dx, dy = radius * math.cos(angle), radius * math.sin(angle)
    r = _n(radius)
    return (
        f"M{_n(x1 + dx)} {_n(y1 + dy)}L{_n(x2 + dx)} {_n(y2 + dy)}"
        f"A{r} {r} 0 0 0 {_n(x2 - dx)} {_n(y2 - dy)}L{_n(x1 - dx)} {_n(y1 - dy)}"
        f"A{r} {r} 0 0 0 {_n(x1 + dx)} {_n(y1 + dy)}z"
    )


def _mirror(cx: float, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(2 * cx - x, y) for x, y in points]


def _curve(points: list[tuple[float, float]]) -> str:
    """``M`` then cubic Béziers: points come as start, then (c1, c2, end) triples."""
    (x, y), rest = points[0], points[1:]
    parts = [f"M{_n(x)} {_n(y)}"]
    for i in range(0, len(rest), 3):
        parts.append("C" + " ".join(f"{_n(px)} {_n(py)}" for px, py in rest[i : i + 3]))
    return "".join(parts)


def _figure(cx: float) -> list[str]:
    """Head, neck, trunk, arms, legs and feet: separate shapes, unioned by drawing."""
    left_side = [  # neck base down the left side of the trunk to the hip
        (cx - 16, 100),
        (cx - 44, 100), (cx - 62, 106), (cx - 62, 130),
        (cx - 62, 172), (cx - 50, 200), (cx - 48, 232),
        (cx - 47, 262), (cx - 58, 282), (cx - 56, 318),
    ]  # fmt: skip
    trunk = _curve(left_side) + "L" + _curve(_mirror(cx, left_side)[::-1])[1:] + "z"
    left_leg = [
        (cx - 56, 300),
        (cx - 60, 400), (cx - 42, 470), (cx - 36, 548),
        (cx - 24, 550), (cx - 14, 550), (cx - 11, 548),
        (cx - 11, 470), (cx - 3, 400), (cx - 3, 318),
    ]  # fmt: skip
    legs = [_curve(leg) + "z" for leg in (left_leg, _mirror(cx, left_leg))]
    return [
        _ellipse(cx, 58, 24, 29),
        _capsule(cx, 78, cx, 104, 11),
        trunk,
        _capsule(cx - 56, 128, cx - 78, 316, 10),
        _capsule(cx + 56, 128, cx + 78, 316, 10),
        *legs,
        _ellipse(cx - 24, 556, 19, 11),
        _ellipse(cx + 24, 556, 19, 11),
    ]


def _pair(cx: float, dx: float, cy: float, rx: float, ry: float) -> str:
    return _ellipse(cx - dx, cy, rx, ry) + _ellipse(cx + dx, cy, rx, ry)


def _groin(cx: float) -> str:
    """The creases where the thighs meet the body: a shallow V."""
    return f"M{cx - 46} 282L{cx} 314L{cx + 46} 282V306L{cx} 338L{cx - 46} 306z"


# slug -> view -> (path, clipped to the figure?). Listed top to bottom, the
# order a keyboard moves through each figure.
B, F = CENTRES["back"], CENTRES["front"]
REGION_SHAPES = {
    "upper-back": {"back": (_band(B, 112, 198, 50), True)},
    "lower-back": {"back": (_band(B, 204, 262, 50), True)},
    "tailbone": {"back": (_ellipse(B, 281, 14, 16), False)},
    "buttock": {"back": (_pair(B, 25, 308, 23, 28), True)},
    "hip": {
        "back": (_pair(B, 54, 280, 13, 24), False),
        "front": (_pair(F, 54, 280, 13, 24), False),
    },
    "groin": {"front": (_groin(F), True)},
    "back-of-thigh": {"back": (_band(B, 344, 438), True)},
    "front-of-thigh": {"front": (_band(F, 346, 438), True)},
    "calf": {"back": (_band(B, 452, 534), True)},
    "foot": {"front": (_pair(F, 24, 555, 21, 15), False)},
}
SHAPE_ORDER = {slug: position for position, slug in enumerate(REGION_SHAPES)}


def _views_of(region: dict) -> list[str]:
    shapes = REGION_SHAPES.get(region["slug"], {})
    wanted = ["back", "front"] if region["view"] == "both" else [region["view"]]
    return [view for view in wanted if view in shapes] or list(shapes)


def figures(regions: list[dict], selected: str | None = None) -> list[dict]:
    """Both figures with the regions drawn on each, ready for the template.

    A region shown on both figures is one stop for the keyboard and for screen
    readers: its second shape is for pointers only (``repeat``).
    """
    ordered = sorted(
        (r for r in regions if r["slug"] in REGION_SHAPES), key=lambda r: SHAPE_ORDER[r["slug"]]
    )
    placed = set()
    result = []
    for view, cx in CENTRES.items():
        shapes = []
        for region in ordered:
            if view not in _views_of(region):
                continue
            path, clipped = REGION_SHAPES[region["slug"]][view]
            shapes.append(
                {
                    "slug": region["slug"],
                    "name": region["name"],
                    "path": path,
                    "clipped": clipped,
                    "repeat": region["slug"] in placed,
                    "selected": region["slug"] == selected,
                }
            )
            placed.add(region["slug"])
        result.append(
            {"view": view, "label": LABELS[view], "cx": cx, "body": _figure(cx), "regions": shapes}
        )
    return result
