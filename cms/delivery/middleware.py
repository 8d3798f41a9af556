"""The delivery layer in the middleware stack: before routing, and around everything else.

``DeliveryMiddleware`` sits above sessions, authentication and URL routing, as
Django's ``FetchFromCacheMiddleware`` and wagtail-cache do, so a kept answer
costs no database query at all. On a miss it lets the request through and keeps
what comes back (``rules.keepable``); a cold URL is rendered by one request at
a time while the others get the previous copy, if its page is not gone, or wait
briefly for the new one (grace and request coalescing, as Varnish does). When
the answer is a server error or the database fails, the kept copy stands in
(stale-if-error), marked stale and ``no-store``; otherwise a short 503.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe
from django.utils.regex_helper import _lazy_re_compile

from . import copies, rules, versions

logger = logging.getLogger(__name__)

DATABASE_DOWN = (OperationalError, InterfaceError)
CACHE_CONTROL = "public, no-cache, stale-if-error=86400"
RETRY_AFTER_SECONDS = 30
UNAVAILABLE_HTML = (
    "<!doctype html><html lang=en><meta charset=utf-8>"
    '<meta name=viewport content="width=device-width">'
    "<title>Back soon</title><h1>Back soon</h1>"
    "<p>The library is briefly unavailable. Please try again in a minute.</p></html>"
)
ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
# What anyone asking now would get instead of the kept copy. Not what one client
# earned alone (a 400, a 429, a bad API key's 401): that must not evict the copy.
ADDRESS_CHANGED = frozenset({200, 301, 302, 303, 307, 308, 403, 404, 410})

# (path prefix, check): a check may refuse a kept answer (the API's rate limit).
_admission: list[tuple[str, Callable]] = []


def admit_with(prefix: str, check: Callable) -> None:
    """Run ``check(request)`` before any kept answer under ``prefix``; a response refuses."""
    if (prefix, check) not in _admission:
        _admission.append((prefix, check))


@dataclass
class Plan:
    """What a request being rendered will be kept under, filled in as routing learns more."""

    key: str
    all_token: str
    deps: dict[str, str] = field(default_factory=dict)
    subject: str | None = None
    subject_expires: float | None = None


def depend_on_page(request, page_id: int, expire_at=None) -> None:
    """Say that this answer shows one page (and the frame around it), not the whole library.

    Called before the page is read, so a change that lands meanwhile leaves the
    copy cold rather than fresh with old content.
    """
    plan = getattr(request, "delivery_plan", None)
    if plan is not None:
        subject = versions.page_tag(page_id)
        plan.deps = versions.current([subject, versions.FRAME], fresh=True)
        plan.subject = subject
        plan.subject_expires = expire_at.timestamp() if expire_at else None


def expires_at(request, when) -> None:
    """The shown page's expiry time, learnt once it is read: no copy outlives it."""
    plan = getattr(request, "delivery_plan", None)
    if plan is not None and when is not None:
        plan.subject_expires = when.timestamp()


def answer(request, copy: copies.Copy, *, stale: bool = False) -> HttpResponse:
    """The kept copy as a response: a 304 when the client has it, gzip when it asks."""
    headers = dict(copy.headers)
    gzipped = copy.gzipped is not None and ACCEPTS_GZIP.search(
        request.META.get("HTTP_ACCEPT_ENCODING", "")
    )
    etag = f"W/{copy.etag}" if gzipped else copy.etag
    response = None
    if not stale:
        last_modified = parse_http_date_safe(headers.get("Last-Modified", ""))
        response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        body = copy.gzipped if gzipped else copy.body
        response = HttpResponse(body)
        for name, value in headers.items():
            response[name] = value
        response["Content-Length"] = str(len(body))
        if gzipped:
            response["Content-Encoding"] = "gzip"
    elif "Last-Modified" in headers:
        response["Last-Modified"] = headers["Last-Modified"]
    if copy.gzipped is not None:
        patch_vary_headers(response, ("Accept-Encoding",))
    response.delivered_from_copy = True
    if stale:
        response["Warning"] = '110 - "Response is Stale"'
        response["X-Served-Stale"] = "database-unavailable"
        # Never let a proxy or CDN keep the outage copy in place of fresh pages.
        response["Cache-Control"] = "no-store"
    else:
        response["ETag"] = etag
        response["Cache-Control"] = copy.cache_control or CACHE_CONTROL
    return response


def kept_answer(request) -> HttpResponse | None:
    """For a request authenticated by a view (an API key): the fresh kept copy, if any."""
    plan = getattr(request, "delivery_plan", None)
    copy = copies.get(plan.key) if plan is not None else None
    return answer(request, copy) if copy is not None and copy.is_fresh() else None


class DeliveryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        mode = rules.shared_read(request)
        if mode is None:
            return self.get_response(request)
        try:
            key = copies.key_for(request)
        except DisallowedHost:
            return self.get_response(request)  # Django answers its 400
        copy = copies.get(key) if mode == rules.ANONYMOUS else None
        if copy is not None and copy.is_fresh():
            return self._admit(request) or answer(request, copy)

        leader = copies.lead(key)
        if not leader and mode == rules.ANONYMOUS:
            if copy is not None and copy.may_stand_in():
                return self._admit(request) or answer(request, copy)
            waited = copies.wait_for_fresh(key)
            if waited is not None:
                return self._admit(request) or answer(request, waited)
        try:
            versions.settle_due_expiries()
            plan = Plan(key, versions.current([versions.ALL], fresh=True)[versions.ALL])
            request.delivery_plan = plan
            response = self.get_response(request)
        finally:
            if leader:
                copies.done(key)
        return self._settle(request, mode, plan, copy, response)

    def _settle(self, request, mode, plan: Plan, before, response):
        if getattr(response, "delivered_from_copy", False):
            return response
        if response.status_code >= 500:
            before = before or copies.get(plan.key)
            if before is not None and before.may_stand_in():
                return answer(request, before, stale=True)
            return response
        if not rules.public_answer(request, response):
            if mode == rules.ANONYMOUS and response.status_code in ADDRESS_CHANGED:
                copies.drop(plan.key)  # a page gone, private or moved keeps no copy
            return response
        if not rules.keepable(request, response):
            return response  # a HEAD: the copy, if any, is still right
        if versions.current([versions.ALL], fresh=True)[versions.ALL] != plan.all_token:
            return response  # something changed while rendering: keep nothing made from it
        copy = copies.make(
            response,
            deps=plan.deps or {versions.ALL: plan.all_token},
            subject=plan.subject,
            subject_expires=plan.subject_expires,
            compress=rules.may_compress(request, response),
        )
        copies.put(plan.key, copy)
        return answer(request, copy)

    def _admit(self, request):
        for prefix, check in _admission:
            if request.path.startswith(prefix):
                refused = check(request)
                if refused is not None:
                    return refused
        return None

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_DOWN):
            return None
        logger.error("Database unavailable; serving a kept copy if there is one: %s", exception)
        plan = getattr(request, "delivery_plan", None)
        copy = None
        if plan is not None:
            try:
                copy = copies.get(plan.key)
            except Exception:
                logger.warning("Could not read a kept copy", exc_info=True)
        if copy is not None and copy.may_stand_in():
            return answer(request, copy, stale=True)
        if request.path.startswith("/api/"):
            return None  # the API answers its own 503 problem details
        response = HttpResponse(UNAVAILABLE_HTML, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


class PublicGZipMiddleware(GZipMiddleware):
    """``GZipMiddleware`` for what ``rules.may_compress`` allows and no kept copy did already."""

    def process_response(self, request, response):
        if response.has_header("Content-Encoding") or not rules.may_compress(request, response):
            return response
        return super().process_response(request, response)
