"""HTTP behaviour every read shares: validators, 304s, caching headers, CORS, errors."""

import datetime

import pytest

from django.db.models import F
from django.utils.http import http_date

from api.models import ContentChange
from tests import factories

from .helpers import assert_problem, expire, published_article

CACHE_CONTROL = "public, no-cache, stale-if-error=86400"


@pytest.fixture
def endpoints(library, article, stretch, piriformis):
    """Every GET resource, with parameters where it needs them."""
    return [
        "/api/v1/",
        "/api/v1/articles/",
        "/api/v1/articles/?section=conditions&limit=5",
        f"/api/v1/articles/{article.id}/",
        "/api/v1/stretches/",
        "/api/v1/stretches/?difficulty=gentle",
        f"/api/v1/stretches/{stretch.id}/",
        "/api/v1/muscles/",
        "/api/v1/regions/",
        "/api/v1/sections/",
        "/api/v1/clinic/",
        "/api/v1/search/?q=sciatica",
        "/api/v1/changes/?since=0",
    ]


def test_every_get_carries_etag_last_modified_and_cache_control(client, endpoints):
    for path in endpoints:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/json"
        assert response["ETag"].startswith('"') and response["ETag"].endswith('"'), path
        assert response["Last-Modified"], path
        assert response["Cache-Control"] == CACHE_CONTROL, path


def test_if_none_match_with_the_current_etag_is_a_304_on_every_resource(client, endpoints):
    for path in endpoints:
        etag = client.get(path)["ETag"]
        response = client.get(path, headers={"If-None-Match": etag})
        assert response.status_code == 304, path
        assert response.content == b""
        assert response["ETag"] == etag
        assert response["Cache-Control"] == CACHE_CONTROL


def test_if_modified_since_the_last_change_is_a_304(client, article):
    last_modified = client.get("/api/v1/articles/")["Last-Modified"]

    response = client.get("/api/v1/articles/", headers={"If-Modified-Since": last_modified})

    assert response.status_code == 304
    assert response["Last-Modified"] == last_modified


def test_if_modified_since_before_the_last_change_is_a_200(client, article):
    earlier = http_date((article.last_published_at - datetime.timedelta(hours=1)).timestamp())

    response = client.get("/api/v1/articles/", headers={"If-Modified-Since": earlier})

    assert response.status_code == 200


def test_a_weak_or_listed_etag_also_matches(client, article):
    etag = client.get("/api/v1/articles/")["ETag"]

    listed = client.get("/api/v1/articles/", headers={"If-None-Match": f'"other", W/{etag}'})

    assert listed.status_code == 304


def test_an_old_etag_after_a_publish_gets_the_new_content(client, library, article):
    etag = client.get("/api/v1/articles/")["ETag"]
    published_article(library.causes, title="Fresh")

    response = client.get("/api/v1/articles/", headers={"If-None-Match": etag})

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert response.json()["count"] == 2


def test_last_modified_moves_on_when_a_page_expires(client, article):
    ContentChange.objects.update(occurred_at=F("occurred_at") - datetime.timedelta(hours=1))
    before = client.get("/api/v1/articles/")["Last-Modified"]

    expire(article, ago=datetime.timedelta(seconds=0))

    response = client.get("/api/v1/articles/", headers={"If-Modified-Since": before})
    assert response.status_code == 200
    assert response.json()["count"] == 0


def test_different_answers_have_different_etags(client, article, stretch):
    etags = {
        client.get(path)["ETag"]
        for path in ("/api/v1/articles/", "/api/v1/articles/?section=causes", "/api/v1/stretches/")
    }

    assert len(etags) == 3


def test_every_host_gets_the_configured_sites_absolute_urls(client, article):
    first = client.get("/api/v1/articles/", headers={"Host": "testserver"})
    second = client.get("/api/v1/articles/", headers={"Host": "127.0.0.1"})

    assert first.json()["results"][0]["url"] == "http://testserver/conditions/sciatica/"
    assert second.json() == first.json(), "SITE_URL, not the Host header, makes the URLs"
    assert first["ETag"] == second["ETag"]


@pytest.mark.parametrize("path", ["/api/v1/articles/", "/api/v1/articles/?limit=5", "detail"])
def test_a_kept_answer_costs_no_query(client, article, django_assert_num_queries, path):
    path = f"/api/v1/articles/{article.id}/" if path == "detail" else path
    client.get(path)

    with django_assert_num_queries(0):  # the content version comes from the shared cache
        response = client.get(path)

    assert response.status_code == 200


def test_a_304_costs_no_query(client, article, django_assert_num_queries):
    etag = client.get("/api/v1/articles/")["ETag"]

    with django_assert_num_queries(0):
        assert client.get("/api/v1/articles/", headers={"If-None-Match": etag}).status_code == 304


def test_head_answers_like_get_without_a_body(client, article):
    get = client.get("/api/v1/articles/")
    head = client.head("/api/v1/articles/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]
    assert head["Content-Length"] == str(len(get.content))


def test_cors_lets_any_origin_read_without_credentials(client, article):
    response = client.get("/api/v1/articles/", headers={"Origin": "https://partner.example"})

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    exposed = {h.strip().lower() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "last-modified", "retry-after"} <= exposed


def test_cors_preflight_allows_get_with_the_conditional_and_key_headers(client, db):
    response = client.options(
        "/api/v1/articles/",
        headers={
            "Origin": "https://partner.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization, if-none-match",
        },
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert "GET" in methods and not methods & {"POST", "PUT", "PATCH", "DELETE"}
    headers = {h.strip().lower() for h in response["Access-Control-Allow-Headers"].split(",")}
    assert {"authorization", "if-none-match", "if-modified-since"} <= headers
    assert "Access-Control-Allow-Credentials" not in response


def test_cors_is_not_offered_outside_the_api(client, library):
    response = client.get("/", headers={"Origin": "https://partner.example"})

    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "path", ["/api/v1/", "/api/v1/articles/", "/api/v1/changes/", "/api/v1/clinic/"]
)
def test_writes_are_a_405_problem_naming_the_allowed_methods(client, db, method, path):
    response = getattr(client, method)(path, data={}, content_type="application/json")

    assert_problem(response, 405)
    assert set(response["Allow"].replace(" ", "").split(",")) == {"GET", "HEAD", "OPTIONS"}


def test_a_write_to_a_detail_is_a_405_problem(client, article):
    assert_problem(client.delete(f"/api/v1/articles/{article.id}/"), 405)


def test_an_unknown_api_address_is_a_404_problem(client, db):
    assert_problem(client.get("/api/v1/nothing-here/"), 404)
    assert_problem(client.get("/api/v1/articles"), 404)
    assert_problem(client.get("/api/v2/pages/"), 404)


def test_asking_for_anything_but_json_is_a_406_problem_in_json(client, article):
    response = client.get("/api/v1/articles/", headers={"Accept": "application/xml"})

    assert_problem(response, 406)


def test_errors_from_the_schema_view_are_json_problems_too(client, db):
    assert_problem(client.post("/api/v1/schema/"), 405)


def test_problem_details_for_a_400_list_every_invalid_parameter(client, article):
    body = assert_problem(
        client.get("/api/v1/articles/", {"limit": "x", "colour": "blue"}), 400, invalid="colour"
    )

    assert "colour" in body["detail"]


def test_a_400_carries_no_cache_validators(client, article):
    response = client.get("/api/v1/articles/", {"limit": "x"})

    assert "ETag" not in response
    assert response.get("Cache-Control") != CACHE_CONTROL


def test_the_feed_cursor_is_cacheable_like_any_read(client, library):
    factories.publish(library.causes)
    etag = client.get("/api/v1/changes/")["ETag"]

    assert client.get("/api/v1/changes/", headers={"If-None-Match": etag}).status_code == 304
