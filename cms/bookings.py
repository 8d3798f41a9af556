"""Taking a booking request: validate, store, then tell the clinic.

The request is committed before anyone is told it was received, and the clinic's
e-mail is sent only after the commit: a failed e-mail never loses a request, and
the e-mail carries no personal data, only a link to the admin.
"""

import logging
import uuid

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from wagtail.models import Site

from cms.models import BookingRequest, ClinicSettings

logger = logging.getLogger(__name__)


def create_booking_request(
    *,
    idempotency_key: uuid.UUID,
    name: str,
    contact_method: str,
    contact: str,
    preferred_times: str,
    service: str,
    note: str = "",
    note_consent: bool = False,
) -> tuple[BookingRequest, bool]:
    """Store a request once per idempotency key; returns ``(request, created)``."""
    existing = BookingRequest.objects.filter(idempotency_key=idempotency_key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            booking = BookingRequest.objects.create(
                idempotency_key=idempotency_key,
                reference=BookingRequest.new_reference(),
                name=name,
                contact_method=contact_method,
                contact=contact,
                preferred_times=preferred_times,
                service=service,
                note=note if note_consent else "",
                note_consent=note_consent and bool(note),
            )
    except IntegrityError:
        # The same device retried concurrently and the other attempt won.
        return BookingRequest.objects.get(idempotency_key=idempotency_key), False
    transaction.on_commit(lambda: notify_clinic(booking))
    return booking, True


def notify_clinic(booking: BookingRequest) -> None:
    site = Site.objects.filter(is_default_site=True).first()
    clinic_email = ClinicSettings.for_site(site).email if site else ""
    recipient = settings.BOOKING_NOTIFICATION_EMAIL or clinic_email
    if not recipient:
        return
    link = settings.WAGTAILADMIN_BASE_URL + reverse(
        "wagtailsnippets_cms_bookingrequest:inspect", args=[booking.pk]
    )
    try:
        send_mail(
            subject=f"New booking request {booking.reference}",
            message=f"A new booking request has arrived. Open it in the admin:\n{link}\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[recipient],
        )
    except Exception:
        # Stored already; staff see it in the admin. Log the reference only.
        logger.exception("Could not e-mail the clinic about booking %s", booking.reference)
