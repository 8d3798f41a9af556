"""The "where does it hurt?" navigator, with JavaScript off."""

import pytest

from tests import factories


@pytest.fixture
def buttock(db):
    return factories.BodyRegionFactory(slug="buttock", name="Buttock")


@pytest.fixture
def piriformis(buttock):
    muscle = factories.MuscleFactory(
        slug="piriformis", name="Piriformis", pain_pattern="Deep in the buttock, down the leg."
    )
    muscle.regions.add(buttock)
    return muscle


def test_red_flags_come_before_the_body_map(library, buttock, get_html):
    html = str(get_html("/where-does-it-hurt/"))

    assert "Weakness in both legs" in html
    assert html.index("Weakness in both legs") < html.index('class="body-map__svg"')


def test_every_region_is_a_link_on_the_map_and_in_the_list(library, buttock, get_html):
    factories.BodyRegionFactory(slug="calf", name="Calf")
    doc = get_html("/where-does-it-hurt/")

    map_links = {a["aria-label"]: a["href"] for a in doc.select("svg a.body-map__region")}
    list_links = {a.get_text(): a["href"] for a in doc.select(".region-list a")}
    assert map_links == {
        "Buttock": "/where-does-it-hurt/buttock/",
        "Calf": "/where-does-it-hurt/calf/",
    }
    assert list_links == map_links


def test_a_region_page_lists_its_muscles_and_the_pages_about_them(
    library, buttock, piriformis, get_html
):
    tagged = factories.ArticlePageFactory(parent=library.causes, title="Sitting and your seat")
    tagged.regions.add(buttock)
    factories.publish(tagged)
    about_muscle = factories.StretchGuidePageFactory(parent=library.stretches, title="Figure four")
    about_muscle.muscles.add(piriformis)
    factories.publish(about_muscle)
    factories.ArticlePageFactory(parent=library.causes, title="Unrelated", live=False)

    doc = get_html("/where-does-it-hurt/buttock/")

    assert [h.get_text() for h in doc.select(".muscle-list h3")] == ["Piriformis"]
    titles = [a.get_text() for a in doc.select(".card__title a")]
    assert titles == ["Sitting and your seat", "Figure four"]


def test_drafts_never_appear_on_a_region_page(library, buttock, get_html):
    draft = factories.ArticlePageFactory(parent=library.causes, title="Draft about buttocks")
    draft.regions.add(buttock)
    draft.save()
    draft.unpublish()

    doc = get_html("/where-does-it-hurt/buttock/")

    assert "Draft about buttocks" not in doc.get_text()


def test_an_unknown_region_is_a_404(library, get_html):
    get_html("/where-does-it-hurt/elbow/", status=404)
