"""Each page type renders its key content from the public representation."""

import datetime
import json

from django.utils.dateformat import format as date_format

from wagtail.models import Page

from tests import factories


def text_of(soup) -> str:
    return " ".join(soup.get_text(" ").split())


def long_date(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def test_home_page_lists_sections_with_their_articles_and_stretches(
    get_html, library, article, stretch
):
    soup = get_html(library.home.url)

    assert soup.h1.get_text(strip=True) == "Back Pain Library"
    assert "Plain guides to back pain." in text_of(soup.main)
    assert soup.main.find("a", href="/where-does-it-hurt/")
    sections = {h2.get_text(strip=True): h2.find_parent("section") for h2 in soup.main("h2")}
    assert sections["Conditions"].find("a", string="Sciatica")
    assert sections["Stretches"].find("a", string="Figure-four stretch")


def test_every_page_has_section_navigation_search_and_a_book_link(get_html, library, article):
    soup = get_html(article.url)

    nav = soup.find("nav", attrs={"aria-label": "Sections"})
    assert [a.get_text(strip=True) for a in nav("a")] == [
        "Conditions",
        "Causes",
        "Stretches",
    ]
    assert nav.find("a", string="Conditions")["aria-current"] == "true"
    assert soup.find("a", class_="skip-link")["href"] == "#main"
    assert soup.header.find("a", href="/search/")
    assert soup.header.find("a", string="Book")["href"] == "http://testserver/book/"


def test_footer_shows_the_clinic_details(get_html, library):
    footer = get_html(library.home.url).find("footer")

    assert "Demo Back Care Clinic" in text_of(footer)
    assert footer.find("a", href="tel:07700900123")
    assert footer.find("a", href="mailto:bookings@example.org")


def test_section_page_lists_its_articles_with_summary_and_review_date(get_html, library, article):
    factories.publish(factories.ArticlePageFactory(parent=library.causes, title="Posture"))

    soup = get_html(library.conditions.url)

    cards = soup.main.select(".card")
    assert [card.find("a").get_text(strip=True) for card in cards] == ["Sciatica"]
    assert "A short plain summary." in text_of(cards[0])
    assert f"Reviewed {long_date(article.last_reviewed)}" in text_of(cards[0])


def test_stretch_index_lists_stretch_guides(get_html, library, stretch):
    soup = get_html(library.stretches.url)

    card = soup.main.select_one(".card")
    assert card.find("a", string="Figure-four stretch")["href"] == (
        "http://testserver/stretches/figure-four-stretch/"
    )
    assert "Gentle" in text_of(card)


def test_article_shows_title_summary_and_review_dates_near_the_top(get_html, article):
    soup = get_html(article.url)

    header = soup.main.find("header")
    assert header.h1.get_text(strip=True) == "Sciatica"
    assert "A short plain summary." in text_of(header)
    assert (
        f"Last reviewed {long_date(article.last_reviewed)} by Dr Sam Sample, "
        "MBBS, general practitioner" in text_of(header)
    )
    assert f"Next review due {long_date(article.next_review_due)}" in text_of(header)


def test_article_renders_its_body_blocks_and_call_to_action(get_html, article):
    soup = get_html(article.url)

    assert soup.main.find("h2", string="What it is")
    assert "Sciatica usually affects one leg." in text_of(soup.main)
    cta = soup.main.select_one(".cta")
    assert cta.h2.get_text(strip=True) == "Book a massage session"
    assert cta.find("a", class_="button")["href"] == "http://testserver/book/"
    assert soup.main.find("a", rel="license")


def test_care_card_shows_emergency_signs_first_with_a_text_label(get_html, library):
    article = factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions,
            body=[
                {
                    "type": "care_card",
                    "value": {
                        "title": "When to get help",
                        "self_care": ["A dull ache"],
                        "see_doctor": ["Pain that keeps getting worse"],
                        "emergency": ["Weakness in both legs"],
                    },
                }
            ],
        )
    )

    card = get_html(article.url).main.select_one(".care-card")

    levels = card.select(".care-level")
    assert [level["class"][1] for level in levels] == [
        "care-level--emergency",
        "care-level--doctor",
        "care-level--self",
    ]
    assert "Emergency" in levels[0].h3.get_text()
    assert levels[0].find("svg")  # an icon as well as colour
    assert "Weakness in both legs" in text_of(levels[0])


def test_article_blocks_render_questions_as_details_and_stretches_as_cards(
    get_html, library, stretch
):
    article = factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions,
            body=[
                {
                    "type": "questions",
                    "value": [{"question": "Is it serious?", "answer": "<p>Rarely.</p>"}],
                },
                {"type": "stretch", "value": {"stretch": stretch.id, "note": "Eases the hip."}},
                {
                    "type": "callout",
                    "value": {"tone": "warning", "title": "Go gently", "text": "<p>Slowly.</p>"},
                },
                {"type": "key_facts", "value": {"title": "Key facts", "facts": ["One leg."]}},
                {
                    "type": "further_reading",
                    "value": [{"title": "NHS", "page": None, "url": "https://example.org/nhs"}],
                },
            ],
        )
    )

    main = get_html(article.url).main

    assert main.find("details").summary.get_text(strip=True) == "Is it serious?"
    stretch_card = main.select_one(".card--stretch")
    assert stretch_card.find("a")["href"] == "http://testserver/stretches/figure-four-stretch/"
    assert "Eases the hip." in text_of(stretch_card)
    assert "Take care" in text_of(main.select_one(".callout--warning"))
    assert "One leg." in text_of(main.select_one(".key-facts"))
    assert main.select_one(".further-reading").find("a", href="https://example.org/nhs")


def test_article_lists_related_pages_and_references(get_html, library, stretch):
    article = factories.publish(
        factories.ArticlePageFactory(
            parent=library.conditions,
            related_pages=[{"type": "page", "value": stretch.id}],
            references=[
                {
                    "type": "reference",
                    "value": {"title": "A study", "publisher": "A journal", "year": 2024},
                }
            ],
        )
    )

    main = get_html(article.url).main

    assert main.select_one(".related").find("a", string="Figure-four stretch")
    assert "A study. A journal, 2024." in text_of(main.select_one(".references"))


def test_stretch_guide_shows_dosage_steps_and_safety(get_html, stretch):
    main = get_html(stretch.url).main

    glance = text_of(main.select_one(".at-a-glance"))
    assert "Gentle" in glance
    assert "Repetitions 2" in glance
    assert "Each side in turn" in glance
    assert "10 seconds" in glance
    steps = main.select(".steps > li")
    assert [text_of(step) for step in steps] == [
        "Cross one ankle.",
        "Hold the stretch. Hold for 20 seconds",
    ]
    assert "Stop if pain shoots down the leg." in text_of(main)
    assert "Soon after hip surgery." in text_of(main)
    assert f"Next review due {long_date(stretch.next_review_due)}" in text_of(main)
    assert main.select_one(".cta")


def test_stretch_guide_leaves_the_player_container_and_its_data(client, get_html, stretch):
    soup = get_html(stretch.url)

    player = soup.find(attrs={"data-stretch-player": True})
    assert player is not None and player.has_attr("hidden") and not player.contents
    data = soup.find("script", id="player-data")
    assert data["type"] == "application/json"
    api = client.get(f"/api/v1/stretches/{stretch.id}/").json()
    assert json.loads(data.string) == api


def test_booking_page_shows_clinic_details_privacy_note_and_form_placeholder(get_html, library):
    library.clinic.address = "1 Example Street\nSampletown"
    library.clinic.opening_hours = "Monday to Friday, 9am to 7pm"
    library.clinic.save()

    soup = get_html(library.booking.url)
    main = soup.main

    assert "Ask for a session." in text_of(main)
    assert main.find(attrs={"data-booking-form": True}) is not None
    assert "Staff only see your details." in text_of(main.select_one(".privacy"))
    # The clinic's details are in the footer, as on every page.
    contact = soup.select_one(".site-footer__clinic")
    assert "1 Example Street" in text_of(contact)
    assert "Monday to Friday, 9am to 7pm" in text_of(contact)
    assert contact.find("a", href="tel:07700900123")
    assert contact.find("a", href="mailto:bookings@example.org")


def test_a_draft_article_is_not_found(client, library):
    draft = factories.ArticlePageFactory(parent=library.conditions, slug="draft", live=False)

    assert client.get("/conditions/draft/").status_code == 404
    assert draft.title not in client.get(library.conditions.url).content.decode()


def test_not_found_page_uses_the_site_layout(get_html, library):
    soup = get_html("/no-such-page/", status=404)

    assert soup.h1.get_text(strip=True) == "Page not found"
    assert soup.find("form", role="search")


def test_every_demo_page_renders(client, demo_library):
    pages = Page.objects.live().specific()
    assert pages.count() > 20
    for page in pages:
        if page.url:
            assert client.get(page.url).status_code == 200, page.url


def test_preview_renders_unpublished_changes(library, article):
    article.title = "Sciatica, revised"
    article.summary = "A revised summary."

    response = article.make_preview_request()

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sciatica, revised" in html
    assert "A revised summary." in html


def test_preview_renders_a_page_before_its_first_save(library, article):
    # As Wagtail's PreviewOnCreateView builds it: a tree position, but no id yet.
    page = factories.ArticlePageFactory.build(title="A new article", slug="a-new-article")
    page.depth = library.conditions.depth + 1
    page.path = library.conditions.get_last_child()._inc_path()

    response = page.make_preview_request()

    assert response.status_code == 200
    assert "A new article" in response.content.decode()


def test_save_for_offline_is_in_every_pages_header(article, get_html):
    for path in ("/", article.url, "/search/", "/where-does-it-hurt/"):
        link = get_html(path).select_one(".header-actions a[aria-label='Save for offline']")
        assert link["href"] == "/#offline-library", path
        assert get_html("/").find(id="offline-library")
