"""Anonymous reads are throttled per client; a valid API key lifts the limit.

The anonymous rate is lowered to three a minute here so the limit is reached
in a few requests; the mechanism is the one production runs.
"""

import datetime
from collections import OrderedDict

import pytest
import time_machine

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import APIToken

from api.throttling import AnonymousReadThrottle

from .helpers import assert_problem

RATE = 3


@pytest.fixture(autouse=True)
def low_rate(monkeypatch):
    """Three a minute, counted from early in a minute: no test runs into the next window."""
    monkeypatch.setattr(AnonymousReadThrottle, "rate", f"{RATE}/min", raising=False)
    start = datetime.datetime(2026, 12, 1, 12, 0, 5, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=True):
        yield


def _bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def test_anonymous_reads_beyond_the_rate_are_a_429_problem_with_retry_after(client, article):
    for _ in range(RATE):
        assert client.get("/api/v1/articles/").status_code == 200

    response = client.get("/api/v1/articles/")

    assert_problem(response, 429)
    assert 0 < int(response["Retry-After"]) <= 60


def test_the_limit_covers_every_resource_and_conditional_requests(client, article):
    etag = client.get("/api/v1/articles/")["ETag"]
    client.get("/api/v1/clinic/")
    assert client.get("/api/v1/articles/", headers={"If-None-Match": etag}).status_code == 304

    assert_problem(client.get(f"/api/v1/articles/{article.id}/"), 429)


def test_each_client_address_has_its_own_allowance(client, article):
    for _ in range(RATE):
        client.get("/api/v1/articles/", REMOTE_ADDR="192.0.2.1")
    assert_problem(client.get("/api/v1/articles/", REMOTE_ADDR="192.0.2.1"), 429)

    assert client.get("/api/v1/articles/", REMOTE_ADDR="192.0.2.2").status_code == 200


def test_a_forged_forwarded_for_header_does_not_reset_the_allowance(client, article):
    for n in range(RATE):
        client.get("/api/v1/articles/", headers={"X-Forwarded-For": f"198.51.100.{n}"})

    response = client.get("/api/v1/articles/", headers={"X-Forwarded-For": "198.51.100.99"})

    assert_problem(response, 429)


def test_a_valid_api_key_lifts_the_limit(client, article, api_key):
    for _ in range(RATE * 3):
        response = client.get("/api/v1/articles/", headers=_bearer(api_key))
        assert response.status_code == 200


def test_a_valid_key_reads_the_same_content_as_anyone(client, article, api_key):
    anonymous = client.get(f"/api/v1/articles/{article.id}/")
    keyed = client.get(f"/api/v1/articles/{article.id}/", headers=_bearer(api_key))

    assert keyed.content == anonymous.content
    assert keyed["ETag"] == anonymous["ETag"]


def test_a_revoked_key_is_a_401_problem(client, article, partner):
    token, key = APIToken.create_token(user=partner, name="Old app")
    token.revoke()

    response = client.get("/api/v1/articles/", headers=_bearer(key))

    assert_problem(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_an_unknown_well_formed_key_is_a_401_problem(client, article):
    key = APIToken.generate_token()

    assert_problem(client.get("/api/v1/articles/", headers=_bearer(key)), 401)


@pytest.mark.parametrize(
    "authorization",
    ["Bearer not-a-key", "Bearer", "Bearer two parts", "bearer wagtail_short"],
)
def test_a_malformed_bearer_header_is_a_401_problem(client, article, authorization):
    response = client.get("/api/v1/articles/", headers={"Authorization": authorization})

    assert_problem(response, 401)


def test_a_key_of_a_deactivated_user_is_a_401_problem(client, article, partner, api_key):
    partner.is_active = False
    partner.save()

    assert_problem(client.get("/api/v1/articles/", headers=_bearer(api_key)), 401)


def test_a_bad_key_is_refused_even_for_a_cached_or_unchanged_resource(client, article):
    etag = client.get("/api/v1/articles/")["ETag"]
    headers = {"If-None-Match": etag, **_bearer(APIToken.generate_token())}

    assert_problem(client.get("/api/v1/articles/", headers=headers), 401)


def test_other_authorization_schemes_read_anonymously(client, article):
    response = client.get("/api/v1/articles/", headers={"Authorization": "Basic dXNlcjpwYXNz"})

    assert response.status_code == 200


def test_a_key_records_when_it_was_last_used_at_most_once_a_minute(client, article, api_key):
    """Finding: ``last_used_at`` never moved, so the admin's "last used" column stayed blank."""
    start = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client.get("/api/v1/articles/", headers=_bearer(api_key))
        assert APIToken.objects.get().last_used_at == start
        with CaptureQueriesContext(connection) as queries:
            client.get("/api/v1/articles/", headers=_bearer(api_key))
        assert not [q for q in queries if q["sql"].upper().startswith("UPDATE")]
    later = start + datetime.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        client.get("/api/v1/articles/", headers=_bearer(api_key))
    assert APIToken.objects.get().last_used_at == later


def _reads_allowed(throttle, requests: int, *, processes: int = 1) -> int:
    """Reads one client gets through, its requests spread in turn over ``processes``."""
    leases = [OrderedDict() for _ in range(processes)]
    allowed = 0
    for n in range(requests):
        AnonymousReadThrottle._leases = leases[n % processes]  # each process holds its own
        allowed += throttle.allow_key("throttle_anonymous_read_192.0.2.9")
    return allowed


@pytest.mark.parametrize("processes", [1, 2, 5])
def test_leased_allowances_never_let_a_client_past_the_rate_across_processes(
    monkeypatch, processes
):
    monkeypatch.setattr(AnonymousReadThrottle, "rate", "300/min", raising=False)
    monkeypatch.setattr(AnonymousReadThrottle, "_leases", OrderedDict())
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, 0, 5), tick=False):
        allowed = _reads_allowed(AnonymousReadThrottle(), 1000, processes=processes)

    assert 300 - 6 * processes <= allowed <= 300, "a lease left unused loses at most itself"


def test_a_kept_read_asks_the_shared_counter_once_per_lease(monkeypatch):
    monkeypatch.setattr(AnonymousReadThrottle, "rate", "5000/min", raising=False)
    monkeypatch.setattr(AnonymousReadThrottle, "_leases", OrderedDict())
    asked = []
    original = AnonymousReadThrottle._count
    monkeypatch.setattr(
        AnonymousReadThrottle,
        "_count",
        lambda self, counter, amount: asked.append(amount) or original(self, counter, amount),
    )
    with time_machine.travel(datetime.datetime(2026, 12, 1, 12, 0, 5), tick=False):
        assert _reads_allowed(AnonymousReadThrottle(), 250) == 250

    assert asked == [100, 100, 100], "one round trip per 100 reads, not one per read"
