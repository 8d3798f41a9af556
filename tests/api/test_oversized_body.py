from django.test import override_settings


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1_000)
def test_an_oversized_body_is_a_problem_details_400(client, db):
    response = client.post(
        "/api/v1/booking-requests/",
        data='{"name": "' + "x" * 5_000 + '"}',
        content_type="application/json",
        headers={"Idempotency-Key": "3f2a5c1e-1111-4a4a-8b8b-123456789abc"},
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 400
