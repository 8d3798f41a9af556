"""The booking request form with JavaScript off: a plain POST, Post/Redirect/Get.

Same rules as POST /api/v1/booking-requests/ (one serializer, one service), a
server-made idempotency key in the form, errors next to their fields with
everything typed kept, and a receipt page that carries no personal data.
"""

import uuid

import pytest
from bs4 import BeautifulSoup

from django.core import mail
from django.test import Client

from api.throttling import BookingClientThrottle
from cms.models import BookingRequest, CallToAction
from tests import factories

FORM_URL = "/book/request/"
NAME = "Zephyrine Quillfeather"


@pytest.fixture(autouse=True)
def clinic_inbox(settings):
    settings.BOOKING_NOTIFICATION_EMAIL = "clinic@example.org"


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def blank_form(client, library):
    response = client.get(library.booking.url)
    assert response.status_code == 200
    return soup_of(response).select_one("[data-booking-form] form")


def posted(form, **overrides) -> dict:
    """What a browser sends: the rendered hidden fields plus a filled-in request."""
    data = {field["name"]: field.get("value", "") for field in form.select("input[type=hidden]")}
    data.update(
        name=NAME,
        contact_method="email",
        contact="zephyrine@example.org",
        preferred_times="Weekday mornings",
        service="sports",
        note="",
        website="",
    )
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_booking_page_shows_the_form_with_labels_and_a_fresh_key(client, library):
    form = blank_form(client, library)

    assert form["method"] == "post"
    assert form["action"] == FORM_URL
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    key = form.find("input", attrs={"name": "idempotency_key"})
    assert key["type"] == "hidden" and uuid.UUID(key["value"])
    for field in ("name", "contact", "preferred_times", "service", "note", "note_consent"):
        control = form.find(attrs={"name": field})
        assert form.find("label", attrs={"for": control["id"]}).get_text(strip=True)
    assert form.find("input", attrs={"name": "name"})["autocomplete"] == "name"
    radios = form.find_all("input", attrs={"name": "contact_method"})
    assert [radio["value"] for radio in radios] == ["phone", "email"]
    assert form.find("legend").get_text(strip=True) == "How should the clinic contact you?"
    consent = form.find("label", attrs={"for": "booking-note_consent"}).get_text(strip=True)
    assert consent.startswith("I agree the clinic may keep this note")
    options = [
        option["value"] for option in form.find("select", attrs={"name": "service"})("option")
    ]
    assert options == [value for value, _label in BookingRequest.Service.choices]
    # A different key on every visit: a shared copy would turn one reader's request
    # into a "retry" of another's.
    assert (
        blank_form(client, library).find(attrs={"name": "idempotency_key"})["value"] != key["value"]
    )


def test_the_honeypot_is_hidden_from_people(client, library):
    trap = blank_form(client, library).find("input", attrs={"name": "website"})
    wrapper = trap.find_parent("div")

    assert wrapper["aria-hidden"] == "true"
    assert trap["tabindex"] == "-1"
    assert trap["autocomplete"] == "off"


def test_the_booking_page_is_never_shared_and_no_answer_is_stored(client, library):
    page = client.get(library.booking.url)
    form = soup_of(page).select_one("[data-booking-form] form")
    invalid = client.post(FORM_URL, posted(form, contact="not an address"))
    valid = client.post(FORM_URL, posted(form))
    receipt = client.get(valid["Location"])

    # Its key and CSRF token are one reader's: no CDN or proxy may keep the page.
    page_cache = {part.strip() for part in page["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= page_cache and "public" not in page_cache
    for response in (invalid, valid, receipt):
        assert "no-store" in response["Cache-Control"]


def test_invalid_input_is_explained_next_to_the_field_and_nothing_typed_is_lost(client, library):
    form = blank_form(client, library)

    response = client.post(
        FORM_URL,
        posted(form, contact="zephyrine-at-example", note="Left hip, two weeks.", name=NAME),
    )

    assert response.status_code == 400
    assert not BookingRequest.objects.exists()
    soup = soup_of(response)
    contact = soup.find("input", attrs={"name": "contact"})
    assert contact["aria-invalid"] == "true"
    error = soup.find(id="booking-contact-error")
    assert "Enter an e-mail address" in error.get_text()
    assert not error.has_attr("hidden")
    assert "booking-contact-error" in contact["aria-describedby"].split()
    summary = soup.select_one("[data-error-summary]")
    assert not summary.has_attr("hidden")
    links = {a["href"]: a.get_text() for a in summary.find_all("a")}
    assert "Enter an e-mail address" in links["#booking-contact"]
    assert "Tick the box" in links["#booking-note_consent"]
    # Everything typed comes back.
    assert soup.find("input", attrs={"name": "name"})["value"] == NAME
    assert contact["value"] == "zephyrine-at-example"
    assert soup.find("input", attrs={"name": "contact_method", "value": "email"}).has_attr(
        "checked"
    )
    assert soup.find("textarea", attrs={"name": "note"}).get_text() == "Left hip, two weeks."
    assert soup.find("option", attrs={"value": "sports"}).has_attr("selected")
    assert soup.find(attrs={"name": "preferred_times"})["value"] == "Weekday mornings"
    # The same key, so the corrected request is still the one attempt.
    assert (
        soup.find(attrs={"name": "idempotency_key"})["value"]
        == form.find(attrs={"name": "idempotency_key"})["value"]
    )
    # Only the fields in error say so.
    assert not soup.find("input", attrs={"name": "name"}).has_attr("aria-invalid")


def test_missing_answers_are_each_explained(client, library):
    form = blank_form(client, library)

    response = client.post(
        FORM_URL, posted(form, name="", contact_method=None, contact="", preferred_times="")
    )

    assert response.status_code == 400
    soup = soup_of(response)
    for field in ("name", "contact_method", "contact", "preferred_times"):
        assert soup.find(id=f"booking-{field}-error").get_text(strip=True) != "Error:"


def test_a_valid_request_is_stored_once_and_answered_with_its_reference(
    client, library, django_capture_on_commit_callbacks
):
    form = blank_form(client, library)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, posted(form, note="Left hip.", note_consent="on"))

    assert response.status_code == 302
    stored = BookingRequest.objects.get()
    assert stored.idempotency_key == uuid.UUID(
        form.find(attrs={"name": "idempotency_key"})["value"]
    )
    assert (stored.name, stored.contact_method, stored.contact) == (
        NAME,
        "email",
        "zephyrine@example.org",
    )
    assert (stored.note, stored.note_consent) == ("Left hip.", True)
    location = response["Location"]
    assert location.startswith("/book/received/")
    for personal in (NAME, "Zephyrine", "zephyrine", "example.org", "Weekday"):
        assert personal not in location
    thanks = client.get(location)
    assert thanks.status_code == 200
    assert stored.reference in soup_of(thanks).select_one(".reference").get_text()
    assert NAME not in thanks.content.decode()
    assert len(mail.outbox) == 1 and stored.reference in mail.outbox[0].subject


def test_sending_the_same_form_again_stores_no_duplicate(client, library):
    form = blank_form(client, library)
    data = posted(form)

    first = client.post(FORM_URL, data)
    again = client.post(FORM_URL, data)  # a double tap, or a refresh of the POST

    assert first.status_code == again.status_code == 302
    assert BookingRequest.objects.count() == 1
    reference = BookingRequest.objects.get().reference
    assert reference in client.get(again["Location"]).content.decode()


def test_a_spent_key_with_other_details_keeps_them_and_offers_a_new_key(client, library):
    form = blank_form(client, library)
    client.post(FORM_URL, posted(form))

    # The same page restored from history, filled in for someone else.
    response = client.post(FORM_URL, posted(form, name="Another Person", contact="a@example.org"))

    assert response.status_code == 400
    assert BookingRequest.objects.count() == 1
    soup = soup_of(response)
    assert soup.find("input", attrs={"name": "name"})["value"] == "Another Person"
    new_key = soup.find(attrs={"name": "idempotency_key"})["value"]
    assert new_key != form.find(attrs={"name": "idempotency_key"})["value"]
    resent = client.post(
        FORM_URL,
        posted(
            soup.select_one("[data-booking-form] form"),
            name="Another Person",
            contact="a@example.org",
        ),
    )
    assert resent.status_code == 302
    assert BookingRequest.objects.count() == 2


def test_the_honeypot_rejects_a_bot(client, library):
    form = blank_form(client, library)

    response = client.post(FORM_URL, posted(form, website="http://spam.example"))

    assert response.status_code == 400
    assert not BookingRequest.objects.exists()
    assert (
        "could not be accepted" in soup_of(response).select_one("[data-error-summary]").get_text()
    )


def test_the_form_is_protected_against_cross_site_posts(library):
    response = Client(enforce_csrf_checks=True).post(
        FORM_URL, posted(BeautifulSoup("<form></form>", "html.parser"))
    )

    assert response.status_code == 403
    assert not BookingRequest.objects.exists()


def test_the_form_shares_the_api_throttle(client, library, monkeypatch):
    monkeypatch.setattr(BookingClientThrottle, "rate", "1/hour", raising=False)
    form = blank_form(client, library)
    assert client.post(FORM_URL, posted(form)).status_code == 302

    response = client.post(
        FORM_URL, posted(blank_form(client, library), contact="someone@example.org")
    )

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert (
        soup_of(response).find("input", attrs={"name": "contact"})["value"] == "someone@example.org"
    )
    assert BookingRequest.objects.count() == 1


def test_a_forged_receipt_address_is_not_found(client, library):
    assert client.get("/book/received/ABCDEF12/").status_code == 404


def test_getting_the_form_address_leads_to_the_booking_page(client, library):
    response = client.get(FORM_URL)

    assert response.status_code == 302
    assert response["Location"] == "/book/"


def test_a_form_call_to_action_on_an_article_links_to_the_booking_page(client, library):
    page = factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions,
            slug="lower-back-pain",
            call_to_action=factories.CallToActionFactory(
                heading="Ask for a session", action=CallToAction.Action.FORM
            ),
        )
    )

    cta = soup_of(client.get(page.url)).select_one(".cta")

    assert cta.h2.get_text(strip=True) == "Ask for a session"
    href = cta.find("a", class_="button")["href"]
    assert href.endswith(library.booking.url)
    assert client.get(library.booking.url).status_code == 200
