"""How Wagtail serves our pages, where a page type needs more than a template."""

from django.utils.cache import patch_cache_control

from wagtail import hooks

from cms.models import BookingPage


@hooks.register("on_serve_page")
def keep_the_booking_page_private(next_serve_page):
    """The booking page's form carries a CSRF token and a one-off idempotency key.

    A copy kept by a CDN, a proxy or the delivery layer would hand one
    reader's key to the next, whose request would then look like a retry of
    the first, so shared caches may not keep it and browsers must ask again
    each time. The reader's own browser may keep it (``private``, not
    ``no-store``): the form view spots a key that comes back with other
    details and offers a new one, and with JavaScript every request gets its
    own key anyway, so a service worker can keep the page for offline use.
    """

    def serve(page, request, args, kwargs):
        response = next_serve_page(page, request, args, kwargs)
        if isinstance(page, BookingPage):
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response

    return serve
