""" "Where does it hurt?": from a body region to the muscles that may refer pain
there, and on to the stretches and articles about them.

Server-rendered, one plain page per region, so it works with JavaScript off and
the offline library can keep every page (it follows the region links on
``/where-does-it-hurt/``). Data comes only from the public representation.
"""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from api import representation, selectors

from . import body_map, pagination

# A region page lists a few stretches and more articles per page of ``?page=N``.
STRETCHES_PER_PAGE = 6
ARTICLES_PER_PAGE = 12


def _urgent_care(request) -> dict | None:
    page = selectors.public_article_by_slug(selectors.URGENT_CARE_SLUG)
    return representation.article_summaries(request, [page])[0] if page else None


def _region_lists(request, region: dict) -> dict:
    """The region's stretches and articles, best matches first, one page of each.

    Both lists turn the page together (one ``?page=N``), so page 2 shows the next
    stretches and the next articles; a list shorter than that is left empty, and
    a page past the end of both does not exist.
    """
    number = pagination.page_number(request)
    lists = {}
    for name, queryset, summaries, per_page in (
        (
            "stretches",
            selectors.public_stretches(),
            representation.stretch_summaries,
            STRETCHES_PER_PAGE,
        ),
        (
            "articles",
            selectors.public_articles(),
            representation.article_summaries,
            ARTICLES_PER_PAGE,
        ),
    ):
        lists[name] = pagination.paginate(
            request,
            selectors.for_region(queryset, region["id"]),
            lambda pages, summaries=summaries: summaries(request, pages),
            per_page=per_page,
            number=number,
            past_end_empty=True,
        )
    if number > max(listing.pages for listing in lists.values()):
        raise Http404("This region's lists have no such page.")
    # One way on for both: the longer list decides whether there is a next page.
    lists["listing"] = max(lists.values(), key=lambda listing: listing.pages)
    return lists


@require_safe
def navigator(request, region_slug=None):
    regions = representation.regions(request)
    selected = None
    if region_slug is not None:
        selected = next((r for r in regions if r["slug"] == region_slug), None)
        if selected is None:
            raise Http404("No such body region")
    context = {
        "regions": regions,
        "figures": body_map.figures(regions, selected=region_slug),
        "map_size": (body_map.WIDTH, body_map.HEIGHT),
        "urgent_care": _urgent_care(request),
        "selected": selected,
    }
    if selected is not None:
        muscles_by_slug = {m["slug"]: m for m in representation.muscles(request)}
        context |= {
            "muscles": [muscles_by_slug[m["slug"]] for m in selected["muscles"]],
            **_region_lists(request, selected),
        }
    return render(request, "frontend/navigator.html", context)
