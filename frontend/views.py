"""The few reading pages that are not Wagtail pages: search, offline, robots.txt.

Thin views: content comes from ``api.representation``, as on every other page.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from api import representation
from api import search as library_search
from cms.site_url import absolute_url

from . import pagination

MAX_QUERY_LENGTH = 200


@require_safe
def search(request):
    """``/search/?q=``: the form alone when there is nothing to search for.

    Results are ``api.search``'s ranked list (as ``/api/v1/search/`` gives it),
    a page at a time (``&page=N``), with its "Did you mean" on every page.
    """
    query = request.GET.get("q", "").replace("\x00", "").strip()[:MAX_QUERY_LENGTH]
    if not query:
        return render(request, "frontend/search.html", {"query": query, "search": None})
    answer = library_search.search(query)
    listing = pagination.paginate(
        request,
        answer.pages,
        lambda pages: representation.search_results(request, pages),
    )
    search = {"listing": listing, "suggestion": answer.suggestion}
    return render(request, "frontend/search.html", {"query": query, "search": search})


@require_safe
@cache_control(public=True, max_age=3600)
def diary(request):
    """The progress diary: the same shell for everyone, filled in on the phone from
    IndexedDB, so no diary entry ever reaches the server."""
    return render(request, "frontend/diary.html")


@require_safe
@cache_control(public=True, max_age=3600)
def offline(request):
    """What the service worker shows when a page is not saved and there is no signal."""
    return render(request, "frontend/offline.html")


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
