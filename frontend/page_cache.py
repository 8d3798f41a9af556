"""Rendered reading pages, kept in the shared cache until their content changes.

A page is drawn from the public representation, so its HTML can change only when
the change log moves (``api.changes.current_version``), when the page itself is
republished (the home and booking pages are not in the public log), or when the
day turns (review dates become "overdue"). Those make up the key, so publishing
needs no invalidation, exactly as for the API, and the key is also the page's
ETag: a browser or service worker revalidating an unchanged page gets a 304
without the page being looked at again.

Only what anyone may see is kept: anonymous GETs without a query string, and
responses that are public, complete HTML and set no cookie (so never the booking
page, whose form carries a CSRF token).
"""

import hashlib

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response

from api import changes
from api.views.base import CACHE_CONTROL
from cms import resilience

# The date is part of the key, so a day is as long as a copy can be right.
KEEP_SECONDS = 24 * 3600


def _etag(page, request) -> str:
    version = changes.current_version()
    parts = (
        version.tag,
        page.pk,
        page.live_revision_id,
        timezone.localdate().isoformat(),
        request.build_absolute_uri(),  # scheme and host: pages carry absolute URLs
    )
    digest = hashlib.blake2b("|".join(map(str, parts)).encode(), digest_size=12)
    return f'"{digest.hexdigest()}"'


def _kept(etag: str) -> HttpResponse | None:
    kept = cache.get(f"page:{etag}")
    return None if kept is None else HttpResponse(kept[0], content_type=kept[1])


def serve_cached(next_serve_page):
    """An ``on_serve_page`` hook: answer from the cache, or render and keep the page."""

    def serve(page, request, args, kwargs):
        if not resilience.is_shared_read(request):
            return next_serve_page(page, request, args, kwargs)
        etag = _etag(page, request)
        # The ETag names the inputs, not the bytes: a match means the same page.
        response = get_conditional_response(request, etag=etag) or _kept(etag)
        if response is not None:
            resilience.mark_kept(response)
        else:
            response = next_serve_page(page, request, args, kwargs)
            if hasattr(response, "render"):
                response.render()
            if not resilience.shareable(response):
                return response
            if request.method == "GET":
                kept = (response.content, response["Content-Type"])
                cache.set(f"page:{etag}", kept, KEEP_SECONDS)
        response["ETag"] = etag
        response["Cache-Control"] = CACHE_CONTROL
        return response

    return serve
