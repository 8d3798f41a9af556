"""The printed handout: each demo routine, and a plan made of one, on one A4 page.

Printed as a clinic would hand it over: Chromium's print media and its own PDF,
whose pages are counted. What the handout must carry is checked as the print
stylesheet shows it, in the page's DOM under print media.
"""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from cms.models import RoutinePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Every picture shown, lazy ones included: a handout without its poses is no use.
UNLOADED_PICTURES = """() => [...document.querySelectorAll(".routine__items img")]
  .filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.src)"""
# Left out of the handout: the site around the routine, and what only a screen can use.
SCREEN_ONLY = [
    ".site-header",
    ".site-nav",
    ".site-footer",
    "[data-stretch-player]",
    ".save-offline",
    ".cta",
    ".related",
    ".licence",
    "[data-call]",
    ".routine__builder",
]


def pdf_pages(pdf: bytes) -> int:
    """How many pages Chromium's PDF has: its page objects (``/Type /Page``, not ``/Pages``)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def plan_link(items: list[dict]) -> str:
    """A "make your own routine" link with the same stretches and dosage as a routine."""
    values = (
        f"s={item['stretch']['id']}.r{item['dosage']['repetitions']}"
        + (f".h{item['dosage']['hold_seconds']}" if item["dosage"]["hold_seconds"] else "")
        for item in items
    )
    return "/my-routine/?" + "&".join(values)


def assert_handout_carries_what_it_must(page, items: list[dict]) -> None:
    main = page.locator("main")
    emergency = main.locator(".care-level--emergency")
    expect(emergency).to_be_visible()
    expect(emergency).to_contain_text("999")
    expect(emergency).to_contain_text("A&E")
    expect(main.locator(".care-level--urgent")).to_contain_text("111")
    # Help first: the emergency signs come before any stretch.
    assert emergency.bounding_box()["y"] < main.locator(".routine__items").bounding_box()["y"]
    expect(main.locator(".routine__safety")).to_be_visible()
    # The way back to the latest version, and until when this one holds.
    back_online = main.locator(".routine__qr")
    expect(back_online.locator("svg.qr")).to_be_visible()
    expect(back_online).to_contain_text(re.compile(r"Next review due \d{1,2} \w+ 20\d\d\."))

    expect(main.locator(".routine__item h3")).to_have_text(
        [item["stretch"]["title"] for item in items]
    )
    for number, item in enumerate(items):
        stretch = main.locator(".routine__item").nth(number)
        reps = item["dosage"]["repetitions"]
        expect(stretch.locator(".dosage")).to_be_visible()
        expect(stretch.locator(".dosage")).to_contain_text(f"{reps} time")
        expect(stretch.locator(".routine__steps li")).to_have_count(len(item["stretch"]["steps"]))
        expect(stretch.locator(".routine__steps")).to_be_visible()
        expect(stretch.locator("img").first).to_be_visible()
    assert page.evaluate(UNLOADED_PICTURES) == []
    for selector in SCREEN_ONLY:
        for part in page.locator(selector).all():
            expect(part).to_be_hidden()


def test_each_demo_routine_and_a_plan_print_on_one_a4_page(browser, demo_site):
    context = browser.new_context(base_url=demo_site.url)
    page = context.new_page()
    handouts = {}  # address: the items it prints
    for routine in RoutinePage.objects.live().order_by("title"):
        items = page.request.get(f"/api/v1/routines/{routine.id}/").json()["items"]
        handouts[urlsplit(routine.full_url).path] = handouts[plan_link(items)] = items
    pages = {}
    for address in handouts:
        page.goto(address)
        pages[address] = pdf_pages(page.pdf(format="A4"))

    assert len(pages) == 8
    assert pages == dict.fromkeys(pages, 1)
    page.emulate_media(media="print")
    for address, items in handouts.items():
        page.goto(address)
        assert_handout_carries_what_it_must(page, items)
    context.close()
