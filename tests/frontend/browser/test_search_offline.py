"""Search on a phone with no signal: the saved index gives the server's answers.

Readers' queries (tests/search_quality.py) run through offline-search.js in the
browser, against the index saved with the library, and must match the API's
answers exactly; and a search typed offline shows saved results, not the
generic offline page, keeping what was typed.
"""

import pytest
from playwright.sync_api import expect

from wagtail.models import Page

from api.search import store as search_store
from tests.search_quality import PASS_SHARE, QUERIES

from .test_offline_library import save_library
from .workers import open_controlled

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Every query through the page's own offline-search module and through the API.
BOTH_ANSWERS = """async (queries) => {
  const src = document.querySelector("script[src*='offline-search']").src;
  const { search } = await import(src);
  const index = await (await fetch("/api/v1/search/index/")).json();
  const answers = {};
  for (const query of queries) {
    const url = `/api/v1/search/?limit=100&q=${encodeURIComponent(query)}`;
    const online = (await (await fetch(url)).json()).results.map((result) => result.id);
    const offline = search(index, query).results.map((doc) => doc.id);
    answers[query] = { online, offline };
  }
  return [answers, index.blocks.length];
}"""


@pytest.mark.parametrize("block_pages", [None, 8], ids=["one block", "blocks of 8 pages"])
def test_offline_index_answers_readers_queries_like_the_server(
    phone, demo_site, block_pages, monkeypatch
):
    """A large library's index comes in many blocks: the phone reads them as one."""
    if block_pages:
        monkeypatch.setattr(search_store, "BLOCK_PAGES", block_pages)
    slugs = dict(Page.objects.values_list("id", "slug"))
    tab = phone.new_page()
    tab.goto("/search/")

    answers, blocks = tab.evaluate(BOTH_ANSWERS, list(QUERIES))

    failures = {
        query: [slugs[i] for i in answers[query]["offline"][:3]]
        for query, expected in QUERIES.items()
        if not set(expected) <= {slugs[i] for i in answers[query]["offline"][:3]}
    }
    passed = 1 - len(failures) / len(QUERIES)
    print(f"\nsearch quality (offline index, browser): {passed:.0%}; failing: {failures}")
    assert passed >= PASS_SHARE, failures
    disagreements = {q: a for q, a in answers.items() if a["online"] != a["offline"]}
    assert disagreements == {}
    assert (blocks > 3) == bool(block_pages)


def test_a_search_typed_offline_shows_saved_results_and_keeps_the_words(phone, demo_site):
    tab = open_controlled(phone)
    save_library(tab)
    phone.set_offline(True)

    tab.goto("/search/")
    tab.get_by_label("Search the library").fill("pain down my leggg")
    tab.get_by_role("button", name="Search").click()

    results = tab.locator("[data-search-results]")
    expect(results.get_by_role("heading", level=2)).to_contain_text("pain down my leggg")
    expect(results.locator(".card__title").first).to_have_text(
        "Sciatica: when a nerve causes leg pain"
    )
    expect(results.get_by_role("link", name="pain down my leg")).to_be_visible()
    expect(tab.get_by_label("Search the library")).to_have_value("pain down my leggg")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Search")
