"""The shapes of the "where does it hurt?" body map, drawn here as SVG paths.

Two calm figures side by side in a 360 x 600 box, so that on a phone the map
is drawn at about one CSS pixel per unit: the back on the left (most back pain
is felt there), the front on the right. A region is drawn on the view(s) its
``view`` names, as polygons inside the figure that never overlap one another,
and with its name on it. What answers a tap is exactly what is drawn (the
stylesheet leaves SVG's default, painted-area hit testing): no bounding boxes.
A region whose drawn shape is small or split in two (the hips, the tailbone,
both calves, both feet) also has an invisible ``target`` around it, at least
44 units each way and clear of every other region, so a finger can find it.
A region with no shape here is still offered in the page's plain list.
"""

import math

WIDTH, HEIGHT = 360, 600
CENTRES = {"back": 90, "front": 270}
LABELS = {"back": "Back of the body", "front": "Front of the body"}


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    return (
        f"M{_n(cx - rx)} {_n(cy)}a{_n(rx)} {_n(ry)} 0 1 0 {_n(2 * rx)} 0"
        f"a{_n(rx)} {_n(ry)} 0 1 0 {_n(-2 * rx)} 0z"
    )


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


def _polygon(points: list[tuple[float, float]]) -> str:
    return "M" + "L".join(f"{_n(x)} {_n(y)}" for x, y in points) + "z"


def _both_sides(cx: float, left: list[tuple[float, float]]) -> str:
    """A left-side polygon and its mirror image: one region on both sides of the body."""
    return _polygon(left) + _polygon(_mirror(cx, left))


def _box(left: float, top: float, right: float, bottom: float) -> str:
    return _polygon([(left, top), (right, top), (right, bottom), (left, bottom)])


def _region(path: str, label: tuple[float, float], target: str | None = None) -> dict:
    return {"path": path, "label": label, "target": target}


def _back(cx: float) -> dict[str, dict]:
    return {
        "upper-back": _region(_box(cx - 44, 114, cx + 44, 196), (cx, 159)),
        "lower-back": _region(_box(cx - 44, 200, cx + 44, 250), (cx, 229)),
        "tailbone": _region(
            _polygon([(cx - 22, 254), (cx + 22, 254), (cx + 22, 282), (cx, 300), (cx - 22, 282)]),
            (cx, 272),
            _box(cx - 22, 254, cx + 22, 300),
        ),
        **_hips(cx),
        "buttock": _region(
            # The halves meet in the middle: their strokes close the seam.
            _both_sides(cx, [(cx - 56, 304), (cx - 1, 304), (cx - 1, 350), (cx - 57, 350)]),
            (cx, 331),
        ),
        "back-of-thigh": _region(
            _both_sides(cx, [(cx - 55, 354), (cx - 5, 354), (cx - 7, 438), (cx - 48, 438)]),
            (cx, 399),
        ),
        "calf": _region(
            _both_sides(cx, [(cx - 44, 452), (cx - 10, 452), (cx - 12, 534), (cx - 37, 534)]),
            (cx, 497),
            _box(cx - 44, 452, cx + 44, 534),
        ),
    }


def _hips(cx: float) -> dict[str, dict]:
    """The outer hips, each side of the tailbone (back) or the groin (front).

    The invisible target reaches out over the arm, which is no region.
    """
    left = [(cx - 47, 254), (cx - 24, 254), (cx - 24, 300), (cx - 56, 300), (cx - 57, 280)]
    target = _box(cx - 82, 254, cx - 24, 300) + _box(cx + 24, 254, cx + 82, 300)
    return {"hip": _region(_both_sides(cx, left), (cx - 40, 281), target)}


def _front(cx: float) -> dict[str, dict]:
    return {
        **_hips(cx),
        "groin": _region(
            _polygon(
                [
                    (cx - 22, 256),
                    (cx, 276),
                    (cx + 22, 256),
                    (cx + 22, 282),
                    (cx, 302),
                    (cx - 22, 282),
                ]
            ),
            (cx, 324),  # below the crease, where the long name has room
            _box(cx - 22, 254, cx + 22, 302),
        ),
        "front-of-thigh": _region(
            _both_sides(cx, [(cx - 55, 346), (cx - 5, 346), (cx - 7, 438), (cx - 48, 438)]),
            (cx, 395),
        ),
        "foot": _region(
            _ellipse(cx - 24, 556, 19, 11) + _ellipse(cx + 24, 556, 19, 11),
            (cx, 586),
            _box(cx - 44, 540, cx + 44, 594),
        ),
    }


# slug -> view -> shape. Listed top to bottom, the order a keyboard moves
# through each figure.
REGION_SHAPES: dict[str, dict[str, dict]] = {}
for _view, _shapes in (("back", _back(CENTRES["back"])), ("front", _front(CENTRES["front"]))):
    for _slug, _shape in _shapes.items():
        REGION_SHAPES.setdefault(_slug, {})[_view] = _shape
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
            shape = REGION_SHAPES[region["slug"]][view]
            shapes.append(
                {
                    "slug": region["slug"],
                    "name": region["name"],
                    **shape,
                    "repeat": region["slug"] in placed,
                    "selected": region["slug"] == selected,
                }
            )
            placed.add(region["slug"])
        result.append(
            {"view": view, "label": LABELS[view], "cx": cx, "body": _figure(cx), "regions": shapes}
        )
    return result
