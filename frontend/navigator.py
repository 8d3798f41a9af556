""" "Where does it hurt?": from a body region to the muscles that may refer pain
there, and on to the stretches and articles about them.

Server-rendered, one plain page per region, so it works with JavaScript off and
the offline library can keep every page (it follows the region links on
``/where-does-it-hurt/``). Data comes only from the public representation.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from api import representation

from . import body_map

URGENT_CARE_SLUG = "when-back-pain-needs-urgent-care"


def pages_for(region: dict, pages: list[dict]) -> list[dict]:
    """Pages tagged with the region first, then pages about muscles that refer pain there."""
    muscles = {muscle["slug"] for muscle in region["muscles"]}
    tagged, about_muscles = [], []
    for page in pages:
        if region["slug"] in {r["slug"] for r in page["regions"]}:
            tagged.append(page)
        elif muscles & {m["slug"] for m in page["muscles"]}:
            about_muscles.append(page)
    return tagged + about_muscles


@require_safe
def navigator(request, region_slug=None):
    regions = representation.regions(request)
    selected = None
    if region_slug is not None:
        selected = next((r for r in regions if r["slug"] == region_slug), None)
        if selected is None:
            raise Http404("No such body region")
    articles = representation.articles(request)
    context = {
        "regions": regions,
        "figures": body_map.figures(regions, selected=region_slug),
        "map_size": (body_map.WIDTH, body_map.HEIGHT),
        "urgent_care": next((a for a in articles if a["slug"] == URGENT_CARE_SLUG), None),
        "selected": selected,
    }
    if selected is not None:
        muscles_by_slug = {m["slug"]: m for m in representation.muscles(request)}
        context |= {
            "muscles": [muscles_by_slug[m["slug"]] for m in selected["muscles"]],
            "stretches": pages_for(selected, representation.stretches(request)),
            "articles": pages_for(selected, articles),
        }
    return render(request, "frontend/navigator.html", context)
