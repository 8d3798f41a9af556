"""Public pages are gzipped; anything holding a secret or personal data never is (BREACH).

Fast, no network: Django's test client through the whole middleware stack. The
budgets (``make budgets``) measure the effect; these pin down where it applies.
"""

import gzip
import json

import pytest

from django.core import signing
from django.core.cache import cache

from frontend.bookings import RECEIPT_SALT

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_public_article_is_gzipped(client, article):
    response = client.get(article.url, **GZIP)

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"Sciatica" in gzip.decompress(response.content)


def test_search_results_are_gzipped_because_they_hold_no_secret(client, article):
    response = client.get("/search/", {"q": "sciatica"}, **GZIP)

    assert response["Content-Encoding"] == "gzip"


def test_booking_form_with_a_csrf_token_is_not_compressed(client, library):
    response = client.get(library.booking.url, **GZIP)

    assert response.status_code == 200
    assert b"csrfmiddlewaretoken" in response.content
    assert "Content-Encoding" not in response


def test_signed_in_requests_are_not_compressed(client, article, django_user_model):
    client.force_login(django_user_model.objects.create_user("editor", password="x" * 20))

    response = client.get(article.url, **GZIP)

    assert "Content-Encoding" not in response


def test_never_cached_receipts_are_not_compressed(client, library):
    receipt = {"reference": "BK-TEST", "received_at": "2026-01-01T09:00:00+00:00"}
    token = signing.dumps(receipt, salt=RECEIPT_SALT)

    response = client.get(f"/book/received/{token}/", **GZIP)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Content-Encoding" not in response


def test_nothing_is_compressed_for_a_client_that_did_not_ask(client, article):
    response = client.get(article.url)

    assert "Content-Encoding" not in response
    assert b"Sciatica" in response.content


def test_the_api_is_left_alone(client, article):
    response = client.get("/api/v1/articles/", **GZIP)

    assert "Content-Encoding" not in response


def test_the_offline_search_index_is_gzipped_and_still_revalidates(client, article):
    """The one API answer compressed: the same document for everyone, no query, no secret."""
    response = client.get("/api/v1/search/index/", **GZIP)

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    index = json.loads(gzip.decompress(response.content))
    assert "Sciatica" in [doc["title"] for block in index["blocks"] for doc in block["docs"]]
    again = client.get("/api/v1/search/index/", HTTP_IF_NONE_MATCH=response["ETag"], **GZIP)
    assert again.status_code == 304
