"""Template access to the public representation, the only way pages read content.

Every tag goes through ``api.representation`` so a page shows exactly what
``/api/v1/`` serves. Results are kept on the request: the header, the footer
and the page body all ask for the clinic, and it is looked up once.
"""

import datetime
import json
import re
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from api import representation, selectors
from cms import site_url
from cms.models import StretchIndexPage
from frontend import pagination

register = template.Library()

# How many pages of each section the home page shows before "See all".
HOME_PER_SECTION = 5
# The home page's "start here" path: a few first reads, not the whole library.
START_HERE_LIMIT = 5

# The escapes ``django.utils.html.json_script`` applies, so JSON can sit in a <script>.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _once(context, key, build):
    request = context["request"]
    cache = request.__dict__.setdefault("_library_representation", {})
    if key not in cache:
        cache[key] = build(request)
    return cache[key]


@register.simple_tag(takes_context=True)
def library_page(context, page):
    """An article or stretch guide as the API's detail shape (works on previews).

    Keyed by the page object itself, so a preview's unsaved revision is never
    mixed up with the live page.
    """
    return _once(
        context, ("page", id(page)), lambda request: representation.page_detail(page, request)
    )


@register.simple_tag(takes_context=True)
def library_clinic(context):
    return _once(context, "clinic", representation.clinic)


@register.simple_tag(takes_context=True)
def library_sections(context):
    return _once(context, "sections", representation.sections)


@register.simple_tag(takes_context=True)
def library_listing(context, section):
    """One page (``?page=N``) of a section's articles or stretch guides, most useful first."""
    request = context["request"]
    summaries = (
        representation.stretch_summaries
        if isinstance(section, StretchIndexPage)
        else representation.article_summaries
    )
    return pagination.paginate(
        request,
        selectors.pages_for_readers(section),
        lambda pages: summaries(request, pages),
    )


@register.simple_tag(takes_context=True)
def library_routines(context):
    return _once(context, "routines", representation.routines)


@register.simple_tag(takes_context=True)
def library_sections_with_pages(context):
    """Every section with its count and first few pages: the home page's bounded overview."""
    return representation.sections_with_pages(context["request"], per_section=HOME_PER_SECTION)


@register.simple_tag(takes_context=True)
def library_start_here(context):
    """The editors' "start here" articles: the home page's short path for new readers."""
    return representation.start_here(context["request"], limit=START_HERE_LIMIT)


@register.simple_tag(takes_context=True)
def booking_url(context):
    """Where "Book" leads: the on-site booking page, else the clinic's online booking."""
    clinic = library_clinic(context)
    return clinic["booking_page_url"] or clinic["booking_url"] or ""


@register.simple_tag(takes_context=True)
def canonical_url(context, page=None) -> str:
    """A page's (or else this path's) address on the configured ``SITE_URL``."""
    if page is not None:
        return site_url.page_url(page, context["request"])
    return site_url.absolute_url(context["request"].path)


@register.simple_tag
def site_name():
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def json_ld(data):
    """``data`` as ``<script type="application/ld+json">``, escaped as ``json_script`` does."""
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.filter
def as_date(value):
    """An ISO date string from the representation as a date, for the ``date`` filter."""
    if not value:
        return None
    return datetime.date.fromisoformat(str(value)[:10])


@register.filter
def is_past(value) -> bool:
    day = as_date(value)
    return day is not None and day < timezone.localdate()


@register.filter
def pixels(value) -> int:
    """Rendition sizes may arrive as floats; HTML width and height want integers."""
    return round(float(value))


@register.filter
def srcset(image) -> str:
    """A ``srcset`` from an image's renditions, narrowest first."""
    renditions = sorted(image["renditions"].values(), key=lambda r: r["width"])
    return ", ".join(f"{r['url']} {round(float(r['width']))}w" for r in renditions)


@register.filter
def step_pictures(stretch) -> list[dict]:
    """A stretch's step pictures, each once, in step order (steps often share a pose).

    A handout shows these instead of the single illustration, so a reader sees
    how the stretch starts and where it goes; a stretch with none has an empty list.
    """
    pictures = {}
    for step in stretch.get("steps") or []:
        if step.get("image"):
            pictures.setdefault(step["image"]["id"], step["image"])
    return list(pictures.values())


# Reader-facing wording for the representation's ``sides`` codes.
SIDES = {
    "both": "Each side in turn",
    "left": "Left side only",
    "right": "Right side only",
    "none": "Both sides together",
}


@register.filter
def sides_label(value) -> str:
    return SIDES.get(value, "")


LIST_ITEM = re.compile(r"<li>(.*?)</li>", re.DOTALL)
TAGS = re.compile(r"<[^>]+>")


@register.filter
def safety_points(items, field) -> list[str]:
    """Each point of the stretches' ``field`` (safe HTML lists) once, in order.

    Most guides share the red-flag points; a routine lists them once. Rich text
    that is not a list counts as one point.
    """
    points = {}
    for item in items:
        html = (item.get("stretch") or {}).get(field) or ""
        for point in LIST_ITEM.findall(html) or ([html] if html.strip() else []):
            points.setdefault(TAGS.sub("", point).strip(), point)
    return list(points.values())


@register.filter
def minutes(seconds) -> str:
    """A session's length for readers: "9 minutes", "1 minute", "under a minute"."""
    whole = round(int(seconds or 0) / 60)
    if whole < 1:
        return "under a minute"
    return f"{whole} minute{'' if whole == 1 else 's'}"


@register.simple_tag
def card_picture(item) -> dict | None:
    """A card's picture: a search hit's image, an article's hero, a stretch's drawing."""
    return item.get("image") or item.get("hero_image") or item.get("illustration")


@register.simple_tag
def card_facts(item) -> list[str]:
    """What a card says at a glance: how long it takes, then where in the body."""
    facts = []
    if item.get("reading_minutes"):
        facts.append(f"{item['reading_minutes']} min read")
    elif item.get("total_seconds"):
        facts.append(minutes(item["total_seconds"]).capitalize())
    regions = [region["name"] for region in item.get("regions") or ()]
    if regions:
        facts.append(", ".join(regions))
    return facts


@register.filter
def lines(value) -> list[str]:
    """A multi-line text (an address, opening hours) as its non-empty lines."""
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


@register.simple_tag(takes_context=True)
def nav_current(context, url):
    """``aria-current`` for a navigation link: "page" on it, "true" anywhere below it."""
    path = urlsplit(url).path
    here = context["request"].path
    if here == path:
        return mark_safe(' aria-current="page"')
    if path != "/" and here.startswith(path):
        return mark_safe(' aria-current="true"')
    return ""


@register.filter
def tel_href(phone) -> str:
    """A ``tel:`` address for a phone number as people write it."""
    return "tel:" + "".join(ch for ch in phone or "" if ch.isdigit() or ch == "+")
