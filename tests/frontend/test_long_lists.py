"""Long lists cost one page, not the whole library: bounded, ordered for readers, paged.

Page sizes are made small here, so a handful of pages shows what thousands would.
"""

import datetime

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api.search import store as search_store
from cms.delivery import versions
from frontend import navigator, pagination, sitemaps
from frontend.templatetags import library as library_tags
from tests import factories


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(pagination, "PER_PAGE", 2)
    monkeypatch.setattr(library_tags, "HOME_PER_SECTION", 2)
    monkeypatch.setattr(navigator, "ARTICLES_PER_PAGE", 2)
    monkeypatch.setattr(navigator, "STRETCHES_PER_PAGE", 2)
    monkeypatch.setattr(sitemaps.LibrarySitemap, "limit", 2)


def publish_articles(parent, count, **fields):
    return [
        factories.publish(factories.ArticlePageFactory(parent=parent, **fields))
        for _ in range(count)
    ]


def card_titles(doc, scope=""):
    return [a.get_text() for a in doc.select(f"{scope} .cards .card__title a")]


def test_a_section_shows_one_page_at_a_time_with_rel_links(library, small_pages, get_html):
    publish_articles(library.conditions, 5)

    first = get_html("/conditions/")
    second = get_html("/conditions/", page=2)
    last = get_html("/conditions/", page=3)

    assert len(card_titles(first)) == 2 and len(card_titles(second)) == 2
    assert len(card_titles(last)) == 1
    assert first.select_one("a[rel=next]")["href"] == "/conditions/?page=2"
    assert not first.select("a[rel=prev]")
    assert second.select_one("a[rel=prev]")["href"] == "/conditions/"
    assert second.select_one("a[rel=next]")["href"] == "/conditions/?page=3"
    assert not last.select("a[rel=next]")
    seen = card_titles(first) + card_titles(second) + card_titles(last)
    assert len(set(seen)) == 5


def test_start_here_pages_lead_then_the_most_recently_reviewed(library, get_html):
    today = datetime.date.today()
    old, recent = (
        factories.publish(
            factories.ArticlePageFactory(
                parent=library.conditions,
                title=title,
                last_reviewed=today - datetime.timedelta(days=days),
            )
        )
        for title, days in (("Reviewed long ago", 300), ("Reviewed last week", 7))
    )
    chosen = factories.ArticlePageFactory(
        parent=library.conditions,
        title="Chosen by the editors",
        start_here=True,
        last_reviewed=today - datetime.timedelta(days=600),
    )
    factories.publish(chosen)

    titles = card_titles(get_html("/conditions/"))

    assert titles == [chosen.title, recent.title, old.title]


@pytest.mark.parametrize("page", ["0", "two", "-1", "1.5", "²"])
def test_a_malformed_page_number_is_a_400(library, client, page):
    assert client.get("/conditions/", {"page": page}).status_code == 400


def test_a_page_past_the_end_is_a_404(library, small_pages, client):
    publish_articles(library.conditions, 3)

    assert client.get("/conditions/", {"page": 2}).status_code == 200
    assert client.get("/conditions/", {"page": 3}).status_code == 404


def test_the_home_page_shows_a_few_pages_per_section_and_links_to_the_rest(
    library, small_pages, get_html
):
    publish_articles(library.conditions, 5)

    doc = get_html("/")

    section = doc.select_one(f'[aria-labelledby="section-{library.conditions.id}"]')
    assert len(section.select(".cards li")) == 2
    more = section.find("a", string="All 5 in Conditions")
    assert more["href"].endswith("/conditions/")


def test_search_results_come_a_page_at_a_time(library, small_pages, get_html):
    publish_articles(library.conditions, 5, summary="About the sciatic nerve.")

    first = get_html("/search/", q="sciatic")
    third = get_html("/search/", q="sciatic", page=3)

    assert first.select_one("#results-heading").get_text().startswith("5 results")
    assert len(card_titles(first)) == 2 and len(card_titles(third)) == 1
    assert first.select_one("a[rel=next]")["href"] == "/search/?q=sciatic&page=2"
    assert third.select_one("ol.cards")["start"] == "5"


def test_a_region_page_turns_its_stretches_and_articles_together(library, small_pages, get_html):
    buttock = factories.BodyRegionFactory(slug="buttock", name="Buttock")
    for _ in range(5):
        page = factories.ArticlePageFactory(parent=library.causes)
        page.regions.add(buttock)
        factories.publish(page)
    stretch = factories.StretchGuidePageFactory(parent=library.stretches)
    stretch.regions.add(buttock)
    factories.publish(stretch)

    first = get_html("/where-does-it-hurt/buttock/")
    third = get_html("/where-does-it-hurt/buttock/", page=3)

    assert len(card_titles(first, "#articles-heading ~")) == 2
    assert len(card_titles(first, "#stretches-heading ~")) == 1
    assert first.select_one("a[rel=next]")["href"] == "/where-does-it-hurt/buttock/?page=2"
    assert len(card_titles(third, "#articles-heading ~")) == 1
    assert not third.select("#stretches-heading")  # its one stretch was on page 1
    get_html("/where-does-it-hurt/buttock/", status=404, page=4)


def test_the_sitemap_is_an_index_of_bounded_pages(library, article, stretch, small_pages, client):
    factories.ArticlePageFactory(parent=library.conditions, slug="draft-article", live=False)

    index = client.get("/sitemap.xml").content.decode()
    assert "<sitemapindex" in index
    assert "http://testserver/sitemap-pages.xml" in index
    assert "http://testserver/sitemap-pages.xml?p=2" in index
    pages = [client.get("/sitemap-pages.xml", {"p": p}) for p in (1, 2, 3, 4)]

    bodies = "".join(response.content.decode() for response in pages)
    assert all(response.status_code == 200 for response in pages)
    assert all(response.content.decode().count("<url>") <= 2 for response in pages)
    assert "<loc>http://testserver/conditions/sciatica/</loc>" in bodies
    assert "<loc>http://testserver/stretches/figure-four-stretch/</loc>" in bodies
    assert "draft-article" not in bodies


def count_queries(client, path, **params) -> int:
    """Queries to build the answer afresh, not to fetch it from a cache.

    The search index has taken in the grown library (the first search after a
    publish does, at a constant number of queries per 500 pages published).
    """
    search_store.sync()
    cache.clear()
    versions.bump()  # and what this process holds (the search index), as a change would
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "path, params",
    [
        ("/", {}),
        ("/conditions/", {}),
        ("/conditions/", {"page": 2}),
        ("/stretches/", {}),
        ("{routine_url}", {}),
        ("/my-routine/", {}),
        ("/my-routine/", {"s": "{stretch_id}"}),
        ("/my-diary/", {}),
        ("/where-does-it-hurt/", {}),
        ("/where-does-it-hurt/buttock/", {}),
        ("/search/", {"q": "sciatic"}),
        ("/sitemap.xml", {}),
        ("/sitemap-pages.xml", {}),
        ("/api/v1/search/", {"q": "sciatic"}),
        ("/api/v1/search/index/", {}),
        ("/api/v1/offline/", {}),
        ("/api/v1/routines/", {}),
        ("/api/v1/routines/{routine_id}/", {}),
        ("/api/v1/plans/", {"s": "{stretch_id}"}),
        ("/api/v1/changes/", {}),
    ],
)
def test_queries_do_not_grow_with_the_library(library, small_pages, client, path, params):
    """A larger library (three times the pages, all matching) costs no more queries."""
    buttock = factories.BodyRegionFactory(slug="buttock", name="Buttock")

    def grow(count):
        stretches = []
        for _ in range(count):
            page = factories.ArticlePageFactory(
                parent=library.conditions, summary="About the sciatic nerve."
            )
            page.regions.add(buttock)
            factories.publish(page)
            stretch = factories.StretchGuidePageFactory(parent=library.stretches)
            stretch.regions.add(buttock)
            stretches.append(factories.publish(stretch))
        return stretches

    first = grow(4)[0]
    routine = factories.publish(
        factories.RoutinePageFactory(
            parent=library.stretches, items=[factories.routine_item(first)]
        )
    )
    names = {"routine_url": routine.url, "routine_id": routine.id, "stretch_id": first.id}
    path = path.format(**names)
    params = {key: str(value).format(**names) for key, value in params.items()}
    client.get(path, params)  # warm per-process caches (content types, site root paths)
    small = count_queries(client, path, **params)
    grow(8)

    assert count_queries(client, path, **params) == small
