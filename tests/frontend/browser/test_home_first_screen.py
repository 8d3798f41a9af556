"""On a 390×844 phone, the home page's first screen holds everything a reader in pain
needs first, with nothing to scroll: what this is, help now, "Where does it hurt?",
search, and the offline library with its one-tap Save (issue 13)."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FOLD = 844
FIRST_SCREEN = {
    "what the library is": "[data-home-lead] .home-lead__what",
    "get help now": "[data-home-lead] [data-get-help]",
    "call 999": "[data-home-lead] [data-get-help] a[data-call] >> nth=0",
    "where does it hurt": "[data-home-lead] a[href='/where-does-it-hurt/']",
    "search": "[data-home-lead] form[role=search]",
    "offline library": "[data-home-lead] [data-offline-library]",
    "save or update": (
        "[data-home-lead] [data-offline-library] "
        ":is([data-offline-save], [data-offline-update]):visible >> nth=0"
    ),
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_first_screen_holds_help_map_search_and_offline_above_the_fold(demo_site, phone, scheme):
    page = phone.new_page()
    page.emulate_media(color_scheme=scheme)
    page.goto("/")
    # The offline panel shows once offline-library.js finds what it needs.
    expect(page.locator("[data-home-lead] [data-offline-library]")).to_be_visible()

    bottoms = {}
    for name, selector in FIRST_SCREEN.items():
        box = page.locator(selector).bounding_box()
        assert box is not None, name
        bottoms[name] = box["y"] + box["height"]

    assert {name: y for name, y in bottoms.items() if y > FOLD} == {}
    assert page.evaluate("window.scrollY") == 0
