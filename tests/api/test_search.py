"""``/api/v1/search/?q=``: full text over published articles and stretch guides."""

import itertools
import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.fields import StreamField

from api import selectors
from api.search import store
from api.search.index import _stored_block_text
from cms.models import SearchSynonym
from tests import factories

from .helpers import (
    assert_problem,
    draft_article,
    published_article,
    published_stretch,
    result_ids,
)


def offline_docs(document: dict) -> list[dict]:
    return [doc for block in document["blocks"] for doc in block["docs"]]


def ids(block: dict) -> set[int]:
    return {doc["id"] for doc in block["docs"]}


RESULT_FIELDS = {"id", "type", "title", "summary", "url", "image", "difficulty", "reading_minutes"}
RESULT_FIELDS |= {"total_seconds", "regions"}


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


def test_search_results_are_cards_with_absolute_urls(client, searchable):
    body = client.get("/api/v1/search/", {"q": "discs"}).json()

    assert body["count"] == 1
    assert body["results"] == [
        {
            "id": searchable["disc"].id,
            "type": "article",
            "title": "Slipped discs",
            "summary": "A disc bulges onto a nerve.",
            "url": "http://testserver/causes/slipped-discs/",
            "image": None,
            "difficulty": None,
            "reading_minutes": 1,
            "total_seconds": None,
            "regions": [],
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

    assert body == {"count": 0, "next": None, "previous": None, "results": [], "suggestion": ""}


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


def test_a_misspelt_word_still_finds_and_suggests_the_right_one(client, searchable):
    body = client.get("/api/v1/search/", {"q": "sciatca"}).json()

    assert body["suggestion"] == "sciatica"
    assert body["results"][0]["id"] == searchable["sciatica"].id


def test_an_unfinished_word_is_completed(client, searchable):
    assert result_ids(client.get("/api/v1/search/", {"q": "sciat"}))[0] == searchable["sciatica"].id


def test_the_page_about_it_outranks_a_passing_mention(client, library):
    mention = published_article(
        library.conditions,
        title="Piriformis syndrome",
        summary="A buttock muscle that may press on the sciatic nerve.",
        body=[{"type": "text", "value": "<p>Some call it sciatica.</p>"}],
    )
    about = published_article(
        library.conditions, title="Sciatica", summary="Pain down one leg.", body=[]
    )

    assert result_ids(client.get("/api/v1/search/", {"q": "sciatica"})) == [about.id, mention.id]


def test_a_readers_phrase_finds_the_librarys_term(client, searchable):
    # "pain down my leg" -> sciatica and "slipped disc" -> herniated disc ship as synonyms.
    ids = result_ids(client.get("/api/v1/search/", {"q": "pain down my leggg"}))

    assert ids[0] == searchable["sciatica"].id


def test_an_edited_synonym_changes_answers_and_the_etag(client, searchable):
    first = client.get("/api/v1/search/", {"q": "wobbly"})
    assert result_ids(first) == []

    SearchSynonym.objects.create(phrase="wobbly", terms="slipped discs")
    second = client.get("/api/v1/search/", {"q": "wobbly"}, HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert result_ids(second) == [searchable["disc"].id]


def test_the_offline_index_is_served_with_an_etag_and_revalidates(client, searchable):
    response = client.get("/api/v1/search/index/")
    body = response.json()

    assert response.status_code == 200
    assert {doc["id"] for doc in offline_docs(body)} == {page.id for page in searchable.values()}
    assert any("sciatica" in block["terms"] for block in body["blocks"])
    assert ["pain", "leg"] in [phrase for phrase, _ in body["synonyms"]]
    again = client.get("/api/v1/search/index/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_offline_index_gives_each_posting_as_the_gap_from_the_one_before(client, library):
    """Document positions grow with the library; gaps stay small (from format 2), which
    keeps a large library's index about half the size."""
    for n in range(5):
        published_article(
            library.conditions, title=f"Topic {n}", summary=("Other.", "Zebra.")[n % 2]
        )

    body = client.get("/api/v1/search/index/").json()
    [block] = body["blocks"]
    flat = block["terms"]["zebra"]
    positions = list(itertools.accumulate(flat[0::2]))

    assert body["format"] == 3
    assert [block["docs"][position]["title"] for position in positions] == ["Topic 1", "Topic 3"]
    assert flat[1::2] == [2, 2]  # found in the summary


def test_a_publish_changes_only_its_pages_block_of_the_offline_index(client, library, monkeypatch):
    """Phones and the server keep the offline index in blocks of page ids: a publish
    renders one block again, and the document is the blocks put together."""
    monkeypatch.setattr(store, "BLOCK_PAGES", 2)
    pages = [published_article(library.conditions, title=f"Topic {n}") for n in range(5)]
    before = client.get("/api/v1/search/index/").json()["blocks"]

    pages[0].summary = "Now about zebras."
    factories.publish(pages[0])
    after = client.get("/api/v1/search/index/").json()["blocks"]

    changed = [n for n, (old, new) in enumerate(zip(before, after, strict=True)) if old != new]
    assert len(before) >= 3
    assert changed == [next(n for n, block in enumerate(after) if pages[0].id in ids(block))]
    assert "zebra" in after[changed[0]]["terms"]


def test_the_offline_index_leaves_out_drafts(client, searchable):
    draft_article(searchable["sciatica"].get_parent(), title="Secret sciatica draft")

    titles = [doc["title"] for doc in offline_docs(client.get("/api/v1/search/index/").json())]

    assert "Secret sciatica draft" not in titles


def test_a_page_of_results_loads_only_the_pages_it_shows(client, library, searchable):
    """Thousands may match a common word: finding and ranking them reads ids, and only
    the pages on the page of results are loaded (one query for their content)."""
    for n in range(6):
        published_article(library.causes, title=f"Sciatica, part {n}", summary="Sciatica.")
    cache.clear()
    client.get("/api/v1/search/", {"q": "sciatica"})  # the index, per-process caches
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/search/", {"q": "sciatica", "limit": 2}).json()

    assert body["count"] == 8 and len(body["results"]) == 2
    shown = {hit["id"] for hit in body["results"]}
    content = [q["sql"] for q in queries if 'FROM "cms_articlepage"' in q["sql"]]
    assert len(content) == 1
    assert {int(pk) for pk in re.search(r" IN \(([^)]*)\)", content[0])[1].split(",")} == shown


def test_the_index_reads_each_pages_text_as_wagtail_search_does(demo_library):
    """The index reads stored block JSON (choosers passed over, never loaded) and must
    find exactly the text Wagtail's own ``get_searchable_content`` gives, on every
    block type the demo library uses."""
    pages = list(selectors.public_articles()) + list(selectors.public_stretches())
    compared = 0
    for page in pages:
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                value = getattr(page, field.name)
                stored = _stored_block_text(field.stream_block, value.raw_data)
                assert stored == field.stream_block.get_searchable_content(value), page.slug
                compared += bool(stored)
    assert compared >= len(pages)


def test_indexing_costs_the_same_queries_however_many_pages_link(library):
    """Each page's body links to stretches: reading them for the index must not load
    what they point to, page by page."""
    stretch = published_stretch(library.stretches, title="Figure four")
    body = [
        {"type": "stretch", "value": {"stretch": stretch.id, "note": "Try it"}},
        {"type": "further_reading", "value": [{"title": "More", "page": stretch.id, "url": ""}]},
    ]
    numbers = itertools.count()

    def indexing_queries(articles):
        for number in itertools.islice(numbers, articles):
            published_article(library.conditions, title=f"Linked {number}", body=body)
        pages = {page.id for page in selectors.public_articles()}
        store.reindex(pages)  # each page held once already, as after a publish
        with CaptureQueriesContext(connection) as queries:
            store.reindex(pages)
        return len(queries)

    assert indexing_queries(2) == indexing_queries(6)
