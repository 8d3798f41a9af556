"""QR codes drawn on the server (segno), so a printed handout or a phone's screen can
hand a routine's link to another phone with no script and no outside service."""

import segno

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def qr_svg(url: str, label: str = "QR code"):
    """``url`` as an inline SVG QR code, described for screen readers by ``label``."""
    code = segno.make(url, error="m")
    # A viewBox rather than a fixed size, so the stylesheet sets it for screen and paper.
    svg = code.svg_inline(
        scale=4, dark="#000", light="#fff", title=label, svgclass="qr", omitsize=True
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))
