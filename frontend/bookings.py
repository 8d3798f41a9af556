"""The booking request form without JavaScript: a plain POST, Post/Redirect/Get.

The booking page renders the form (``frontend/includes/booking_form.html``)
with a fresh idempotency key in a hidden field, so sending it twice (a double
tap, a refresh) stores one request. The form posts here; this view only
translates HTTP: ``api.bookings`` validates with the API's own serializer,
applies the API's throttles and stores through the booking service. With
JavaScript, ``booking-form.js`` sends the same fields to the API instead.

Nothing personal leaves this view in a URL: the thank-you address carries a
signed receipt (reference and time), and every response is ``no-store``.
"""

import math
import uuid
from dataclasses import dataclass, field

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.utils.dateparse import parse_datetime
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from rest_framework.exceptions import ValidationError

from api import bookings, selectors

FIELDS = ("name", "contact_method", "contact", "preferred_times", "service", "note")
RECEIPT_SALT = "frontend.booking-receipt"
TOO_MANY = (
    "Too many requests have come from here just now. Please try again later, or phone the clinic."
)
KEY_REUSED = (
    "This form had already been sent once, with other details. "
    "Check your details and send it again."
)


@dataclass
class BookingForm:
    """What the form template shows: the reader's values, the errors and this attempt's key."""

    idempotency_key: uuid.UUID = field(default_factory=uuid.uuid4)
    values: dict = field(default_factory=lambda: {"service": "not-sure", "note_consent": False})
    errors: dict[str, list[str]] = field(default_factory=dict)
    contact_methods = bookings.CONTACT_METHODS
    services = bookings.SERVICES

    @classmethod
    def bound(cls, data) -> "BookingForm":
        """The form as posted. A missing or garbled key gets a new one."""
        try:
            key = uuid.UUID(data.get("idempotency_key", ""))
        except ValueError:
            key = uuid.uuid4()
        values = {name: data.get(name, "") for name in FIELDS}
        values["note_consent"] = bool(data.get("note_consent"))
        return cls(idempotency_key=key, values=values)

    @property
    def summary(self) -> list[tuple[str | None, str]]:
        """``(field id or None, message)`` for the error summary's links."""
        return [
            (f"booking-{name}" if name in (*FIELDS, "note_consent") else None, " ".join(messages))
            for name, messages in self.errors.items()
        ]

    @property
    def contact_is_email(self) -> bool:
        return self.values.get("contact_method") == "email"


def _booking_page():
    page = selectors.public_booking_page()
    if page is None:
        raise Http404("There is no booking page.")
    return page


def _render_booking_page(request, page, form: BookingForm, status: int) -> TemplateResponse:
    """The booking page as Wagtail serves it, with the posted form in place of a blank one."""
    request.is_preview = False
    context = page.get_context(request)
    context["booking_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def booking_request(request):
    """``POST /book/request/``: store the request and redirect to its receipt."""
    page = _booking_page()
    if request.method != "POST":
        return redirect(page.get_url(request))
    form = BookingForm.bound(request.POST)
    wait = bookings.throttle_wait(request)
    if wait is not None:
        form.errors = {"non_field_errors": [TOO_MANY]}
        response = _render_booking_page(request, page, form, status=429)
        response["Retry-After"] = str(max(1, math.ceil(wait)))
        return response
    try:
        receipt, _created = bookings.submit_booking(
            request.POST, idempotency_key=form.idempotency_key
        )
    except bookings.IdempotencyKeyReused:
        # A page restored from history with a key already spent: keep everything
        # typed and offer a fresh key, rather than answer with someone's old receipt.
        form.errors = {"non_field_errors": [KEY_REUSED]}
        form.idempotency_key = uuid.uuid4()
        return _render_booking_page(request, page, form, status=400)
    except ValidationError as exc:
        form.errors = bookings.field_errors(exc)
        return _render_booking_page(request, page, form, status=400)
    token = signing.dumps(
        {"reference": receipt["reference"], "received_at": receipt["received_at"]},
        salt=RECEIPT_SALT,
    )
    return redirect("frontend:booking-received", token=token)


@never_cache
@require_safe
def booking_received(request, token: str):
    """The thank-you page: the reference and time from the signed receipt, nothing else."""
    try:
        receipt = signing.loads(token, salt=RECEIPT_SALT)
    except signing.BadSignature:
        raise Http404("No such receipt.") from None
    page = selectors.public_booking_page()
    context = {
        "reference": receipt["reference"],
        "received_at": parse_datetime(receipt["received_at"]),
        "booking_url": page.get_url(request) if page else "",
    }
    return render(request, "frontend/booking_received.html", context)
