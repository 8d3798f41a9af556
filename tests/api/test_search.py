"""``/api/v1/search/?q=``: full text over published articles and stretch guides."""

import pytest

from .helpers import assert_problem, published_article, published_stretch, result_ids

RESULT_FIELDS = {"id", "type", "title", "summary", "url"}


@pytest.fixture
def searchable(library):
    body = [{"type": "heading", "value": "Overview"}]
    return {
        "sciatica": published_article(
            library.conditions, title="Sciatica", summary="Pain down one leg.", body=body
        ),
        "disc": published_article(
            library.causes, title="Slipped discs", summary="A disc bulges onto a nerve.", body=body
        ),
        "stretch": published_stretch(
            library.stretches, title="Knee hug", summary="Hug both knees to ease sciatica."
        ),
    }


def test_search_finds_articles_and_stretches_by_their_words(client, searchable):
    response = client.get("/api/v1/search/", {"q": "sciatica"})

    assert set(result_ids(response)) == {searchable["sciatica"].id, searchable["stretch"].id}
    assert {r["type"] for r in response.json()["results"]} == {"article", "stretch"}


def test_search_results_are_short_links_with_absolute_urls(client, searchable):
    body = client.get("/api/v1/search/", {"q": "discs"}).json()

    assert body["count"] == 1
    assert body["results"] == [
        {
            "id": searchable["disc"].id,
            "type": "article",
            "title": "Slipped discs",
            "summary": "A disc bulges onto a nerve.",
            "url": "http://testserver/causes/slipped-discs/",
        }
    ]
    assert set(body["results"][0]) == RESULT_FIELDS


def test_search_is_paginated(client, searchable):
    first = client.get("/api/v1/search/", {"q": "sciatica", "limit": 1}).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 2
    assert len(first["results"]) == len(second["results"]) == 1
    assert first["results"][0]["id"] != second["results"][0]["id"]
    assert second["next"] is None


def test_search_matching_nothing_is_an_empty_page(client, searchable):
    body = client.get("/api/v1/search/", {"q": "xylophone"}).json()

    assert body == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.parametrize("q", ['"', '"sciatica', "sciatica'", "AND", "NEAR(", "*", "\\", "a\x00b"])
def test_search_operators_and_stray_quotes_are_just_text(client, searchable, q):
    assert client.get("/api/v1/search/", {"q": q}).status_code == 200


def test_search_for_only_spaces_finds_nothing(client, searchable):
    assert result_ids(client.get("/api/v1/search/", {"q": "   "})) == []


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 201}])
def test_search_needs_one_to_two_hundred_characters(client, searchable, params):
    assert_problem(client.get("/api/v1/search/", params), 400, invalid="q")


def test_search_takes_exactly_two_hundred_characters(client, searchable):
    assert client.get("/api/v1/search/", {"q": "sciatica " * 22 + "xx"}).status_code == 200


@pytest.mark.parametrize(
    ("params", "invalid"),
    [({"q": "x", "limit": "0"}, "limit"), ({"q": "x", "type": "article"}, "type")],
)
def test_search_rejects_bad_paging_and_unknown_parameters(client, searchable, params, invalid):
    assert_problem(client.get("/api/v1/search/", params), 400, invalid=invalid)
