"""Booking with no signal from any page: the header's Book opens the saved form.

The booking page is saved with the library (a blank form, no personal data);
a request made offline is queued and goes through the JSON API with its own
Idempotency-Key once the phone is back online.
"""

import pytest
from playwright.sync_api import expect

from cms.models import BookingRequest

from .test_booking_offline import NAME, fill_in
from .test_offline_library import save_library
from .workers import CACHED_URLS, open_controlled

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Every saved response's body, to look for what the reader typed.
CACHED_BODIES = """async () => {
  const bodies = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      bodies.push(await (await cache.match(request)).text());
    }
  }
  return bodies.join("\\n");
}"""


def test_the_header_book_button_opens_a_working_form_offline(phone, demo_site):
    tab = open_controlled(phone)
    save_library(tab)
    assert any(url.endswith("/book/") for url in tab.evaluate(CACHED_URLS))
    phone.set_offline(True)

    tab.goto("/conditions/sciatica/")
    tab.get_by_role("navigation", name="Quick links").get_by_role("link", name="Book").click()
    expect(tab.get_by_role("heading", name="Ask for a session")).to_be_visible()
    tab.wait_for_load_state("networkidle")
    fill_in(tab)
    tab.get_by_role("button", name="Send request").click()

    expect(tab.locator(".booking-waiting")).to_contain_text("Not sent yet")
    assert NAME not in tab.evaluate(CACHED_BODIES)
    assert BookingRequest.objects.count() == 0

    phone.set_offline(False)
    expect(tab.locator(".booking-receipt")).to_contain_text("Your reference is")
    assert BookingRequest.objects.get().name == NAME
