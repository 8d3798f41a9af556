"""Security headers that Django's ``SecurityMiddleware`` does not set.

Django already sends HSTS (in production), ``X-Content-Type-Options``,
``Referrer-Policy`` and ``Cross-Origin-Opener-Policy``. This adds a
Content-Security-Policy fitted to each kind of response, and
``Cross-Origin-Resource-Policy``:

* reading pages run only script files from this origin (JSON data blocks are
  not scripts), so no ``'unsafe-inline'`` or ``'unsafe-eval'`` anywhere;
* the Wagtail admin and the API docs (Swagger UI) set inline styles from their
  JavaScript, so they also get ``style-src 'unsafe-inline'``; the admin frames
  its own previews, hence ``frame-ancestors 'self'``;
* Wagtail 8's form widgets (date pickers, choosers) still write small inline
  ``<script>`` elements, so admin pages get a fresh nonce that is stamped on
  their inline scripts here. That still refuses inline event handlers,
  ``javascript:`` URLs and scripts from elsewhere, which ``'unsafe-inline'``
  would allow; drop it once Wagtail's widgets stop writing inline scripts;
* with ``DEBUG`` on (``make run``), Django's own 404 and 500 pages style
  themselves inline, so error pages then get ``style-src 'unsafe-inline'``
  too; never in production, where ``DEBUG`` is off;
* JSON (the API, /healthz) and SVG are data, never documents:
  ``default-src 'none'`` so a browser that opens one directly runs nothing.

Listed before WhiteNoise in ``MIDDLEWARE`` so static files get the headers too.
Django 6.0 has CSP built in; on 5.2 a dict per policy is all this needs.
"""

import re
import secrets
from urllib.parse import urlsplit

from django.conf import settings

SELF = "'self'"
NONE = "'none'"

SITE_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
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
ADMIN_POLICY = {
    **SITE_POLICY,
    "style-src": [SELF, "'unsafe-inline'"],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}
API_DOCS_POLICY = {
    **SITE_POLICY,
    "style-src": [SELF, "'unsafe-inline'"],
}
DEBUG_ERROR_POLICY = {**SITE_POLICY, "style-src": [SELF, "'unsafe-inline'"]}
INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?=[\s>])")
DATA_POLICY = {"default-src": [NONE], "frame-ancestors": [NONE]}
SVG_POLICY = {"default-src": [NONE], "style-src": ["'unsafe-inline'"], "sandbox": []}

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
DATA_TYPES = ("application/json", "application/problem+json")


def render_policy(policy: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *sources]) for name, sources in policy.items())


def _media_origin() -> str | None:
    """Where uploads come from when they are not on this origin (S3, a CDN)."""
    parts = urlsplit(settings.MEDIA_URL)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        site = {**SITE_POLICY}
        if origin := _media_origin():
            site["img-src"] = [*site["img-src"], origin]
        self.site_policy = render_policy(site)
        self.admin_policy = render_policy(ADMIN_POLICY)
        self.api_docs_policy = render_policy(API_DOCS_POLICY)
        self.data_policy = render_policy(DATA_POLICY)
        self.svg_policy = render_policy(SVG_POLICY)
        self.debug_error_policy = render_policy(DEBUG_ERROR_POLICY)
        self.media_prefix = settings.MEDIA_URL if settings.MEDIA_URL.startswith("/") else None

    def __call__(self, request):
        response = self.get_response(request)
        existing = response.get("Content-Security-Policy")
        if existing and request.path.startswith("/admin/"):
            # A preview: Wagtail rendered the page through this middleware already, under
            # the reading pages' policy. Keep it, but let the admin frame it.
            response["Content-Security-Policy"] = existing.replace(
                "frame-ancestors 'none'", "frame-ancestors 'self'"
            )
        elif not existing:  # a view that sets its own policy (media SVGs) knows best
            policy = self.policy_for(request.path, response.get("Content-Type", ""))
            if policy is self.admin_policy and not response.streaming:
                policy = self.stamp_inline_scripts(response)
            if policy is self.site_policy and settings.DEBUG and response.status_code >= 404:
                policy = self.debug_error_policy  # Django's technical 404/500 pages
            if policy:
                response["Content-Security-Policy"] = policy
        response.headers.setdefault("Cross-Origin-Resource-Policy", self.resource_policy(request))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    def policy_for(self, path: str, content_type: str) -> str | None:
        media_type = content_type.split(";")[0].strip().lower()
        if path.startswith("/api/v1/docs/"):
            return self.api_docs_policy
        if path.startswith("/api/") or media_type in DATA_TYPES:
            return self.data_policy
        if media_type == "image/svg+xml":
            return self.svg_policy
        if media_type != "text/html":
            return None  # scripts, styles, images, PDFs: a policy there does nothing or harm
        if path.startswith("/admin/"):
            return self.admin_policy
        return self.site_policy

    def stamp_inline_scripts(self, response) -> str:
        """Give this admin page's own inline scripts a nonce, and allow only those."""
        nonce = secrets.token_urlsafe(16)
        content, count = INLINE_SCRIPT.subn(f'<script nonce="{nonce}"'.encode(), response.content)
        if not count:
            return self.admin_policy
        response.content = content
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(content))
        return self.admin_policy.replace("script-src 'self'", f"script-src 'self' 'nonce-{nonce}'")

    def resource_policy(self, request) -> str:
        """Uploads may be shown by the API's consumers on other sites; nothing else may be."""
        if self.media_prefix and request.path.startswith(self.media_prefix):
            return "cross-origin"
        return "same-origin"
