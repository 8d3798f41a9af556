"""Search quality over the demo library: real readers' queries, through the API.

The server's answers must also be exactly the offline index's (ranked here by
the same code the phone's port mirrors; the browser test checks the port).
"""

from wagtail.models import Page

from api.search import store
from tests.search_quality import PASS_SHARE, QUERIES, offline_ranking


def test_readers_queries_find_the_right_pages_and_agree_with_the_offline_index(
    client, demo_library
):
    slugs = dict(Page.objects.values_list("id", "slug"))
    document = client.get("/api/v1/search/index/").json()
    failures, disagreements = {}, {}
    for query, expected in QUERIES.items():
        body = client.get("/api/v1/search/", {"q": query, "limit": 100}).json()
        online = [result["id"] for result in body["results"]]
        top = [slugs[page_id] for page_id in online[:3]]
        if not set(expected) <= set(top):
            failures[query] = top
        offline = offline_ranking(document, query)
        if online != offline:
            disagreements[query] = (online, offline)

    passed = 1 - len(failures) / len(QUERIES)
    print(f"\nsearch quality (API): {passed:.0%} of {len(QUERIES)} queries; failing: {failures}")
    assert len(QUERIES) >= 40
    assert passed >= PASS_SHARE, failures
    assert disagreements == {}


def test_the_offline_index_in_many_blocks_ranks_as_the_server_does(
    client, demo_library, monkeypatch
):
    """A large library's offline index comes in many blocks of pages; read together,
    they must answer every query exactly as the server does."""
    monkeypatch.setattr(store, "BLOCK_PAGES", 8)  # a new layout: the next search rebuilds
    document = client.get("/api/v1/search/index/").json()

    assert len(document["blocks"]) >= 4
    for query in QUERIES:
        body = client.get("/api/v1/search/", {"q": query, "limit": 100}).json()
        assert offline_ranking(document, query) == [hit["id"] for hit in body["results"]], query
