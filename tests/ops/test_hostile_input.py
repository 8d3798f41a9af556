"""Hostile or careless input gets a 4xx, never a 500, and leaves no personal data behind.

NUL bytes matter on PostgreSQL, which refuses them in text where SQLite stores
them: CI runs this module on both.
"""

import json
import logging
import uuid

import pytest

from api.throttling import BookingClientThrottle
from cms.models import BookingRequest

BOOKINGS = "/api/v1/booking-requests/"
DISTINCTIVE_NAME = "Zephyrine Quillfeather-Okonkwo"


def booking(**overrides) -> dict:
    return {
        "name": DISTINCTIVE_NAME,
        "contact_method": "email",
        "contact": "zephyrine@example.org",
        "preferred_times": "Weekday mornings",
        "service": "sports",
        **overrides,
    }


def post_booking(client, data, key=None, **extra):
    return client.post(
        BOOKINGS,
        data,
        content_type="application/json",
        headers={"Idempotency-Key": str(key or uuid.uuid4())},
        **extra,
    )


LIST_PARAMS = ["section", "muscle", "region", "updated_since", "ordering", "limit", "offset"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/stretches/"])
@pytest.mark.parametrize("param", LIST_PARAMS)
def test_nul_bytes_in_api_list_parameters_are_a_400(client, article, stretch, url, param):
    response = client.get(url, {param: "sciatica\x00"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/changes/?since=1%00",
        "/api/v1/stretches/?difficulty=easy%00",
        "/api/v1/articles/?section%00=conditions",
    ],
)
def test_nul_bytes_elsewhere_in_the_api_are_a_400(client, article, url):
    assert client.get(url).status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/api/v1/search/?q=sciatica%00", "/search/?q=sciatica%00", "/?q=%00", "/conditions/%00/"],
)
def test_nul_bytes_in_search_words_and_page_urls_are_no_server_error(client, article, url):
    """Searches may drop the NUL and search for the rest; they must never reach the database."""
    assert client.get(url).status_code in (200, 400, 404)


@pytest.mark.django_db
def test_nul_bytes_in_a_booking_are_a_400_and_store_nothing(client, library):
    response = post_booking(client, booking(name="Zeph\x00yrine"))
    assert response.status_code == 400
    assert not BookingRequest.objects.exists()


@pytest.mark.django_db
def test_a_booking_answer_is_never_stored_by_a_cache(client, library):
    response = post_booking(client, booking())
    assert response.status_code == 201
    assert response["Cache-Control"] == "no-store"
    assert DISTINCTIVE_NAME not in response.content.decode()


@pytest.mark.django_db
def test_the_honeypot_field_rejects_a_bot(client, library):
    response = post_booking(client, booking(website="http://spam.example"))
    assert response.status_code == 400
    assert not BookingRequest.objects.exists()


@pytest.mark.django_db
def test_unknown_booking_fields_are_ignored(client, library):
    response = post_booking(
        client, booking(status="closed", reference="HACKED", received_at="2001-01-01T00:00Z")
    )
    assert response.status_code == 201
    stored = BookingRequest.objects.get()
    assert stored.status == BookingRequest.Status.NEW
    assert stored.reference != "HACKED"
    assert stored.received_at.year > 2001


@pytest.mark.django_db
def test_booking_requests_are_throttled_per_client_with_retry_after(client, library, monkeypatch):
    monkeypatch.setattr(BookingClientThrottle, "rate", "2/hour", raising=False)
    for number in range(2):
        response = post_booking(client, booking(contact=f"person{number}@example.org"))
        assert response.status_code == 201
    response = post_booking(client, booking(contact="someone.else@example.org"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"] == "application/problem+json"
    assert BookingRequest.objects.count() == 2


@pytest.mark.django_db
def test_booking_requests_are_throttled_per_contact_whatever_the_address(client, library):
    addresses = [f"198.51.100.{n}" for n in range(1, 8)]
    answers = [
        post_booking(client, booking(contact="Same.Person@example.org "), REMOTE_ADDR=address)
        for address in addresses
    ]
    statuses = [answer.status_code for answer in answers]
    assert statuses[:5] == [201] * 5  # BOOKING_CONTACT_RATE: 5/day
    assert statuses[5:] == [429, 429]
    assert int(answers[-1]["Retry-After"]) > 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_personal_data_reaches_any_log_record(client, library, caplog, settings):
    """Even at DEBUG, and even when the clinic's e-mail fails and is logged."""
    settings.EMAIL_BACKEND = "tests.ops.fakes.BrokenEmailBackend"
    caplog.set_level(logging.DEBUG)
    assert (
        post_booking(client, booking(note="Sore since my fall", note_consent=True)).status_code
        == 201
    )
    assert post_booking(client, booking(contact="not an address")).status_code == 400
    assert caplog.records, "expected at least the failed e-mail to be logged"
    for record in caplog.records:
        text = record.getMessage() + (caplog.text if record.exc_info else "")
        for secret in (DISTINCTIVE_NAME, "zephyrine@example.org", "Sore since my fall"):
            assert secret not in text, f"{secret!r} logged by {record.name}"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_booking_answered_201_is_stored_even_if_the_email_fails(client, library, settings):
    settings.EMAIL_BACKEND = "tests.ops.fakes.BrokenEmailBackend"
    response = post_booking(client, booking())
    assert response.status_code == 201
    assert BookingRequest.objects.get().reference == response.json()["reference"]


@pytest.mark.django_db
def test_an_oversized_request_body_is_a_400(client, library):
    response = post_booking(client, booking(note="x" * 3_000_000, note_consent=True))
    assert response.status_code == 400
    assert not BookingRequest.objects.exists()


# A corpus of hostile bodies and parameters: each must be answered, and never with a 5xx.
DEEP = "[" * 50_000 + "]" * 50_000
HOSTILE_BODIES = [
    *(
        f'{{"{name}": "\\ud800"}}'
        for name in ("name", "contact", "preferred_times", "service", "note", "website")
    ),
    '{"contact_method": "email", "contact": "\\udfff@example.org"}',
    '{"\\ud800": 1}',
    DEEP,
    '{"name": ' * 20_000 + "1" + "}" * 20_000,
    '{"name": ' + "[" * 40 + "]" * 40 + "}",
    '{"note_consent": ' + "9" * 5000 + "}",
    '{"note_consent": 1e400}',
    '{"name": -1e999}',
    '{"contact": ' + "1" * 4301 + "}",
    '{"name": NaN}',
    '{"name": Infinity}',
    '{"service": 18446744073709551616}',
    '{"preferred_times": 1.7976931348623157e309}',
    "",
    "null",
    "[]",
    "true",
    '"a string"',
    "{",
    '{"name": "x",}',
    "\x00",
    '{"name": "\\u0000"}',
    '{"name": "a\x00b"}',
    "\xff\xfe",
    '{"name": "' + "x" * 100_000 + '"}',
    '{"contact_method": ["email"]}',
    '{"contact_method": {"a": 1}}',
    '{"contact": {"$gt": ""}}',
    '{"contact": ["a@example.org", "b@example.org"]}',
    '{"note_consent": "maybe"}',
    '{"note": "x", "note_consent": []}',
    '{"service": null}',
    '{"name": null, "contact": null}',
    '{"name": "<script>alert(1)</script>"}',
    '{"name": "\' OR 1=1 --"}',
    '{"contact_method": "phone", "contact": "+' + "9" * 300 + '"}',
    '{"contact_method": "phone", "contact": "07700\\u0660900123"}',
    '{"contact_method": "email", "contact": "\\"a\\"@example.org"}',
    '{"contact_method": "email", "contact": "a@' + "b" * 300 + '.org"}',
    '{"name": "\\u202e\\u0000"}',
    '{"name": "\\uffff\\ufffe"}',
    '{"name": "\\ud83d\\ude00"}',
    '{"__proto__": {"admin": true}}',
    '{"name": 1, "name": 2}',
    '{"' + "k" * 10_000 + '": 1}',
    "[" + ",".join(["{}"] * 10_000) + "]",
    '{"a":' * 33 + "1" + "}" * 33,
]


@pytest.mark.django_db
@pytest.mark.parametrize("body", HOSTILE_BODIES, ids=range(len(HOSTILE_BODIES)))
def test_hostile_booking_bodies_are_a_4xx_never_a_5xx(client, library, body):
    fields = booking()
    try:
        # Where the hostile part is one field, keep the rest of a valid booking around it.
        parsed = json.loads(body)
        if isinstance(parsed, dict):
            body = json.dumps({**fields, **parsed}, ensure_ascii=True)
    except (ValueError, RecursionError):
        pass
    response = client.post(
        BOOKINGS,
        body.encode("utf-8", "surrogatepass"),
        content_type="application/json",
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert response.status_code < 500, response.content[:300]


def test_the_hostile_corpus_is_big_enough():
    assert len(HOSTILE_BODIES) >= 50


# Already percent-encoded, as they arrive on the wire: a lone surrogate's UTF-8
# bytes (%ED%A0%80), invalid UTF-8, NUL, huge numbers, deep brackets, nothing.
HOSTILE_VALUES = [
    "%ED%A0%80",
    "%FF%FE",
    "%C0%AF",
    "9" * 5000,
    "1e400",
    "-1",
    "18446744073709551616",
    "%5B" * 5000,
    "%00",
    "",
]
API_PARAMETERS = {
    "/api/v1/articles/": LIST_PARAMS,
    "/api/v1/stretches/": [*LIST_PARAMS, "difficulty"],
    "/api/v1/search/": ["q", "limit", "offset"],
    "/api/v1/changes/": ["since", "limit"],
    "/api/v1/muscles/": ["format"],
    "/api/v1/regions/": ["page"],
    "/api/v1/sections/": ["x"],
    "/api/v1/clinic/": ["x"],
    "/api/v1/": ["x"],
    "/api/v1/articles/1/": ["x"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("url", API_PARAMETERS)
def test_hostile_query_parameters_on_every_endpoint_are_never_a_5xx(client, article, url):
    for param in API_PARAMETERS[url]:
        for value in HOSTILE_VALUES:
            response = client.get(f"{url}?{param}={value}")
            assert response.status_code < 500, (param, value, response.content[:300])


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["%ED%A0%80", "%FF", "9" * 5000, "%5B" * 5000, "%00"])
def test_hostile_values_in_the_html_booking_form_are_a_400(client, library, value):
    fields = {**booking(), "idempotency_key": str(uuid.uuid4())}
    body = "&".join(f"{name}={value if name == 'name' else fields[name]}" for name in fields)
    response = client.post("/book/request/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (302, 400), response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize(
    "variant",
    ["07700-900888", "+447700900888", "07700 900 888", "+44 (0)7700 900888"],
)
def test_the_contact_limit_counts_one_phone_number_however_it_is_written(client, library, variant):
    for n in range(5):
        address = f"198.51.100.{n + 1}"
        assert (
            post_booking(
                client, booking(contact_method="phone", contact="07700900888"), REMOTE_ADDR=address
            ).status_code
            == 201
        )
    response = post_booking(
        client, booking(contact_method="phone", contact=variant), REMOTE_ADDR="198.51.100.99"
    )
    assert response.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize(
    "variant", ["victim+1@example.org", "VICTIM@Example.org", '"victim"@example.org']
)
def test_the_contact_limit_counts_one_mailbox_however_it_is_written(client, library, variant):
    for n in range(5):
        response = post_booking(
            client, booking(contact=f"victim+{n}@example.org"), REMOTE_ADDR=f"198.51.100.{n + 1}"
        )
        assert response.status_code == 201
    response = post_booking(client, booking(contact=variant), REMOTE_ADDR="198.51.100.99")
    assert response.status_code == 429


@pytest.mark.django_db
def test_the_stored_booking_keeps_the_contact_as_typed(client, library):
    assert post_booking(client, booking(contact="Victim+Clinic@Example.org")).status_code == 201
    assert BookingRequest.objects.get().contact == "Victim+Clinic@Example.org"
