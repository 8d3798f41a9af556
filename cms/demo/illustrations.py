"""Original stretch illustrations, drawn in code as standalone SVG documents.

Every picture is built the same way, so the set stays consistent:

* A :class:`Figure` is a tiny skeleton. It is placed by its hip joint and the
  angle of the trunk; the shoulder and head follow from fixed segment lengths.
  Arms and legs are two-bone chains from the shoulder or hip, placed either by
  joint angles (forward kinematics) or by where the hand or ankle must end up
  (two-bone inverse kinematics), so limb proportions never change.
* Segments are drawn as thick strokes with round caps and joins, which gives
  soft capsule-shaped limbs. Limbs on the far side are a shade darker; limbs
  on the near side get a thin background-coloured outline so they read
  clearly where they cross the body.
* Props (floor, chair, wall, towel or strap) are a few grey shapes, and the
  muscle each exercise works on is marked with a warm translucent ellipse
  (class ``target``).
* The scene records the extent of what it draws, and the finished picture is
  scaled (at most 1.4x) and centred in the 640x480 frame, so lying poses are
  as legible at phone sizes as standing ones.

Angles are in degrees in SVG screen space: 0 points right, 90 points down,
-90 points up. Side views face right; lying figures have the head on the left.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable

__all__ = ["STRETCH_SLUGS", "stretch_svg"]

Point = tuple[float, float]

BACKGROUND = "#f3efe7"
BODY = "#3b6e8f"
BODY_FAR = "#2b5570"
PROP = "#a3a6a8"
PROP_DARK = "#7d8285"
TARGET = "#e8833a"
FLOOR = 420

TORSO, NECK = 108, 52  # hip joint to shoulder, shoulder to head centre
HEAD_R = 25
UPPER_ARM, FOREARM = 62, 60
THIGH, SHIN, FOOT = 92, 88, 28
LIMB_W, FOOT_W, NECK_W = 24, 20, 18
ANKLE_Y = FLOOR - 11  # ankle height for a foot standing flat
LAYERS = ("props", "far", "under", "body", "strap", "near", "target")


def _at(p: Point, length: float, deg: float) -> Point:
    a = math.radians(deg)
    return (p[0] + length * math.cos(a), p[1] + length * math.sin(a))


def _angle(p: Point, q: Point) -> float:
    return math.degrees(math.atan2(q[1] - p[1], q[0] - p[0]))


def _ik(root: Point, end: Point, l1: float, l2: float, bend: int) -> list[Point]:
    """Two-bone chain from root towards end; bend=+1 puts the middle joint on
    the clockwise side of the root-to-end line, bend=-1 on the other side."""
    d = min(max(math.dist(root, end), abs(l1 - l2) + 1), l1 + l2 - 0.01)
    base = _angle(root, end)
    spread = math.degrees(math.acos((l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)))
    return [root, _at(root, l1, base + bend * spread), _at(root, d, base)]


def _lerp(p: Point, q: Point, t: float) -> Point:
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


def _path(points: list[Point], width: float, colour: str) -> str:
    d = "M" + " L".join(f"{x:.1f} {y:.1f}" for x, y in points)
    return (
        f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="{width}" '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


class Scene:
    """Collects SVG snippets on named layers (painted in LAYERS order) and the
    extent of everything drawn, so the finished picture can be framed."""

    def __init__(self) -> None:
        self.layers: dict[str, list[str]] = {name: [] for name in LAYERS}
        self.box = [math.inf, math.inf, -math.inf, FLOOR]  # x0, y0, x1, y1

    def _grow(self, points: list[Point], pad: float) -> None:
        for x, y in points:
            b = self.box
            b[:] = min(b[0], x - pad), min(b[1], y - pad), max(b[2], x + pad), max(b[3], y + pad)

    def line(self, layer: str, points: list[Point], width: float, colour: str) -> None:
        self._grow(points, width / 2)
        self.layers[layer].append(_path(points, width, colour))

    def circle(self, layer: str, c: Point, r: float, colour: str) -> None:
        self._grow([c], r)
        self.layers[layer].append(
            f'<circle cx="{c[0]:.1f}" cy="{c[1]:.1f}" r="{r}" fill="{colour}"/>'
        )

    def wall(self, x: float, top: float = 60) -> None:
        self._grow([(x, top), (x + 36, FLOOR)], 0)
        self.layers["props"].append(
            f'<rect x="{x}" y="{top}" width="36" height="{FLOOR - top}" rx="6" fill="{PROP}"/>'
        )

    def chair(self, back_x: float, seat_y: float, depth: float = 100) -> None:
        """A plain chair seen from the side, backrest at back_x, seat facing right."""
        seat = [(back_x, seat_y), (back_x + depth, seat_y)]
        self.line("props", [(back_x, seat_y - 118), *seat], 12, PROP)
        for x in (back_x + 6, back_x + depth - 6):
            self.line("props", [(x, seat_y), (x, FLOOR)], 9, PROP)

    def strap(self, hand: Point, anchor: Point, around: float, r: float) -> None:
        """A towel or strap from the hand, looped around a point (foot)."""
        loop = [_at(anchor, r, around + da) for da in (-80, -40, 0, 40, 80)]
        self.line("strap", [hand, *loop, hand], 7, PROP_DARK)

    def target(self, c: Point, rx: float, ry: float, deg: float = 0) -> None:
        x, y = c
        self.layers["target"].append(
            f'<ellipse class="target" cx="{x:.1f}" cy="{y:.1f}" rx="{rx}" ry="{ry}" '
            f'transform="rotate({deg:.1f} {x:.1f} {y:.1f})" fill="{TARGET}" opacity="0.55"/>'
        )

    def target_on(self, p: Point, q: Point, t: float, side: float, rx: float, ry: float):
        """Highlight along segment p-q at fraction t, shifted sideways by side px
        (positive = clockwise of the p-to-q direction)."""
        deg = _angle(p, q)
        self.target(_at(_lerp(p, q, t), side, deg + 90), rx, ry, deg)

    def svg(self, title: str) -> str:
        """Scale and centre the drawing in the frame; the floor spans the width."""
        x0, y0, x1, y1 = self.box
        k = min(560 / (x1 - x0), 400 / (y1 - y0), 1.4)
        dx, dy = 320 - k * (x0 + x1) / 2, 240 - k * (y0 + y1) / 2
        floor = _path([(36, dy + k * FLOOR), (604, dy + k * FLOOR)], 4, PROP_DARK)
        body = "\n".join(s for name in LAYERS for s in self.layers[name])
        return (
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 480" '
            'width="640" height="480" role="img" aria-labelledby="title">\n'
            f'<title id="title">{html.escape(title)}</title>\n'
            f'<rect width="640" height="480" rx="28" fill="{BACKGROUND}"/>\n{floor}\n'
            f'<g transform="translate({dx:.1f} {dy:.1f}) scale({k:.3f})">\n{body}\n</g>\n</svg>\n'
        )


class Figure:
    """A person placed by the hip joint and the trunk angle.

    front=True draws the body facing the viewer: a wider trunk, with the legs
    and arms starting either side of the midline (side=-1 or +1, counted
    clockwise from the trunk direction, so +1 is screen right when upright).
    Limb layers: "far" (darker, behind the trunk), "under" (outlined, behind
    the trunk) and "near" (outlined, in front of the trunk). A limb is placed
    by joint angles, by an explicit middle joint, or by its end point with
    bend=+1/-1 (which side the elbow or knee goes) or bend=0 (drawn straight
    and foreshortened, for a joint that points at the viewer).
    """

    def __init__(
        self, scene: Scene, hip: Point, trunk: float, *, head: float = 0, front: bool = False
    ) -> None:
        self.scene, self.hip, self.trunk = scene, hip, trunk
        self.shoulder = _at(hip, TORSO, trunk)
        self.head = _at(self.shoulder, NECK, trunk + head)
        scene.line("body", [hip, self.shoulder], 60 if front else 46, BODY)
        scene.line("body", [self.shoulder, self.head], NECK_W, BODY)
        scene.circle("body", self.head, HEAD_R, BODY)

    def limb(self, layer: str, points: list[Point], foot: list[Point] | None = None) -> None:
        """Draw a chain of joints (and optionally a foot) on one of the limb layers."""
        colour = BODY_FAR if layer == "far" else BODY
        if layer != "far":  # a thin outline separates the limb from what is behind
            self.scene.line(layer, points, LIMB_W + 6, BACKGROUND)
            if foot:
                self.scene.line(layer, foot, FOOT_W + 6, BACKGROUND)
        self.scene.line(layer, points, LIMB_W, colour)
        if foot:
            self.scene.line(layer, foot, FOOT_W, colour)

    def _chain(self, joint: Point, side: int, half: float, lengths, end, bend, angles, mid):
        root = _at(joint, side * half, self.trunk + 90)
        if angles:
            middle = _at(root, lengths[0], angles[0])
            return [root, middle, _at(middle, lengths[1], angles[1])]
        if bend == 0 and not mid:  # straight, foreshortened towards the viewer
            mid = _lerp(root, end, lengths[0] / sum(lengths))
        return [root, mid, end] if mid else _ik(root, end, *lengths, bend)

    def leg(self, layer: str, ankle: Point | None = None, *, bend: int = -1,
            angles: tuple[float, float] | None = None, knee: Point | None = None,
            foot: float = 0, foot_len: float = FOOT, side: int = 0) -> list[Point]:  # fmt: skip
        """Draw hip-knee-ankle (by ankle target, angles or explicit knee) and a
        foot leaving the ankle at angle foot; returns the three joints."""
        pts = self._chain(self.hip, side, 17, (THIGH, SHIN), ankle, bend, angles, knee)
        self.limb(layer, pts, [_at(pts[2], -5, foot), _at(pts[2], foot_len, foot)])
        return pts

    def arm(self, layer: str, hand: Point | None = None, *, bend: int = 1,
            angles: tuple[float, float] | None = None, side: int = 0) -> list[Point]:  # fmt: skip
        """Draw shoulder-elbow-hand; returns the three joints."""
        pts = self._chain(self.shoulder, side, 27, (UPPER_ARM, FOREARM), hand, bend, angles, None)
        self.limb(layer, pts)
        return pts


# --- poses ---------------------------------------------------------------

PoseFn = Callable[[Scene], None]
_POSES: dict[str, tuple[str, PoseFn]] = {}


def _pose(slug: str) -> Callable[[PoseFn], PoseFn]:
    """Register a pose; its docstring is the picture's <title>."""

    def register(fn: PoseFn) -> PoseFn:
        _POSES[slug] = (" ".join((fn.__doc__ or "").split()), fn)
        return fn

    return register


@_pose("towel-calf-stretch")
def _towel_calf(s: Scene) -> None:
    """Towel calf stretch: a person sits on the floor with one leg straight and a towel looped
    around the ball of that foot, pulling the toes back towards the body."""
    f = Figure(s, (200, FLOOR - 25), -84)
    f.leg("far", (300, ANKLE_Y - 6), foot=0)
    leg = f.leg("under", angles=(4, 4), foot=-96, foot_len=34)
    ball = _at(leg[2], 26, -96)
    for layer in ("far", "near"):
        hand = f.arm(layer, (336, 330))[2]
    s.strap(hand, ball, -6, 14)
    s.target_on(leg[1], leg[2], 0.45, 4, 32, 13)


@_pose("wall-calf-stretch")
def _wall_calf(s: Scene) -> None:
    """Wall calf stretch: a person stands facing a wall with both hands on it, one leg stepped
    back with the heel down and the knee slightly bent."""
    s.wall(520)
    f = Figure(s, (362, 256), -66)
    f.leg("far", (445, ANKLE_Y), foot=0)
    back = f.leg("under", (272, ANKLE_Y), foot=0)
    for layer in ("far", "near"):
        f.arm(layer, (512, 166))
    s.target_on(back[1], back[2], 0.5, 12, 30, 13)


@_pose("figure-four-stretch")
def _figure_four(s: Scene) -> None:
    """Figure-four stretch: a person lies on their back with one ankle crossed over the
    opposite bent knee, hands drawing the supporting thigh towards the chest."""
    f = Figure(s, (350, FLOOR - 24), 180)
    support = f.leg("far", angles=(-102, 0), foot=-80)
    f.leg("near", _at(support[1], 34, 78), knee=(446, 372), foot=180, foot_len=16)
    for layer in ("far", "near"):  # hands hold the supporting thigh below the knee
        f.arm(layer, _at(support[1], 22, 90), bend=0)
    s.target((366, FLOOR - 22), 32, 18)


@_pose("seated-piriformis-stretch")
def _seated_piriformis(s: Scene) -> None:
    """Seated piriformis stretch: a person sits on a chair with one ankle resting on the
    opposite knee, leaning forward from the hips with a long, straight back."""
    s.chair(190, FLOOR - 88, 118)
    f = Figure(s, (250, FLOOR - 112), -48, head=6)
    support = f.leg("far", (350, ANKLE_Y))
    f.leg("under", _at(support[1], 16, -100), knee=(300, 336), foot=-4, foot_len=30)
    for layer in ("far", "near"):  # hands rest on the crossed knee, elbows out
        f.arm(layer, (304, 326), bend=0)
    s.target((228, FLOOR - 112), 28, 22, -30)


@_pose("standing-gluteus-medius-stretch")
def _glute_medius(s: Scene) -> None:
    """Standing gluteus medius stretch, seen from the front: a person stands with the legs
    crossed at the ankles, one hand on a wall, pushing the hips out to the side towards the
    wall."""
    s.wall(470)
    f = Figure(s, (360, 230), -104, head=-4, front=True)
    f.leg("far", (314, ANKLE_Y), side=1, bend=0, foot=180, foot_len=14)
    f.leg("under", (334, ANKLE_Y), side=-1, bend=0, foot=0, foot_len=14)
    f.arm("near", (468, 190), side=1)
    f.arm("near", (332, 230), side=-1)
    s.target((386, 222), 16, 30, -10)


@_pose("side-lying-leg-raise")
def _side_lying(s: Scene) -> None:
    """Side-lying leg raise: a person lies on their side with the head resting on the lower arm
    and the top leg lifted straight, about 30 degrees."""
    f = Figure(s, (360, FLOOR - 30), 180, head=14, front=True)
    f.arm("under", angles=(163, 180))
    f.leg("under", angles=(0, 0), side=-1, foot=-90, foot_len=12)
    top = f.leg("near", angles=(-30, -30), side=1, foot=-110, foot_len=14)
    f.arm("near", (306, FLOOR - 12), side=1, bend=-1)
    s.target_on(top[0], top[1], 0.12, -14, 28, 16)


@_pose("kneeling-hip-flexor-stretch")
def _hip_flexor(s: Scene) -> None:
    """Kneeling hip flexor stretch: a person in a half-kneeling lunge with the back knee on the
    floor, hips pushed forwards and the trunk upright."""
    knee = (252, FLOOR - 12)
    f = Figure(s, _at(knee, THIGH, -62), -90)
    f.leg("far", (412, ANKLE_Y), foot=0)
    back = f.leg("under", (166, FLOOR - 20), knee=knee, foot=125, foot_len=22)
    for layer, dx in (("far", 10), ("near", 14)):
        f.arm(layer, (f.hip[0] + dx, f.hip[1] - 8), bend=1)
    s.target_on(back[0], back[1], 0.26, -12, 28, 14)


@_pose("lying-hamstring-stretch")
def _hamstring(s: Scene) -> None:
    """Lying hamstring stretch: a person lies on their back with one leg raised straight, a
    strap around the foot held in both hands, the other leg flat on the floor."""
    f = Figure(s, (340, FLOOR - 24), 180)
    f.leg("far", angles=(0, 0), foot=-88, foot_len=24)
    raised = f.leg("under", angles=(-76, -76), foot=-166, foot_len=34)
    ball = _at(raised[2], 26, -166)
    for layer in ("far", "near"):
        hand = f.arm(layer, (298, 296))[2]
    s.strap(hand, ball, -76, 13)
    s.target_on(raised[0], raised[1], 0.55, 13, 36, 13)


@_pose("standing-side-bend")
def _side_bend(s: Scene) -> None:
    """Standing side bend, seen from the front: a person stands with one arm reaching over the
    head and the trunk bending to the opposite side."""
    f = Figure(s, (316, ANKLE_Y - THIGH - SHIN + 4), -66, head=6, front=True)
    for side in (-1, 1):
        f.leg("under", (316 + 26 * side, ANKLE_Y), side=side, bend=0, foot=90 - 90 * side,
              foot_len=14)  # fmt: skip
    f.arm("near", angles=(-84, -24), side=-1)
    f.arm("near", (372, 236), side=1, bend=-1)
    s.target_on(f.hip, f.shoulder, 0.45, -30, 38, 14)


@_pose("knees-to-chest-stretch")
def _knees_to_chest(s: Scene) -> None:
    """Knees-to-chest stretch: a person lies on their back hugging both knees in towards the
    chest."""
    f = Figure(s, (350, FLOOR - 24), 180, head=4)
    f.leg("far", angles=(-128, 18), foot=-40, foot_len=24)
    near = f.leg("near", angles=(-134, 14), foot=-44, foot_len=24)
    for layer in ("far", "near"):  # elbows point outwards, so the arms look straight
        f.arm(layer, _at(near[1], 30, 14), bend=0)
    s.target((300, FLOOR - 20), 46, 15)


@_pose("standing-quad-stretch")
def _quad(s: Scene) -> None:
    """Standing quadriceps stretch: a person stands on one leg, one hand holding a chair for
    balance, the other hand drawing the heel of the bent leg towards the buttock."""
    s.chair(372, FLOOR - 88)
    f = Figure(s, (296, ANKLE_Y - THIGH - SHIN + 2), -90)
    f.leg("far", (296, ANKLE_Y), foot=0)
    bent = f.leg("under", angles=(100, -108), foot=-150, foot_len=24)
    f.limb("under", bent[:2])  # outline the thigh over the folded shin
    f.arm("far", (376, FLOOR - 206))
    f.arm("near", _at(bent[2], 8, -40), bend=1)
    s.target_on(bent[0], bent[1], 0.5, -13, 36, 14)


STRETCH_SLUGS: tuple[str, ...] = tuple(_POSES)


def stretch_svg(slug: str) -> str:
    """Return a standalone 640x480 SVG document for one stretch (KeyError if unknown)."""
    title, draw = _POSES[slug]
    scene = Scene()
    draw(scene)
    return scene.svg(title)
