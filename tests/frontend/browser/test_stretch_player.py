"""The guided stretch player in a phone's browser, driven by a fake clock."""

import pytest
from playwright.sync_api import expect

from wagtail.models import Site

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def short_stretch(library):
    Site.objects.exclude(pk=library.site.pk).delete()
    return factories.publish(
        factories.StretchGuidePageFactory(
            parent=library.stretches,
            title="Short stretch",
            slug="short-stretch",
            steps=[
                {"type": "step", "value": {"instruction": "Get into position.", "hold_seconds": 0}},
                {"type": "step", "value": {"instruction": "Hold it gently.", "hold_seconds": 5}},
            ],
            repetitions=2,
            sets=1,
            sides="both",
            rest_seconds=3,
        )
    )


def test_the_player_runs_a_short_guide_to_the_end(phone, short_stretch):
    page = phone.new_page()
    page.clock.install()
    page.goto("/stretches/short-stretch/")
    where = page.locator(".player__where")

    page.get_by_role("button", name="Start guided stretch").click()
    expect(page.get_by_text("Before you start")).to_be_visible()
    page.get_by_role("button", name="I'm ready, start").click()

    for side in ("Left side", "Right side"):
        for rep in (1, 2):
            expect(where).to_have_text(f"{side} · Repetition {rep} of 2")
            page.get_by_role("button", name="Next").click()  # the movement step
            expect(page.locator(".player__timer")).to_have_text("5")
            page.clock.run_for(5_500)  # the hold runs out by itself
            if (side, rep) != ("Right side", 2):
                expect(where).to_have_text("Rest")
                page.clock.run_for(3_500)

    expect(page.locator(".player__done")).to_have_text("Well done! You finished the short stretch.")


def test_pause_stops_the_countdown_and_resume_carries_on(phone, short_stretch):
    page = phone.new_page()
    page.clock.install()
    page.goto("/stretches/short-stretch/")
    page.get_by_role("button", name="Start guided stretch").click()
    page.get_by_role("button", name="I'm ready, start").click()
    page.get_by_role("button", name="Next").click()
    timer = page.locator(".player__timer")

    page.clock.run_for(2_100)
    expect(timer).to_have_text("3")
    page.get_by_role("button", name="Pause").click()
    page.clock.run_for(10_000)
    expect(timer).to_have_text("3")
    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(3_500)
    expect(page.locator(".player__where")).to_have_text("Rest")


def test_the_navigator_leads_from_a_region_to_an_article(phone, library):
    Site.objects.exclude(pk=library.site.pk).delete()
    buttock = factories.BodyRegionFactory(slug="buttock", name="Buttock")
    article = factories.ArticlePageFactory(parent=library.causes, title="Piriformis syndrome")
    article.regions.add(buttock)
    factories.publish(article)
    page = phone.new_page()

    page.goto("/where-does-it-hurt/")
    page.locator("svg a.body-map__region[aria-label='Buttock']").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pain in the buttock")
    page.get_by_role("link", name="Piriformis syndrome").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Piriformis syndrome")
