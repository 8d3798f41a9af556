"""Every absolute address the site gives out, from one configured public address.

``SITE_URL`` (settings) is where readers reach the site. Sitemaps, canonical links,
JSON-LD, the API's links and QR codes are all built here from it, never from the
request's ``Host`` header, so a proxy's internal port or a stray ``Host`` cannot
change them, and a cached answer is right for every reader.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path: str) -> str:
    """``path`` (a path, or a URL that is already absolute) on the public site."""
    if not path or urlsplit(path).scheme:
        return path  # empty (nothing to link to) or absolute (e.g. media on a CDN)
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def page_url(page, request=None) -> str:
    """A page's public address; empty for a page previewed before its first save."""
    parts = page.get_url_parts(request=request)
    if parts is None:
        return ""
    return absolute_url(parts[2])
