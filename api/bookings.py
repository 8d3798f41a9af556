"""Taking a booking request over HTTP, whatever the door: the JSON API or the plain form.

Both doors validate with ``BookingRequestInputSerializer``, count against the
same throttles and store through ``cms.bookings.create_booking_request``, so a
request sent with JavaScript off obeys exactly the rules of one sent by the
offline outbox. Callers get plain data back (the receipt), never a model.
"""

import uuid

from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser
from rest_framework.request import Request

from api.errors import _field_errors
from api.serializers.bookings import BookingReceiptSerializer, BookingRequestInputSerializer
from api.throttling import BookingClientThrottle, BookingContactThrottle
from cms.bookings import create_booking_request

THROTTLES = [BookingClientThrottle, BookingContactThrottle]

# What the form offers, in the serializer's order and wording.
CONTACT_METHODS = list(BookingRequestInputSerializer().fields["contact_method"].choices.items())
SERVICES = list(BookingRequestInputSerializer().fields["service"].choices.items())

# What makes two submissions "the same request" when an idempotency key comes back.
SAME_REQUEST_FIELDS = ("name", "contact_method", "contact", "preferred_times", "service")


class IdempotencyKeyReused(ValidationError):
    """The key was already used for a *different* request: not a retry, so not a replay."""


def submit_booking(data, *, idempotency_key: uuid.UUID) -> tuple[dict, bool]:
    """Validate and store one request; returns ``(receipt, created)``.

    A retry with the same key and the same details gets the first receipt back
    (``created`` is False). Raises ``ValidationError`` (field -> messages) for
    invalid input, and ``IdempotencyKeyReused`` when the key already names a
    request with other details: answering that with the old receipt would
    silently drop the new request.
    """
    serializer = BookingRequestInputSerializer(data=data)
    serializer.is_valid(raise_exception=True)
    fields = serializer.validated_data
    booking, created = create_booking_request(idempotency_key=idempotency_key, **fields)
    if not created and any(getattr(booking, name) != fields[name] for name in SAME_REQUEST_FIELDS):
        raise IdempotencyKeyReused(
            {"Idempotency-Key": ["This key was used for another request. Make a new key."]}
        )
    return BookingReceiptSerializer(booking).data, created


def field_errors(exc: ValidationError) -> dict[str, list[str]]:
    """A ``ValidationError`` as the API's ``errors`` member: field -> messages."""
    return _field_errors(exc.detail)


def throttle_wait(request) -> float | None:
    """Seconds before this client may send another request, or None if it may now.

    For the plain form view, which is not a DRF view: the same limits, counted
    in the same buckets, as ``POST /api/v1/booking-requests/``.
    """
    drf_request = Request(request, parsers=[FormParser()])
    waits = []
    for throttle in (throttle_class() for throttle_class in THROTTLES):
        if not throttle.allow_request(drf_request, None):
            waits.append(throttle.wait() or 0)
    return max(waits) if waits else None
