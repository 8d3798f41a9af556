"""Search, the offline page, and the error pages."""

import re

from django.template.loader import render_to_string


def test_search_finds_a_published_article(get_html, article):
    soup = get_html("/search/", q="sciatica")

    results = soup.main.select(".search-results .card")
    assert [card.find("a").get_text(strip=True) for card in results] == ["Sciatica"]
    assert soup.find("input", attrs={"name": "q"})["value"] == "sciatica"


def test_search_says_so_when_nothing_matches(get_html, article):
    soup = get_html("/search/", q="zebra")

    assert "0 results" in soup.main.get_text()
    assert not soup.main.select(".search-results .card")


def test_search_without_a_query_shows_only_the_form(get_html, library):
    for params in ({}, {"q": "   "}):
        soup = get_html("/search/", **params)

        assert soup.main.find("form", role="search")
        # Only the empty, hidden place offline-search.js fills when offline.
        assert [section.get("hidden") for section in soup.main.select(".search-results")] == [""]
        assert not soup.main.select(".search-results *")


def test_a_misspelt_search_offers_the_word_it_may_mean(get_html, article):
    soup = get_html("/search/", q=article.title.lower()[:-1] + "x")

    suggestion = soup.main.select_one(".search-suggestion a")
    assert suggestion is not None
    assert suggestion["href"].startswith("/search/?q=")


def test_search_results_are_not_indexed(get_html, library):
    soup = get_html("/search/", q="back")

    assert soup.head.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert not soup.head.find("link", rel="canonical")


def test_the_search_form_alone_is_an_indexable_page(get_html, library, settings):
    """Only results are kept out of search engines: the form itself is a way in."""
    soup = get_html("/search/")

    assert not soup.head.find("meta", attrs={"name": "robots"})
    assert soup.head.find("link", rel="canonical")["href"] == settings.SITE_URL + "/search/"


def test_offline_page_renders(get_html, library):
    soup = get_html("/offline/")

    assert soup.h1.get_text(strip=True) == "Page not saved"
    assert soup.find(attrs={"data-saved-pages": True})


def test_offline_page_leaves_the_connection_to_its_live_state(get_html, library):
    """The worker shows /offline/ for an unsaved page that could not be fetched, with a
    signal too (a weak one, the site out of reach), beside the library panel's live
    "Online"/"Offline": the page's own words must not say the connection is gone."""
    soup = get_html("/offline/")

    fixed_words = " ".join(
        element.get_text(" ", strip=True)
        for element in (soup.title, soup.h1, *soup.main.find_all("p"))
    )
    claims = r"\byou(?:'re| are) offline\b|no connection|not connected"
    assert not re.search(claims, fixed_words, re.IGNORECASE)
    assert soup.main.find(attrs={"data-offline-connection": True})


def test_server_error_page_renders_without_the_database():
    """No ``db`` fixture: pytest-django fails any query this template makes."""
    html = render_to_string("500.html")

    assert "Something went wrong" in html
    assert 'href="/"' in html
