"""The "where does it hurt?" navigator on a phone: map, keyboard, and no JavaScript."""

import pytest
from playwright.sync_api import expect

from wagtail.models import Site

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def buttock_library(library):
    # The live server answers on localhost, which must find the test site.
    Site.objects.exclude(pk=library.site.pk).delete()
    buttock = factories.BodyRegionFactory(slug="buttock", name="Buttock")
    factories.BodyRegionFactory(slug="calf", name="Calf")
    piriformis = factories.MuscleFactory(
        slug="piriformis", name="Piriformis", pain_pattern="A deep ache in the buttock."
    )
    piriformis.regions.add(buttock)
    piriformis.save()
    article = factories.ArticlePageFactory(
        parent=library.causes, title="Piriformis syndrome", slug="piriformis-syndrome"
    )
    article.regions.add(buttock)
    factories.publish(article)
    return library


def test_the_navigator_leads_from_a_region_on_the_map_to_an_article(phone, buttock_library):
    page = phone.new_page()
    page.goto("/where-does-it-hurt/")

    page.locator("svg a[data-region=buttock]").click()  # the middle, where the two halves meet

    expect(page).to_have_url("/where-does-it-hurt/buttock/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pain in the buttock")
    expect(page.locator(".muscle-list")).to_contain_text("A deep ache in the buttock.")
    page.get_by_role("link", name="Piriformis syndrome").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Piriformis syndrome")


def test_the_map_regions_are_links_a_keyboard_can_follow(phone, buttock_library):
    page = phone.new_page()
    page.goto("/where-does-it-hurt/")
    group = page.get_by_role("group", name="Back of the body")

    group.get_by_role("link", name="Calf").focus()
    page.keyboard.press("Shift+Tab")
    expect(group.get_by_role("link", name="Buttock")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Pain in the buttock")


def test_without_javascript_the_list_leads_to_the_region(browser, live_server, buttock_library):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/where-does-it-hurt/")

    page.locator(".region-list").get_by_role("link", name="Buttock").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Pain in the buttock")
    expect(page.get_by_role("link", name="Piriformis syndrome")).to_be_visible()
    context.close()
