"""The booking form in a phone's browser: kept offline, sent once when back, errors in place.

The live server runs in another thread, so the data it reads must be committed:
these tests use a transactional database (restored afterwards for other tests).
"""

import pytest
from playwright.sync_api import expect

from wagtail.models import Site

from cms.models import BookingRequest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BOOKING_PAGE = "/book/"
NAME = "Zephyrine Quillfeather"


@pytest.fixture
def site(library):
    """Only the test site, so it answers at the live server's host (localhost:<port>)."""
    Site.objects.exclude(pk=library.site.pk).delete()
    return library.site


def open_form(phone):
    page = phone.new_page()
    page.goto(BOOKING_PAGE)  # "load": the deferred outbox and the form module have run
    assert page.evaluate("() => typeof self.bookingOutbox.flush") == "function"
    page.wait_for_load_state("networkidle")
    return page


def fill_in(page, *, contact="zephyrine@example.org"):
    page.get_by_label("Your name").fill(NAME)
    page.get_by_label("E-mail", exact=True).check()
    page.get_by_label("Your phone number or e-mail address").fill(contact)
    page.get_by_label("When would suit you?").fill("Weekday mornings")
    page.get_by_label("Which treatment?").select_option("sports")
    page.get_by_label("Anything the therapist should know? (optional)").fill("Left hip.")
    page.get_by_label("I agree the clinic may keep this note").check()


def queued(page) -> int:
    return page.evaluate("() => self.bookingOutbox.list().then((items) => items.length)")


def test_a_request_made_offline_is_kept_and_sent_once_when_back_online(phone, site):
    page = open_form(phone)
    fill_in(page)

    phone.set_offline(True)
    page.get_by_role("button", name="Send request").click()

    waiting = page.locator(".booking-waiting")
    expect(waiting).to_contain_text("Not sent yet")
    expect(waiting).to_contain_text("sent automatically when you're back online")
    expect(waiting).to_contain_text(f"Request from {NAME}")
    expect(waiting).to_contain_text("Sports massage · Weekday mornings")
    assert queued(page) == 1
    assert BookingRequest.objects.count() == 0

    phone.set_offline(False)  # "online": the page, or the worker's sync, sends what it kept

    # The receipt shows once the server has stored the request and answered.
    expect(page.locator(".booking-receipt")).to_contain_text("Your reference is")
    stored = BookingRequest.objects.get()
    expect(page.locator(".booking-receipt .reference")).to_have_text(stored.reference)
    expect(page.locator(".booking-waiting")).to_have_count(0)
    assert (stored.name, stored.note, stored.note_consent) == (NAME, "Left hip.", True)
    assert queued(page) == 0  # delivered, so gone from the device

    page.reload()
    page.wait_for_load_state("networkidle")
    assert BookingRequest.objects.count() == 1
    expect(page.locator("[data-booking-outbox]")).to_be_hidden()


def test_an_invalid_request_is_explained_next_to_the_field_and_keeps_what_was_typed(phone, site):
    page = open_form(phone)
    fill_in(page, contact="zephyrine-at-example")

    page.get_by_role("button", name="Send request").click()

    error = page.locator("#booking-contact-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("Enter an e-mail address")
    contact = page.get_by_label("Your phone number or e-mail address")
    expect(contact).to_have_attribute("aria-invalid", "true")
    expect(contact).to_have_attribute(
        "aria-describedby", "booking-contact-hint booking-contact-error"
    )
    expect(page.locator("[data-error-summary] a[href='#booking-contact']")).to_be_visible()
    expect(page.get_by_label("Your name")).to_have_value(NAME)
    expect(contact).to_have_value("zephyrine-at-example")
    expect(page.get_by_label("E-mail", exact=True)).to_be_checked()
    expect(page.get_by_label("When would suit you?")).to_have_value("Weekday mornings")
    expect(page.get_by_label("Which treatment?")).to_have_value("sports")
    expect(page.get_by_label("Anything the therapist should know? (optional)")).to_have_value(
        "Left hip."
    )
    expect(page.get_by_label("I agree the clinic may keep this note")).to_be_checked()
    expect(page.get_by_label("Your name")).not_to_have_attribute("aria-invalid", "true")
    assert BookingRequest.objects.count() == 0
    assert queued(page) == 0  # back in the reader's hands, not waiting on the device

    contact.fill("zephyrine@example.org")
    page.get_by_role("button", name="Send request").click()

    expect(page.locator(".booking-receipt")).to_contain_text("Your reference is")
    expect(page.locator(".booking-receipt .reference")).to_have_text(
        BookingRequest.objects.get().reference
    )
    expect(error).to_be_hidden()
    expect(contact).not_to_have_attribute("aria-invalid", "true")
