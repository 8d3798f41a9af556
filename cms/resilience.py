"""Keep reading pages up while the database is down: serve the last good copy.

Every successful anonymous HTML page without a query string is kept in the
cache under its URL. When handling a request raises a database error
(connection refused, server gone), the kept copy is served, marked stale,
instead of an error page; a page never seen before, a signed-in user or the
admin get a short 503 with ``Retry-After`` rather than a 500. Nothing here needs
the database, and nothing is kept for signed-in users, the admin or the API
(which answers its own 503, see ``api.errors``). Django drops a broken
connection at the end of the request and opens a new one on the next, so the
site recovers by itself once the database is back.

With ``REDIS_URL`` set the copies are shared by every web process and outlive a
restart of the app servers; with the default memory cache each process keeps its own.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
KEEP_SECONDS = 7 * 24 * 3600
RETRY_AFTER_SECONDS = 30
EXCLUDED_PREFIXES = ("/admin/", "/api/", "/documents/", "/healthz")
UNAVAILABLE_HTML = (
    "<!doctype html><html lang=en><meta charset=utf-8>"
    '<meta name=viewport content="width=device-width">'
    "<title>Back soon</title><h1>Back soon</h1>"
    "<p>The library is briefly unavailable. Please try again in a minute.</p></html>"
)


def _key(request) -> str:
    url = f"{request.get_host()}{request.get_full_path()}"
    return "stale-page:" + hashlib.blake2b(url.encode(), digest_size=16).hexdigest()


def is_shared_read(request) -> bool:
    """A read whose answer anyone could be given: nobody signed in, no query string
    (junk ones must not fill the cache), and not the admin, API or documents."""
    return (
        request.method in ("GET", "HEAD")
        and not request.GET
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def shareable(response) -> bool:
    """A public page: no cookie set, nothing marked private, complete HTML."""
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def mark_kept(response) -> None:
    """Say that this response's body is already the kept copy, so not to store it again."""
    response.stale_copy_is_current = True


class StalePageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        keep = (
            request.method == "GET"
            and not getattr(request, "is_preview", False)
            and not getattr(response, "stale_copy_is_current", False)
        )
        if keep and is_shared_read(request) and shareable(response):
            try:
                cache.set(_key(request), (response.content, response["Content-Type"]), KEEP_SECONDS)
            except Exception:
                logger.warning("Could not keep a stale copy of a page", exc_info=True)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_DOWN) or request.path.startswith("/api/"):
            return None
        logger.error("Database unavailable; serving a stale page if one is kept: %s", exception)
        kept = None
        if is_shared_read(request):
            try:
                kept = cache.get(_key(request))
            except Exception:
                logger.warning("Could not read a stale copy of a page", exc_info=True)
        if kept is None:
            response = HttpResponse(UNAVAILABLE_HTML, status=503)
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        else:
            content, content_type = kept
            response = HttpResponse(content, content_type=content_type)
            response["Warning"] = '110 - "Response is Stale"'
            response["X-Served-Stale"] = "database-unavailable"
        # Never let a proxy or CDN keep the outage copy in place of fresh pages.
        response["Cache-Control"] = "no-store"
        return response
