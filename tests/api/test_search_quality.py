"""Search quality over the demo library: real readers' queries, through the API.

The server's answers must also be exactly the offline index's (ranked here by
the same code the phone's port mirrors; the browser test checks the port).
"""

from wagtail.models import Page

from api.search.index import library_index
from api.search.ranking import analyse, rank
from tests.search_quality import PASS_SHARE, QUERIES


def test_readers_queries_find_the_right_pages_and_agree_with_the_offline_index(
    client, demo_library
):
    slugs = dict(Page.objects.values_list("id", "slug"))
    library = library_index()
    failures, disagreements = {}, {}
    for query, expected in QUERIES.items():
        body = client.get("/api/v1/search/", {"q": query, "limit": 100}).json()
        online = [result["id"] for result in body["results"]]
        top = [slugs[page_id] for page_id in online[:3]]
        if not set(expected) <= set(top):
            failures[query] = top
        offline = [doc["id"] for doc in rank(analyse(query, library), library)]
        if online != offline:
            disagreements[query] = (online, offline)

    passed = 1 - len(failures) / len(QUERIES)
    print(f"\nsearch quality (API): {passed:.0%} of {len(QUERIES)} queries; failing: {failures}")
    assert len(QUERIES) >= 40
    assert passed >= PASS_SHARE, failures
    assert disagreements == {}
