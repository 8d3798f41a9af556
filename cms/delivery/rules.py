"""Who may be given a shared answer, which answers may be kept, and which compressed.

One rule for the page cache, the API's cache, stale copies and compression, so
"may this be shared" cannot mean two things in two places.

*Request*: an anonymous ``GET``/``HEAD`` -- no session cookie (signed-in
editors, and readers who entered a page's password, have one), not under a
prefix that is never shared (``DELIVERY_EXCLUDED_PREFIXES``: the admin, the
booking pages, documents, media), and without a query string unless the path
is one whose views refuse unknown parameters (``DELIVERY_QUERY_PREFIXES``: the
API answers a 400 to junk, and only a 200 is kept, so junk cannot fill the
cache). An API key (``Authorization: Bearer``) must be checked first, so such
a request is answered from a copy only after authentication (the API's views
ask, see ``answers.kept_answer``).

*Response*: a complete ``200`` in a text type, that sets no cookie, does not
vary by cookie, is not ``private``/``no-store`` and is not a preview. The
booking page (a CSRF token and an idempotency key in its form) and anything
behind a password or a login fail this, so they are never kept; when a URL
that had a copy starts answering like that, the copy is dropped.

*Compression* (BREACH): only what may be kept, or a public answer to a query
(search results hold no secret), never the API (it reflects what the client
sends) but for the offline search index, never with a session. Django's
``GZipMiddleware`` pads the body.
"""

from django.conf import settings

TEXT_TYPES = (
    "text/html",
    "text/plain",
    "text/xml",
    "application/xml",
    "application/javascript",
    "text/javascript",
    "application/manifest+json",
    "application/json",
)
NEVER_COMPRESSED_PREFIXES = ("/admin/", "/api/", "/documents/", "/static/", "/media/")
# The API's one compressed answer: the offline search index, the same document for
# everyone until the library changes (its view refuses any query: nothing reflected,
# nothing secret), and by far the largest thing a phone saves with the library.
COMPRESSED_API_PATHS = ("/api/v1/search/index/",)

ANONYMOUS, AFTER_AUTHENTICATION = "anonymous", "after-authentication"


def shared_read(request) -> str | None:
    """``ANONYMOUS`` (answer before routing), ``AFTER_AUTHENTICATION``, or None (never)."""
    if request.method not in ("GET", "HEAD"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    path = request.path
    if path.startswith(tuple(settings.DELIVERY_EXCLUDED_PREFIXES)):
        return None
    if request.META.get("QUERY_STRING") and not path.startswith(
        tuple(settings.DELIVERY_QUERY_PREFIXES)
    ):
        return None
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    if authorization[:7].lower() == "bearer ":
        return AFTER_AUTHENTICATION
    if authorization:
        return None
    return ANONYMOUS


def _media_type(response) -> str:
    return response.get("Content-Type", "").split(";")[0].strip().lower()


def _public(response) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    return (
        not response.streaming
        and not response.cookies
        and "cookie" not in vary
        and "private" not in cache_control
        and "no-store" not in cache_control
        and _media_type(response) in TEXT_TYPES
    )


def public_answer(request, response) -> bool:
    """What anyone may be given at this address now; if not, no copy may stay either."""
    return (
        response.status_code == 200
        and not getattr(request, "is_preview", False)
        and _public(response)
    )


def keepable(request, response) -> bool:
    """A public answer with its body (a ``HEAD`` has none worth keeping)."""
    return request.method == "GET" and public_answer(request, response)


def may_compress(request, response) -> bool:
    return (
        _public(response)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and (
            request.path in COMPRESSED_API_PATHS
            or not request.path.startswith(NEVER_COMPRESSED_PREFIXES)
        )
    )
