"""With the database gone, pages already served stay readable, the API says 503, and both recover.

The database is made unreachable in-process: every new cursor raises
``OperationalError``, as Django does when PostgreSQL refuses connections. A kept
copy that is still fresh needs no database at all; one made cold by a change
(``versions.bump``) stands in, marked stale, because the new answer cannot be made.
"""

from contextlib import contextmanager
from unittest import mock

import pytest

from django.db import OperationalError, connections

from cms.delivery import versions


@contextmanager
def database_down():
    with mock.patch.object(
        connections["default"],
        "ensure_connection",
        side_effect=OperationalError('connection to server at "db" failed: Connection refused'),
    ):
        yield


@pytest.mark.django_db
def test_a_kept_page_is_served_as_usual_while_the_database_is_down(client, article):
    url = article.get_url()
    fresh = client.get(url)

    with database_down():
        kept = client.get(url)

    assert kept.status_code == 200
    assert kept.content == fresh.content
    assert kept["ETag"] == fresh["ETag"]
    assert not kept.has_header("X-Served-Stale")


@pytest.mark.django_db
def test_a_page_served_once_is_served_stale_while_the_database_is_down(client, article):
    url = article.get_url()
    fresh = client.get(url)
    assert fresh.status_code == 200
    versions.bump([versions.page_tag(article.id)])  # changed: cold, and cannot be made again

    with database_down():
        stale = client.get(url)

    assert stale.status_code == 200
    assert stale.content == fresh.content
    assert stale["X-Served-Stale"] == "database-unavailable"
    assert stale["Warning"].startswith("110")
    assert stale["Cache-Control"] == "no-store"
    assert "script-src 'self'" in stale["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_site_recovers_by_itself_when_the_database_returns(client, article):
    url = article.get_url()
    client.get(url)
    versions.bump([versions.page_tag(article.id)])
    with database_down():
        assert client.get(url).has_header("X-Served-Stale")
    recovered = client.get(url)
    assert recovered.status_code == 200
    assert not recovered.has_header("X-Served-Stale")
    assert client.get("/api/v1/articles/").status_code == 200


@pytest.mark.django_db
def test_a_page_never_served_is_a_short_503_without_a_trace(client, article):
    with database_down():
        response = client.get(article.get_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Traceback" not in body and "Connection refused" not in body


@pytest.mark.django_db
def test_no_copy_is_kept_for_a_query_string_so_junk_ones_cannot_fill_the_cache(client, article):
    url = article.get_url() + "?utm_source=x"
    assert client.get(url).status_code == 200

    with database_down():
        assert client.get(url).status_code == 503


@pytest.mark.django_db
def test_signed_in_readers_never_get_a_kept_copy(client, article, django_user_model):
    url = article.get_url()
    client.get(url)
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    with database_down():
        response = client.get(url)
    assert response.status_code == 503


@pytest.mark.django_db
def test_pages_from_signed_in_sessions_are_not_kept(client, article, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    url = article.get_url()
    client.get(url)
    client.logout()
    with database_down():
        assert client.get(url).status_code == 503


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/changes/", "/api/v1/search/?q=back"])
def test_the_api_answers_503_problem_details_with_retry_after(client, article, url):
    with database_down():
        response = client.get(url)
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
    problem = response.json()
    assert problem["status"] == 503
    assert set(problem) == {"type", "title", "status", "detail"}
    assert "refused" not in response.content.decode()


@pytest.mark.django_db
def test_a_cold_api_answer_stands_in_while_the_database_is_down(client, article):
    kept = client.get("/api/v1/articles/")
    versions.bump()

    with database_down():
        response = client.get("/api/v1/articles/")

    assert response.status_code == 200
    assert response.content == kept.content
    assert response["X-Served-Stale"] == "database-unavailable"
    assert response["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_a_booking_request_is_a_503_while_the_database_is_down(client, library):
    with database_down():
        response = client.post(
            "/api/v1/booking-requests/",
            {
                "name": "A Reader",
                "contact_method": "phone",
                "contact": "07700 900123",
                "preferred_times": "Weekday mornings",
            },
            content_type="application/json",
            headers={"Idempotency-Key": "6f1c1f5e-3a52-4a8e-9d8e-4c0f1d9b7a10"},
        )
    # A valid body: only the missing database can refuse it.
    assert response.status_code == 503, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "30"
