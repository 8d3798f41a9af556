"""Gzip for public pages only, so compression never sits beside a secret (BREACH).

WhiteNoise already sends pre-compressed static files; the HTML pages came out of
gunicorn uncompressed, three times the bytes a phone needs (an article: 18 KB
rather than 6 KB). Where a proxy or CDN in front compresses, it sees
``Content-Encoding`` and leaves these alone.

BREACH recovers a secret from the size of compressed responses that also
reflect what an attacker sends (the search words, a query string). So only
responses that hold no secret and nothing personal are compressed: the same
"shareable" test the stale-page cache uses -- no cookie set (a CSRF token in
the page always sets or renews the ``csrftoken`` cookie, so the booking form is
never compressed), no ``Vary: Cookie``, nothing ``private`` or ``no-store``, and
never for a signed-in request, the admin or the API. Django's
``GZipMiddleware`` also pads each body by a random length ("Heal The Breach").
https://docs.djangoproject.com/en/5.2/ref/middleware/#module-django.middleware.gzip
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

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
EXCLUDED_PREFIXES = ("/admin/", "/api/", "/documents/", "/static/", "/media/")


def is_public(request, response) -> bool:
    media_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    cache_control = response.get("Cache-Control", "").lower()
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
    return (
        media_type in TEXT_TYPES
        and not response.streaming
        and not response.cookies
        and "cookie" not in vary
        and "private" not in cache_control
        and "no-store" not in cache_control
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


class PublicGZipMiddleware(GZipMiddleware):
    """``GZipMiddleware`` limited to public responses (see the module docstring)."""

    def process_response(self, request, response):
        if not is_public(request, response):
            return response
        return super().process_response(request, response)
