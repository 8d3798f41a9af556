""" "Where does it hurt?": from a body region to the muscles that may refer pain
there, and on to the articles and stretches about them.

Server-rendered, one page per region, so it works with JavaScript off and the
service worker can keep every page for offline use. Data comes only from the
public representation.
"""

from django.http import Http404
from django.shortcuts import render

from api import representation

from . import body_map

# What the red-flag card says first on every navigator page.
RED_FLAGS = {
    "title": "Check these first",
    "emergency": [
        "Numbness around the genitals or buttocks",
        "New trouble passing urine, or controlling your bladder or bowel",
        "Weakness in both legs",
    ],
    "see_doctor": [
        "Back pain after a serious fall or accident (see a doctor urgently)",
        "Back pain with a fever, weight loss you cannot explain, or a history of cancer "
        "(see a doctor urgently)",
        "Pain that keeps getting worse, or is no better after a few weeks",
    ],
    "self_care": [],
}


def _pages_for(region: dict, request) -> list[dict]:
    """Pages tagged with the region first, then pages about muscles that refer pain there."""
    muscle_slugs = {muscle["slug"] for muscle in region["muscles"]}
    pages = representation.articles(request) + representation.stretches(request)
    tagged, related = [], []
    for page in pages:
        if any(r["slug"] == region["slug"] for r in page["regions"]):
            tagged.append(page)
        elif muscle_slugs & {m["slug"] for m in page["muscles"]}:
            related.append(page)
    return tagged + related


def navigator(request, region_slug=None):
    regions = representation.regions(request)
    context = {
        "regions": regions,
        "map_regions": body_map.map_regions(regions),
        "silhouettes": body_map.SILHOUETTES,
        "red_flags": RED_FLAGS,
        "selected": None,
    }
    if region_slug is not None:
        selected = next((r for r in regions if r["slug"] == region_slug), None)
        if selected is None:
            raise Http404("No such body region")
        muscles_by_slug = {m["slug"]: m for m in representation.muscles(request)}
        context |= {
            "selected": selected,
            "muscles": [muscles_by_slug[m["slug"]] for m in selected["muscles"]],
            "pages": _pages_for(selected, request),
        }
    return render(request, "frontend/navigator.html", context)
