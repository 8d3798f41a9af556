"""POST /api/v1/booking-requests/: stored once per Idempotency-Key, answered with a receipt."""

import uuid

import pytest

from cms.models import BookingRequest

URL = "/api/v1/booking-requests/"
REQUEST = {
    "name": "Zephyrine Quillfeather",
    "contact_method": "phone",
    "contact": "07700 900123",
    "preferred_times": "Weekday mornings",
    "service": "sports",
}


def send(client, data, key):
    return client.post(
        URL, data, content_type="application/json", headers={"Idempotency-Key": str(key)}
    )


@pytest.mark.django_db
def test_a_retry_with_the_same_key_gets_the_same_receipt_and_stores_nothing_new(client, library):
    key = uuid.uuid4()

    first = send(client, REQUEST, key)
    retry = send(client, REQUEST, key)

    assert (first.status_code, retry.status_code) == (201, 200)
    assert first.json() == retry.json()
    assert set(first.json()) == {"reference", "status", "received_at"}
    assert BookingRequest.objects.count() == 1


@pytest.mark.django_db
def test_a_key_reused_for_other_details_is_refused_not_answered_with_the_old_receipt(
    client, library
):
    key = uuid.uuid4()
    send(client, REQUEST, key)

    response = send(client, {**REQUEST, "name": "Someone Else"}, key)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert "Idempotency-Key" in response.json()["errors"]
    assert BookingRequest.objects.count() == 1


@pytest.mark.django_db
def test_invalid_fields_are_each_explained(client, library):
    response = send(client, {**REQUEST, "contact_method": "email", "name": ""}, uuid.uuid4())

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"name", "contact"}
    assert not BookingRequest.objects.exists()
