"""Help first: every page shows when to get help before any advice, with tap-to-call numbers."""

import re

from wagtail.models import Page

from cms.models import ArticlePage, StretchGuidePage
from tests import factories

TEL = re.compile(r"^tel:\+?\d+$")


def _position(soup, node) -> int:
    """Where ``node`` starts in document order."""
    return list(soup.descendants).index(node)


def assert_help_comes_first(soup, where):
    net = soup.select_one("[data-safety-net]")
    assert net is not None, f"{where} has no safety net"
    first_help = soup.select_one("[data-self-help]")
    assert first_help is not None, f"{where} marks no self-help"
    assert _position(soup, net) < _position(soup, first_help), where
    assert net.select_one("[data-level=emergency] li"), where


def assert_every_help_box_can_call(soup, where):
    boxes = soup.select("[data-level=emergency], [data-level=urgent], [data-get-help]")
    assert boxes, where
    for box in boxes:
        links = box.select("a[data-call]")
        assert links, f"a help box on {where} has no call button"
        assert all(TEL.match(link["href"]) for link in links), where


def test_every_live_demo_page_puts_the_safety_net_before_any_advice(client, demo_library):
    from bs4 import BeautifulSoup

    pages = list(ArticlePage.objects.live()) + list(StretchGuidePage.objects.live())
    assert len(pages) > 20
    for page in pages:
        soup = BeautifulSoup(client.get(page.url).content, "html.parser")
        assert_help_comes_first(soup, page.slug)
        assert_every_help_box_can_call(soup, page.slug)
        if isinstance(page, StretchGuidePage):
            not_heading, stop_heading = soup.find(id="not-heading"), soup.find(id="safety-heading")
            for later in ("start-heading", "steps-heading"):
                assert _position(soup, not_heading) < _position(soup, soup.find(id=later))
                assert _position(soup, stop_heading) < _position(soup, soup.find(id=later))
            player = soup.select_one("[data-stretch-player]")
            assert _position(soup, stop_heading) < _position(soup, player), page.slug
    assert Page.objects.live().count() > len(pages)


def test_emergency_and_urgent_boxes_call_the_clinics_numbers(get_html, library, article):
    library.clinic.emergency_number = "112"
    library.clinic.urgent_label = "Urgent care line"
    library.clinic.urgent_number = "07700 900111"
    library.clinic.save()

    soup = get_html(article.url)

    emergency = soup.select_one("[data-safety-net] [data-level=emergency] a[data-call]")
    urgent = soup.select_one("[data-safety-net] [data-level=urgent] a[data-call]")
    assert emergency["href"] == "tel:112"
    assert "Call 112" in emergency.get_text()
    assert urgent["href"] == "tel:07700900111"
    assert "Urgent care line" in urgent.get_text()


def test_the_safety_net_shows_the_pages_own_signs_then_the_default(get_html, library):
    page = factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions, slug="calf", safety_net_emergency="Chest pain"
        )
    )
    signs = [
        li.get_text(strip=True)
        for li in get_html(page.url).select("[data-safety-net] [data-level=emergency] li")
    ]
    assert signs == ["Chest pain", *factories.DEFAULT_SAFETY_NET["emergency"].splitlines()]


def test_a_stretch_guide_says_when_not_to_do_it_and_when_to_stop_before_the_steps(
    get_html, stretch
):
    soup = get_html(stretch.url)
    order = [
        soup.select_one("[data-safety-net]"),
        soup.find(id="not-heading"),
        soup.find(id="safety-heading"),
        soup.select_one("[data-stretch-player]"),
        soup.find(id="start-heading"),
        soup.find(id="steps-heading"),
    ]
    positions = [_position(soup, node) for node in order]
    assert positions == sorted(positions)
    assert soup.find(id="safety-heading").get_text() == "Stop if…"


def test_home_page_opens_with_the_red_flag_strip(get_html, library):
    soup = get_html("/")
    strip = soup.select_one("[data-get-help]")
    assert strip is not None
    assert _position(soup, strip) < _position(soup, soup.select_one(".home-section, .lead"))
    assert "Weakness in both legs" in strip.get_text()
    assert_every_help_box_can_call(soup, "home")
    assert {a["href"] for a in strip.select("a[data-call]")} == {"tel:999", "tel:111"}


def test_navigator_opens_with_the_red_flag_strip(get_html, library):
    soup = get_html("/where-does-it-hurt/")
    strip = soup.select_one("[data-get-help]")
    assert strip is not None
    assert _position(soup, strip) < _position(soup, soup.select_one(".body-map"))
    assert_every_help_box_can_call(soup, "navigator")
