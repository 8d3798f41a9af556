"""A picture for every step of every demo stretch guide, drawn in code as small SVGs.

The figures reuse the skeleton of :mod:`cms.demo.illustrations` (fixed segment
lengths, limbs placed by joint angles or by where a hand or foot must be), but
every picture is a *moment* of the stretch:

* ``start``: the starting position, with an arrow for the movement into the stretch;
* ``stretch``: the position held;
* ``return``: the held position, with an arrow for the way back.

Each step of a demo file names its stage (``pose: start``), so a guide of six
steps needs at most three drawings. The limb that moves is drawn in a warm
colour *and* with a thick dark outline and a dashed stripe, so it stands out in
greyscale and to readers who do not see colour. Colours are custom properties
in the picture's own stylesheet, with a dark scheme, because an SVG shown
through ``<img>`` does not inherit the page's CSS.

Every drawing shows the LEFT side working (the player does the left side
first) and the figure faces left; the player mirrors it with ``scaleX(-1)``
for the right side and swaps "left" and "right" in its accessible name.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from .illustrations import (
    ANKLE_Y,
    BACKGROUND,
    BODY,
    BODY_FAR,
    FLOOR,
    PROP,
    PROP_DARK,
    SHIN,
    THIGH,
    Figure,
    Point,
    Scene,
    _angle,
    _at,
)

__all__ = ["POSES", "STAGES", "pose_svg", "pose_title"]

STAGES = ("start", "stretch", "return")
LAYERS = ("props", "far", "under", "body", "strap", "near", "moving", "target", "arrow")
CLASSES = {BODY: "b", BODY_FAR: "f", BACKGROUND: "o", PROP: "p", PROP_DARK: "d"}
STYLE = (
    "svg{--bg:#f3efe7;--b:#3b6e8f;--f:#2b5570;--p:#a3a6a8;--d:#7d8285;--m:#e07a1f;"
    "--mo:#1d262b;--t:#e8833a}"
    "@media(prefers-color-scheme:dark){svg{--bg:#1f272b;--b:#8fb8d4;--f:#5f8aa6;--p:#5c666b;"
    "--d:#8a9499;--m:#ffad5c;--mo:#f4f6f7;--t:#ff9f4d}}"
    "path{fill:none;stroke-linecap:round;stroke-linejoin:round}"
    ".bg{fill:var(--bg)}.b{stroke:var(--b)}.f{stroke:var(--f)}.o,.s{stroke:var(--bg)}"
    ".p{stroke:var(--p)}.d{stroke:var(--d)}.m{stroke:var(--m)}.mo,.a{stroke:var(--mo)}"
    "circle.b{fill:var(--b)}rect.p{fill:var(--p)}.ah{fill:var(--mo)}"
    ".s{stroke-dasharray:6 9}.t{fill:var(--t);opacity:.45}"
)


def _d(points: list[Point]) -> str:
    return "M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in points)


class PoseScene(Scene):
    """A :class:`Scene` that draws with CSS classes, marks the moving limb and draws arrows."""

    def __init__(self) -> None:
        super().__init__()
        self.layers = {name: [] for name in LAYERS}

    def line(self, layer: str, points: list[Point], width: float, colour: str) -> None:
        self._grow(points, width / 2)
        cls = CLASSES[colour]
        if layer == "moving":  # a thick dark outline, the warm colour and a dashed stripe
            cls = {"o": "mo", "b": "m"}[cls]
            width += 4 if cls == "mo" else 0
        self.layers[layer].append(f'<path class="{cls}" d="{_d(points)}" stroke-width="{width}"/>')
        if cls == "m":
            self.layers[layer].append(f'<path class="s" d="{_d(points)}" stroke-width="4"/>')

    def circle(self, layer: str, c: Point, r: float, colour: str) -> None:
        self._grow([c], r)
        self.layers[layer].append(
            f'<circle class="{CLASSES[colour]}" cx="{c[0]:.0f}" cy="{c[1]:.0f}" r="{r}"/>'
        )

    def wall(self, x: float, top: float = 60) -> None:
        self._grow([(x, top), (x + 36, FLOOR)], 0)
        self.layers["props"].append(
            f'<rect class="p" x="{x}" y="{top}" width="36" height="{FLOOR - top}" rx="6"/>'
        )

    def target(self, c: Point, rx: float, ry: float, deg: float = 0) -> None:
        x, y = c
        self.layers["target"].append(
            f'<ellipse class="t" cx="{x:.0f}" cy="{y:.0f}" rx="{rx}" ry="{ry}" '
            f'transform="rotate({deg:.0f} {x:.0f} {y:.0f})"/>'
        )

    def arrow(self, a: Point, bulge: Point, b: Point) -> None:
        """A curved arrow from a to b through the control point bulge, for the movement."""
        self._grow([a, b], 12)
        head = _angle(bulge, b)
        tip = [_at(b, 18, head), _at(b, 12, head + 120), _at(b, 12, head - 120)]
        self.layers["arrow"].append(
            f'<path class="a" d="M{a[0]:.0f} {a[1]:.0f}Q{bulge[0]:.0f} {bulge[1]:.0f} '
            f'{b[0]:.0f} {b[1]:.0f}" stroke-width="6"/>'
            f'<path class="ah" d="{_d(tip)}Z"/>'
        )

    def svg(self, title: str) -> str:
        """Scale and centre the drawing, mirrored so the figure faces left (its left side near)."""
        x0, y0, x1, y1 = self.box
        k = min(560 / (x1 - x0), 400 / (y1 - y0), 1.4)
        dx, dy = 320 - k * (x0 + x1) / 2, 240 - k * (y0 + y1) / 2
        floor = f'<path class="d" d="M36 {dy + k * FLOOR:.0f}H604" stroke-width="4"/>'
        body = "".join(s for name in LAYERS for s in self.layers[name])
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 480" width="320" '
            'height="240" role="img" aria-labelledby="t">'
            f'<title id="t">{html.escape(title)}</title><style>{STYLE}</style>'
            f'<rect class="bg" width="640" height="480" rx="28"/>{floor}'
            f'<g transform="matrix({-k:.3f} 0 0 {k:.3f} {640 - dx:.1f} {dy:.1f})">'
            f"{body}</g></svg>\n"
        )


# --- the stretches, each drawn at the start and in the stretch -------------

Draw = Callable[[PoseScene, bool], tuple[Point, Point, Point]]
_DRAWINGS: dict[str, Draw] = {}


def _drawing(slug: str) -> Callable[[Draw], Draw]:
    def register(fn: Draw) -> Draw:
        _DRAWINGS[slug] = fn
        return fn

    return register


@_drawing("towel-calf-stretch")
def _towel_calf(s: PoseScene, stretched: bool):
    f = Figure(s, (200, FLOOR - 25), -84)
    f.leg("far", (300, ANKLE_Y - 6), foot=0)
    toes = -96 if stretched else -62
    leg = f.leg("moving", angles=(4, 4), foot=toes, foot_len=34)
    ball = _at(leg[2], 26, toes)
    for layer in ("far", "near"):
        hand = f.arm(layer, (336, 330))[2]
    s.strap(hand, ball, toes + 90, 14)
    if stretched:
        s.target_on(leg[1], leg[2], 0.45, 4, 32, 13)
    return (412, 318), (424, 268), (386, 262)


@_drawing("wall-calf-stretch")
def _wall_calf(s: PoseScene, stretched: bool):
    s.wall(520)
    f = Figure(s, (362, 256) if stretched else (420, 218), -66 if stretched else -80)
    f.leg("far", (445, ANKLE_Y), foot=0)
    back = f.leg("moving", (272, ANKLE_Y) if stretched else (420, ANKLE_Y), foot=0)
    for layer in ("far", "near"):
        f.arm(layer, (512, 166))
    if stretched:
        s.target_on(back[1], back[2], 0.5, 12, 30, 13)
    return (400, FLOOR - 30), (340, FLOOR - 70), (280, FLOOR - 40)


@_drawing("figure-four-stretch")
def _figure_four(s: PoseScene, stretched: bool):
    f = Figure(s, (350, FLOOR - 24), 180)
    support = f.leg(
        "far", angles=(-102, 0) if stretched else (-50, 50), foot=-80 if stretched else 0
    )
    knee = (446, 372) if stretched else (452, 330)
    f.leg("moving", _at(support[1], 34, 78 if stretched else 200), knee=knee, foot=180, foot_len=16)
    for layer in ("far", "near"):  # hands hold the supporting thigh below the knee
        f.arm(layer, _at(support[1], 22, 90) if stretched else (300, FLOOR - 14), bend=0)
    if stretched:
        s.target((366, FLOOR - 22), 32, 18)
    return (470, 300), (470, 230), (420, 220)


@_drawing("seated-piriformis-stretch")
def _seated_piriformis(s: PoseScene, stretched: bool):
    s.chair(190, FLOOR - 88, 118)
    f = Figure(s, (250, FLOOR - 112), -48 if stretched else -84, head=6 if stretched else 0)
    support = f.leg("far", (350, ANKLE_Y))
    f.leg("moving", _at(support[1], 16, -100), knee=(300, 336), foot=-4, foot_len=30)
    for layer in ("far", "near"):  # hands rest on the crossed knee, elbows out
        f.arm(layer, (304, 326), bend=0)
    if stretched:
        s.target((228, FLOOR - 112), 28, 22, -30)
    return (236, 150), (300, 150), (330, 210)


@_drawing("standing-gluteus-medius-stretch")
def _glute_medius(s: PoseScene, stretched: bool):
    s.wall(470)
    hip = (360, 230) if stretched else (340, 228)
    f = Figure(s, hip, -104 if stretched else -94, head=-4 if stretched else 0, front=True)
    f.leg("far", (314, ANKLE_Y), side=1, bend=0, foot=180, foot_len=14)
    f.leg("moving", (334, ANKLE_Y), side=-1, bend=0, foot=0, foot_len=14)
    f.arm("near", (468, 190), side=1)
    f.arm("near", (hip[0] - 28, 230), side=-1)
    if stretched:
        s.target((386, 222), 16, 30, -10)
    return (300, 150), (340, 130), (380, 150)


@_drawing("side-lying-leg-raise")
def _side_lying(s: PoseScene, stretched: bool):
    f = Figure(s, (360, FLOOR - 30), 180, head=14, front=True)
    f.arm("under", angles=(163, 180))
    f.leg("under", angles=(0, 20), side=-1, foot=-90, foot_len=12)
    lift = -30 if stretched else -4
    top = f.leg("moving", angles=(lift, lift), side=1, foot=lift - 80, foot_len=14)
    f.arm("near", (306, FLOOR - 12), side=1, bend=-1)
    if stretched:
        s.target_on(top[0], top[1], 0.12, -14, 28, 16)
    return (520, FLOOR - 50), (560, FLOOR - 100), (520, FLOOR - 150)


@_drawing("kneeling-hip-flexor-stretch")
def _hip_flexor(s: PoseScene, stretched: bool):
    knee = (252, FLOOR - 12)
    f = Figure(s, _at(knee, THIGH, -62 if stretched else -86), -90)
    f.leg("far", (412, ANKLE_Y), foot=0)
    back = f.leg("moving", (166, FLOOR - 20), knee=knee, foot=125, foot_len=22)
    for layer, dx in (("far", 10), ("near", 14)):
        f.arm(layer, (f.hip[0] + dx, f.hip[1] - 8), bend=1)
    if stretched:
        s.target_on(back[0], back[1], 0.26, -12, 28, 14)
    return (250, 200), (290, 180), (320, 200)


@_drawing("lying-hamstring-stretch")
def _hamstring(s: PoseScene, stretched: bool):
    f = Figure(s, (340, FLOOR - 24), 180)
    f.leg("far", angles=(0, 0), foot=-88, foot_len=24)
    angles = (-76, -76) if stretched else (-120, -10)
    raised = f.leg("moving", angles=angles, foot=angles[1] - 90, foot_len=34)
    ball = _at(raised[2], 26, angles[1] - 90)
    for layer in ("far", "near"):
        hand = f.arm(layer, (298, 296))[2]
    s.strap(hand, ball, angles[1], 13)
    if stretched:
        s.target_on(raised[0], raised[1], 0.55, 13, 36, 13)
    return (430, 260), (440, 170), (390, 140)


@_drawing("standing-side-bend")
def _side_bend(s: PoseScene, stretched: bool):
    f = Figure(
        s, (316, ANKLE_Y - THIGH - SHIN + 4), -66 if stretched else -90, head=6 if stretched else 0,
        front=True,
    )  # fmt: skip
    for side in (-1, 1):
        f.leg("under", (316 + 26 * side, ANKLE_Y), side=side, bend=0, foot=90 - 90 * side,
              foot_len=14)  # fmt: skip
    f.arm("moving", angles=(-84, -24) if stretched else (-100, -86), side=-1)
    f.arm("near", (372, 236) if stretched else (352, 236), side=1, bend=-1)
    if stretched:
        s.target_on(f.hip, f.shoulder, 0.45, -30, 38, 14)
    return (250, 60), (330, 10), (400, 60)


@_drawing("knees-to-chest-stretch")
def _knees_to_chest(s: PoseScene, stretched: bool):
    f = Figure(s, (350, FLOOR - 24), 180, head=4)
    f.leg("far", angles=(-128, 18) if stretched else (-50, 50), foot=-40 if stretched else 0,
          foot_len=24)  # fmt: skip
    near = f.leg("moving", angles=(-134, 14), foot=-44, foot_len=24)
    for layer in ("far", "near"):  # elbows point outwards, so the arms look straight
        f.arm(layer, _at(near[1], 30, 14), bend=0)
    if stretched:
        s.target((300, FLOOR - 20), 46, 15)
    return (480, 300), (460, 230), (400, 230)


@_drawing("standing-quad-stretch")
def _quad(s: PoseScene, stretched: bool):
    s.chair(372, FLOOR - 88)
    f = Figure(s, (296, ANKLE_Y - THIGH - SHIN + 2), -90)
    f.leg("far", (296, ANKLE_Y), foot=0)
    shin = -108 if stretched else -150
    bent = f.leg("moving", angles=(100, shin), foot=shin - 42, foot_len=24)
    f.arm("far", (376, FLOOR - 206))
    f.arm("near", _at(bent[2], 8, -40) if stretched else (300, 250), bend=1)
    if stretched:
        s.target_on(bent[0], bent[1], 0.5, -13, 36, 14)
    return (200, 370), (170, 330), (210, 270)


# --- what each picture says ------------------------------------------------

# What the reader sees at the start and in the stretch, as the picture's accessible name.
# Left/right is always the side the drawing shows; the player swaps them for the right side.
POSES: dict[str, tuple[str, str]] = {
    "towel-calf-stretch": (
        "Sitting with the left leg straight and a towel round the ball of the left foot",
        "Sitting, pulling the towel so the toes of the left foot come back towards the shin",
    ),
    "wall-calf-stretch": (
        "Standing facing a wall with both palms on it, ready to step the left foot back",
        "Hands on the wall, left leg stepped back with the heel down and the knee a little bent",
    ),
    "figure-four-stretch": (
        "Lying on your back, knees bent, left ankle crossed over the right knee",
        "Lying on your back, left ankle on the right knee, hands drawing the right thigh in",
    ),
    "seated-piriformis-stretch": (
        "Sitting tall on a chair with the left ankle resting on the right knee",
        "Sitting with the left ankle on the right knee, leaning forward from the hips",
    ),
    "standing-gluteus-medius-stretch": (
        "Standing side-on to a wall, left leg crossed behind the right",
        "Standing with the left leg crossed behind, hips pushed sideways towards the wall",
    ),
    "side-lying-leg-raise": (
        "Lying on your right side, head on the lower arm, the top (left) leg straight",
        "Lying on your right side, lifting the straight left leg a hand's width",
    ),
    "kneeling-hip-flexor-stretch": (
        "Half kneeling with the left knee down and the right foot forward, body upright",
        "Half kneeling on the left knee, hips shifted forwards, body upright",
    ),
    "lying-hamstring-stretch": (
        "Lying on your back, left knee bent to the chest, a strap round the left foot",
        "Lying on your back, left leg straight up in the strap, right leg flat",
    ),
    "standing-side-bend": (
        "Standing tall with the left arm raised beside the ear",
        "Standing, left arm over the head, leaning the body to the right",
    ),
    "knees-to-chest-stretch": (
        "Lying on your back holding one knee to the chest, the other foot on the floor",
        "Lying on your back hugging both knees to the chest",
    ),
    "standing-quad-stretch": (
        "Standing holding a chair, left knee bent with the heel coming up behind",
        "Standing holding a chair, left hand drawing the left heel towards the buttock",
    ),
}


def pose_title(slug: str, stage: str) -> str:
    start, stretched = POSES[slug]
    if stage == "start":
        return f"{start}. The arrow shows the movement into the stretch."
    if stage == "return":
        return f"{stretched}. The arrow shows the way back."
    return f"{stretched}."


def pose_svg(slug: str, stage: str) -> str:
    """A standalone SVG of one stretch at one stage (KeyError for an unknown one)."""
    if stage not in STAGES:
        raise KeyError(stage)
    scene = PoseScene()
    arrow = _DRAWINGS[slug](scene, stage != "start")
    if stage == "start":
        scene.arrow(*arrow)
    elif stage == "return":
        scene.arrow(*reversed(arrow))
    return scene.svg(pose_title(slug, stage))
