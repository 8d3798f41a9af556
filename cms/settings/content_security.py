"""The Content-Security-Policy of each kind of response, as django-csp settings.

django-csp sends ``CONTENT_SECURITY_POLICY`` (the reading pages' policy) and puts
a fresh nonce in ``script-src`` only on a response whose templates asked for one
(``request.csp_nonce``). ``cms.content_security`` tells the kinds of response apart
and applies the changes below with django-csp's own ``update`` (add sources) and
``replace`` (swap a directive), as its ``csp_update`` / ``csp_replace`` decorators
would. Pure data: no Django import, so the settings can read it.
"""

from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE


def reading_pages(media_url: str) -> dict[str, list[str]]:
    """Reading pages run script files from this origin only: no inline script, no eval.

    JSON data blocks (``<script type="application/json">``) are not scripts and need
    nothing. No nonce either: the delivery layer keeps these pages and serves one
    body to many readers, so a per-response nonce could never match.
    """
    parts = urlsplit(media_url)
    uploads = [f"{parts.scheme}://{parts.netloc}"] if parts.scheme and parts.netloc else []
    return {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *uploads],  # uploads may live on S3 or a CDN
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }


# How the other kinds differ from the reading pages. ``config`` is a whole policy of
# its own; ``update`` adds sources to the reading pages' directives; ``replace`` swaps
# directives whole.
BY_KIND = {
    # The Wagtail admin: its own inline scripts (widgets, panels) carry this response's
    # nonce, written by the templates that emit them (cms/admin_scripts.py); its
    # JavaScript sets inline styles, shows blob: thumbnails of uploads before they are
    # sent, and frames its own previews.
    "admin": {
        "update": {
            "script-src": [NONCE],
            "style-src": [UNSAFE_INLINE],
            "img-src": ["blob:"],
            "font-src": ["data:"],
        },
        "replace": {"frame-src": [SELF], "frame-ancestors": [SELF]},
    },
    # A page rendered for the admin's preview panel, which frames it.
    "preview": {"replace": {"frame-ancestors": [SELF]}},
    # Swagger UI sets inline styles from its script files.
    "api_docs": {"update": {"style-src": [UNSAFE_INLINE]}},
    # With DEBUG on (``make run``), Django's technical 404 and 500 pages style
    # themselves inline; never in production, where DEBUG is off.
    "debug_error": {"update": {"style-src": [UNSAFE_INLINE]}},
    # JSON (the API, /healthz) is data, never a document: a browser that opens it
    # directly runs nothing.
    "data": {"config": {"default-src": [NONE], "frame-ancestors": [NONE]}},
    # An SVG is a document that could run script: nothing runs, nothing is fetched.
    "svg": {"config": {"default-src": [NONE], "style-src": [UNSAFE_INLINE], "sandbox": True}},
}
