"""The home page leads, and lists are cards with a picture, a time, difficulty and regions.

Issue 13: the first screen holds help, the body map, search and the offline library,
then a short "start here" path; every list shows what a reader needs at a glance.
"""

import wagtail_factories

from tests import factories


def picture(description=""):
    return wagtail_factories.ImageFactory(
        file__width=640, file__height=480, description=description
    )


def test_home_first_screen_leads_with_help_map_search_and_offline_in_that_order(get_html, library):
    lead = get_html(library.home.url).select_one("main [data-home-lead]")

    parts = [
        lead.select_one("h1"),
        lead.select_one("[data-get-help]"),
        lead.select_one("a[href='/where-does-it-hurt/']"),
        lead.select_one("form[role=search]"),
        lead.select_one("[data-offline-library]"),
    ]
    assert all(parts)
    order = [element.sourceline * 10_000 + element.sourcepos for element in parts]
    assert order == sorted(order)
    # The signs are one tap away; the numbers to call are always in view.
    strip = lead.select_one("[data-get-help]")
    assert strip.select_one("details summary")
    assert [a["href"] for a in strip.select("a[data-call]")] == ["tel:999", "tel:111"]


def test_home_start_here_path_lists_only_the_editors_first_reads(get_html, library):
    first = factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions, title="What back pain is", start_here=True
        )
    )
    factories.publish(factories.ArticlePageFactory(parent=library.causes, title="A deep dive"))

    path = get_html(library.home.url).select_one("section.start-here")

    assert path.h2.get_text(strip=True) == "Start here"
    assert [a.get_text() for a in path.select(".card__title a")] == [first.title]


def test_stretch_cards_show_picture_time_difficulty_and_regions(get_html, library):
    buttock = factories.BodyRegionFactory(name="Buttock")
    stretch = factories.StretchGuidePageFactory(
        parent=library.stretches,
        title="Figure-four stretch",
        illustration=picture("Drawing of the figure-four stretch"),
        difficulty="gentle",
    )
    stretch.regions = [buttock]
    factories.publish(stretch)

    card = get_html(library.stretches.url).select_one(".cards .card")

    img = card.select_one("img")
    assert img["alt"] == "Drawing of the figure-four stretch"
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("640", "480")
    assert "400w" in img["srcset"] and img["sizes"]
    meta = card.select_one(".card__facts").get_text()
    # 2 repetitions x 2 sides of (5 s position + 20 s hold), 3 rests of 10 s: 130 s.
    assert meta == f"2 minutes · {buttock.name}"
    assert "Gentle" in card.select_one(".card__kicker").get_text()


def test_article_cards_show_reading_time_and_a_decorative_picture_without_alt(get_html, library):
    factories.publish(factories.ArticlePageFactory(parent=library.conditions, hero_image=picture()))

    card = get_html(library.conditions.url).select_one(".cards .card")

    assert card.select_one("img")["alt"] == ""
    assert card.select_one(".card__facts").get_text() == "1 min read"


def test_search_result_cards_show_pictures(get_html, library):
    factories.publish(
        factories.StretchGuidePageFactory(
            parent=library.stretches,
            title="Sciatica stretch",
            illustration=picture("Drawing of a stretch"),
        )
    )

    card = get_html("/search/", q="sciatica").select_one(".search-results .card")

    assert card.select_one("img")["alt"] == "Drawing of a stretch"
    assert card.select_one(".card__facts").get_text() == "2 minutes"
