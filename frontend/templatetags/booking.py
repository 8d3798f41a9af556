"""The booking request form on the booking page."""

from django import template

from frontend.bookings import BookingForm

register = template.Library()


@register.simple_tag(takes_context=True)
def booking_form(context) -> BookingForm:
    """The form the view re-renders with errors, or a blank one with a fresh idempotency key."""
    return context.get("booking_form") or BookingForm()
