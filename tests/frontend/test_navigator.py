"""The "where does it hurt?" navigator, with JavaScript off."""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

DEMO_REGIONS = [
    "lower-back",
    "upper-back",
    "tailbone",
    "hip",
    "buttock",
    "groin",
    "front-of-thigh",
    "back-of-thigh",
    "calf",
    "foot",
]


@pytest.fixture
def buttock(db):
    return factories.BodyRegionFactory(slug="buttock", name="Buttock")


@pytest.fixture
def piriformis(buttock):
    muscle = factories.MuscleFactory(
        slug="piriformis", name="Piriformis", pain_pattern="Deep in the buttock, down the leg."
    )
    muscle.regions.add(buttock)
    muscle.save()
    return muscle


def tagged_article(library, region, **kwargs):
    article = factories.ArticlePageFactory(parent=library.causes, **kwargs)
    article.regions.add(region)
    return factories.publish(article)


def test_the_navigator_page_renders(library, get_html):
    doc = get_html("/where-does-it-hurt/")

    assert doc.h1.get_text() == "Where does it hurt?"


def test_red_flags_come_before_the_body_map(library, buttock, get_html):
    html = str(get_html("/where-does-it-hurt/"))

    # The clinic's default safety net, kept once by clinicians, feeds the red flags.
    for sign in factories.DEFAULT_SAFETY_NET["emergency"].splitlines():
        assert html.index(sign) < html.index('class="body-map"')


def test_red_flags_come_before_a_regions_muscles_and_pages(library, buttock, piriformis, get_html):
    html = str(get_html("/where-does-it-hurt/buttock/"))

    assert html.index("Weakness in both legs") < html.index("Piriformis")


def test_every_demo_region_is_a_link_on_the_map_and_in_the_list(demo_library, get_html):
    doc = get_html("/where-does-it-hurt/")

    expected = {slug: f"/where-does-it-hurt/{slug}/" for slug in DEMO_REGIONS}
    on_map = {a["data-region"]: a["href"] for a in doc.select("svg a.body-map__region")}
    in_list = {a["href"].split("/")[-2]: a["href"] for a in doc.select(".region-list a")}
    assert on_map == expected
    assert in_list == expected


def test_map_links_are_named_for_keyboard_and_screen_reader_users(demo_library, get_html):
    doc = get_html("/where-does-it-hurt/")

    reachable = doc.select("svg a.body-map__region:not([tabindex='-1'])")
    assert sorted(a["data-region"] for a in reachable) == sorted(DEMO_REGIONS)
    assert all(a["aria-label"] for a in reachable)
    assert doc.select_one("svg a[data-region=lower-back]")["aria-label"] == "Lower back"


def test_a_region_on_both_views_is_drawn_twice_but_reached_once(demo_library, get_html):
    doc = get_html("/where-does-it-hurt/")

    back, front = doc.select("svg g[role=group]")
    assert back["aria-label"] == "Back of the body"
    first, second = back.select_one("a[data-region=hip]"), front.select_one("a[data-region=hip]")
    assert first["aria-label"] == "Hip"
    assert "tabindex" not in first.attrs
    assert (second["tabindex"], second["aria-hidden"]) == ("-1", "true")


def test_the_region_list_is_never_hidden(library, buttock, get_html):
    region_list = get_html("/where-does-it-hurt/").select_one(".region-list")

    for element in [region_list, *region_list.parents]:
        assert not element.has_attr("hidden")
        assert element.get("aria-hidden") != "true"


def test_a_region_page_lists_its_muscles_and_the_pages_about_them(
    library, buttock, piriformis, get_html
):
    tagged_article(library, buttock, title="Sitting and your seat")
    about_muscle = factories.StretchGuidePageFactory(parent=library.stretches, title="Figure four")
    about_muscle.muscles.add(piriformis)
    factories.publish(about_muscle)
    factories.publish(factories.ArticlePageFactory(parent=library.causes, title="Unrelated"))

    doc = get_html("/where-does-it-hurt/buttock/")

    assert doc.h1.get_text() == "Pain in the buttock"
    muscle = doc.select_one(".muscle-list li")
    assert muscle.h3.get_text() == "Piriformis"
    assert "Deep in the buttock, down the leg." in muscle.get_text()
    stretches = doc.find(id="stretches-heading").find_parent("section")
    articles = doc.find(id="articles-heading").find_parent("section")
    assert [a.get_text() for a in stretches.select(".card__title a")] == ["Figure four"]
    assert [a.get_text() for a in articles.select(".card__title a")] == ["Sitting and your seat"]
    assert articles.find("a", string="Sitting and your seat")["href"].endswith(
        "/sitting-and-your-seat/"
    )


def test_pages_tagged_with_the_region_come_before_pages_about_its_muscles(
    library, buttock, piriformis, get_html
):
    about_muscle = factories.ArticlePageFactory(parent=library.causes, title="A muscle page")
    about_muscle.muscles.add(piriformis)
    factories.publish(about_muscle)
    tagged_article(library, buttock, title="Z is for the buttock")

    doc = get_html("/where-does-it-hurt/buttock/")

    titles = [a.get_text() for a in doc.select("#articles-heading ~ .cards .card__title a")]
    assert titles == ["Z is for the buttock", "A muscle page"]


def test_the_chosen_region_is_marked_current_on_the_map_and_in_the_list(library, buttock, get_html):
    doc = get_html("/where-does-it-hurt/buttock/")

    assert doc.select_one("svg a[aria-current=page]")["data-region"] == "buttock"
    assert doc.select_one(".region-list a[aria-current=page]").get_text() == "Buttock"


def test_drafts_never_appear_on_a_region_page(library, buttock, piriformis, get_html):
    draft = factories.ArticlePageFactory(parent=library.causes, title="Draft about buttocks")
    draft.regions.add(buttock)
    draft.muscles.add(piriformis)
    draft.save_revision()
    draft.unpublish()
    stretch_draft = factories.StretchGuidePageFactory(
        parent=library.stretches, title="Draft stretch", live=False
    )
    stretch_draft.regions.add(buttock)
    stretch_draft.save()

    text = get_html("/where-does-it-hurt/buttock/").get_text()

    assert "Draft about buttocks" not in text
    assert "Draft stretch" not in text


def test_an_unknown_region_is_a_404(library, get_html):
    get_html("/where-does-it-hurt/elbow/", status=404)


def test_the_red_flags_link_to_the_urgent_care_article_when_it_is_published(library, get_html):
    assert not get_html("/where-does-it-hurt/").select(".red-flags-more")

    factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions,
            title="When back pain needs urgent care",
            slug="when-back-pain-needs-urgent-care",
        )
    )

    link = get_html("/where-does-it-hurt/").select_one(".red-flags-more a")
    assert link.get_text() == "When back pain needs urgent care"


def test_a_region_page_costs_the_same_queries_however_many_pages_match(
    client, library, buttock, piriformis
):
    def count() -> int:
        """Queries to render the page afresh, not to hand out its kept copy."""
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/where-does-it-hurt/buttock/").status_code == 200
        return len(queries)

    def add_matching_pages():
        tagged_article(library, buttock)
        stretch = factories.StretchGuidePageFactory(parent=library.stretches)
        stretch.muscles.add(piriformis)
        factories.publish(stretch)

    add_matching_pages()
    client.get("/where-does-it-hurt/buttock/")  # warm per-process caches
    before = count()
    for _ in range(4):
        add_matching_pages()

    assert count() == before
