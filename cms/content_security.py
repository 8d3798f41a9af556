"""django-csp's middleware, choosing the policy that fits each kind of response.

django-csp writes the header and makes the nonce; the policies themselves are
settings (``cms/settings/content_security.py``). What this adds:

* **Which policy.** The admin, the API docs, JSON, SVG, a page rendered for the
  admin's preview and Django's DEBUG error pages each get their own (see
  ``BY_KIND``); a view that set its own with django-csp's decorators, or its own
  header (media SVGs), keeps it. Script, style and image files get none: a policy
  there does nothing or harm.
* **Django's DEBUG error pages keep a policy.** django-csp leaves a DEBUG 404/500
  bare; here they get the reading pages' policy with inline styles, as before.
* **A nonce for code that never sees the request.** Form widgets are rendered
  without the request, yet some of Wagtail's write an inline ``<script>``. While a
  request is handled, ``script_nonce()`` gives that request's nonce to whatever
  server code emits a script (``cms/admin_scripts.py``). The nonce is only ever
  written by the code that writes the script; nothing reads the finished HTML and
  blesses what it finds there, so a script that reached the page by injection
  stays blocked.
"""

from contextvars import ContextVar
from dataclasses import asdict

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy

from django.conf import settings

DATA_TYPES = ("application/json", "application/problem+json")
DEBUG_EXEMPT_STATUSES = (404, 500)  # the codes django-csp leaves bare with DEBUG on

_request_nonce: ContextVar = ContextVar("request_nonce", default=None)


def script_nonce() -> str:
    """The nonce of the response being rendered, for a script the server writes itself.

    Asking for it puts it in that response's ``script-src``; outside a request it is
    empty, and an empty nonce allows nothing.
    """
    nonce = _request_nonce.get()
    return str(nonce) if nonce is not None else ""


def kind_of(request, response) -> str | None:
    """Which of ``settings.CONTENT_SECURITY_POLICY_BY_KIND`` fits; ``"reading"`` for the
    site's pages, ``None`` for files that should carry no policy."""
    media_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    path = request.path
    if path.startswith("/api/v1/docs/"):
        return "api_docs"
    if path.startswith("/api/") or media_type in DATA_TYPES:
        return "data"
    if media_type == "image/svg+xml":
        return "svg"
    if media_type != "text/html":
        return None
    if getattr(request, "is_preview", False):  # set by Wagtail on its dummy request
        return "preview"
    if path.startswith("/admin/"):
        return "admin"
    if settings.DEBUG and response.status_code >= 404:
        return "debug_error"
    return "reading"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Listed before the delivery layer and WhiteNoise in ``MIDDLEWARE``, so kept pages
    and static files pass through it too."""

    def process_request(self, request):
        super().process_request(request)
        # Nested requests (Wagtail renders previews through the whole stack) restore ours.
        request._script_nonce_token = _request_nonce.set(request.csp_nonce)

    def process_response(self, request, response):
        if token := getattr(request, "_script_nonce_token", None):
            _request_nonce.reset(token)
            del request._script_nonce_token
        if kind_of(request, response) is None:
            return response
        if (
            settings.DEBUG
            and response.status_code in DEBUG_EXEMPT_STATUSES
            and HEADER not in response
        ):
            parts = self.get_policy_parts(request=request, response=response)
            response[HEADER] = build_policy(**asdict(parts))
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config or parts.update or parts.replace:
            return parts  # report-only is off; a view's own decorator knows best
        changes = settings.CONTENT_SECURITY_POLICY_BY_KIND.get(kind_of(request, response), {})
        return PolicyParts(
            config=changes.get("config"),
            update=changes.get("update"),
            replace=changes.get("replace"),
            nonce=parts.nonce,
        )
