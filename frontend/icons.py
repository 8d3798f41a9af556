"""The app icon, drawn in code: a gently S-curved spine, cream on the site's teal.

An installable web app needs PNG icons of 192 and 512 pixels, and maskable ones
whose mark stays inside the central safe-zone circle that Android crops to
(https://web.dev/articles/maskable-icon). The SVG is the browser tab's icon.
Everything is drawn from one list of vertebrae, so the files always agree.

The PNGs are committed under ``frontend/static/frontend/icons/``; after changing
the drawing, run ``python -m frontend.icons`` (tests/frontend/test_pwa_icons.py
fails until the committed files match what this module draws).
"""

import io
import math
from pathlib import Path

from PIL import Image, ImageDraw

ICON_DIR = Path(__file__).resolve().parent / "static" / "frontend" / "icons"

BACKGROUND = "#0e5a6e"  # --accent in site.css
MARK = "#fbfaf8"  # --bg in site.css
CANVAS = 512  # the drawing's own units
CORNER = 112  # rounded corners of the plain icon, in drawing units
SUPERSAMPLE = 4  # draw large, then shrink: smooth edges without an SVG renderer

# name: (pixels, scale of the mark, rounded corners). Maskable and Apple icons fill
# the square (the platform cuts its own shape); their marks shrink into the safe zone.
PNG_ICONS = {
    "icon-192.png": (192, 1.0, True),
    "icon-512.png": (512, 1.0, True),
    "maskable-192.png": (192, 0.78, False),
    "maskable-512.png": (512, 0.78, False),
    "apple-touch-icon.png": (180, 0.86, False),
}
SVG_ICON = "icon.svg"

Bone = tuple[float, float, float, float, float]  # centre x, centre y, width, height, tilt


def vertebrae(scale: float) -> list[Bone]:
    """Seven rounded bars down a soft S, widening towards the lower back."""
    bones = []
    for i in range(7):
        t = i / 6
        phase = (t - 0.5) * 2 * math.pi
        x = CANVAS / 2 + 22 * scale * math.sin(phase)
        y = CANVAS / 2 + (t - 0.5) * 300 * scale
        bones.append((x, y, (64 + 26 * t) * scale, 32 * scale, 10 * math.cos(phase)))
    return bones


def app_icon_svg() -> str:
    rects = "".join(
        f'<rect x="{x - w / 2:.1f}" y="{y - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" '
        f'rx="{h / 2:.1f}" transform="rotate({tilt:.1f} {x:.1f} {y:.1f})"/>'
        for x, y, w, h, tilt in vertebrae(1.0)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {CANVAS} {CANVAS}" '
        f'width="{CANVAS}" height="{CANVAS}" role="img" aria-labelledby="title">\n'
        '<title id="title">Back Pain Library: a stylised spine</title>\n'
        f'<rect width="{CANVAS}" height="{CANVAS}" rx="{CORNER}" fill="{BACKGROUND}"/>\n'
        f'<g fill="{MARK}">{rects}</g>\n</svg>\n'
    )


def _capsule(bone: Bone, unit: float) -> list[tuple[float, float]]:
    """The outline of one rotated, fully rounded bar, in pixels."""
    x, y, w, h, tilt = bone
    r = h / 2
    ends = ((w / 2 - r, -90, 90), (-(w / 2 - r), 90, 270))
    outline = [
        (cx + r * math.cos(math.radians(a)), r * math.sin(math.radians(a)))
        for cx, start, stop in ends
        for a in range(start, stop + 1, 6)
    ]
    turn = math.radians(tilt)
    cos, sin = math.cos(turn), math.sin(turn)
    return [
        ((x + px * cos - py * sin) * unit, (y + px * sin + py * cos) * unit) for px, py in outline
    ]


def app_icon_png(pixels: int, *, scale: float, rounded: bool) -> bytes:
    big = pixels * SUPERSAMPLE
    unit = big / CANVAS
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=CORNER * unit, fill=BACKGROUND)
    else:
        draw.rectangle((0, 0, big, big), fill=BACKGROUND)
    for bone in vertebrae(scale):
        draw.polygon(_capsule(bone, unit), fill=MARK)
    image = image.resize((pixels, pixels), Image.Resampling.LANCZOS)
    if not rounded:
        image = image.convert("RGB")  # iOS shows transparency as black
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def render_all() -> dict[str, bytes]:
    """Every icon file by name, exactly as it should be committed."""
    files = {
        name: app_icon_png(pixels, scale=scale, rounded=rounded)
        for name, (pixels, scale, rounded) in PNG_ICONS.items()
    }
    files[SVG_ICON] = app_icon_svg().encode()
    return files


def write_all(directory: Path = ICON_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in render_all().items():
        path = directory / name
        path.write_bytes(content)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all():
        print(path)
