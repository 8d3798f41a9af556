"""``/api/v1/articles/`` and ``/api/v1/articles/{id}/``: shape, paging, filters, errors."""

import datetime

import pytest

from django.utils import timezone

from cms.models import ArticlePage
from tests import factories

from .helpers import assert_problem, published_article, result_ids

SUMMARY_FIELDS = {
    "id",
    "type",
    "title",
    "slug",
    "url",
    "api_url",
    "summary",
    "section",
    "muscles",
    "regions",
    "review",
    "first_published_at",
    "updated_at",
    "hero_image",
    "reading_minutes",
}
DETAIL_FIELDS = SUMMARY_FIELDS | {
    "safety_net",
    "related",
    "references",
    "cta",
    "licence",
    "attribution",
    "json_ld",
    "body",
}


def test_article_list_is_paginated_with_count_next_and_previous(client, article):
    body = client.get("/api/v1/articles/").json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 1
    assert body["next"] is None and body["previous"] is None


def test_article_summary_has_exactly_the_documented_fields(client, rich_article):
    summary = client.get("/api/v1/articles/", {"muscle": "piriformis"}).json()["results"][0]

    assert set(summary) == SUMMARY_FIELDS
    assert summary["id"] == rich_article.id
    assert summary["type"] == "article"
    assert summary["title"] == "Piriformis syndrome"
    assert summary["slug"] == "piriformis-syndrome"
    assert summary["url"] == "http://testserver/causes/piriformis-syndrome/"
    assert summary["api_url"] == f"http://testserver/api/v1/articles/{rich_article.id}/"
    assert summary["summary"] == "A small muscle deep in the buttock."
    assert summary["section"] == {
        "id": rich_article.get_parent().id,
        "slug": "causes",
        "title": "Causes",
        "url": "http://testserver/causes/",
    }
    assert summary["muscles"] == [
        {"id": rich_article.muscles.get().id, "slug": "piriformis", "name": "Piriformis"}
    ]
    assert [region["slug"] for region in summary["regions"]] == ["buttock"]
    assert summary["review"] == {
        "last_reviewed": rich_article.last_reviewed.isoformat(),
        "next_review_due": rich_article.next_review_due.isoformat(),
        "reviewer": {"name": "Dr Sam Sample", "credentials": "MBBS, general practitioner"},
    }
    assert summary["first_published_at"] is not None
    assert summary["updated_at"] is not None


def test_articles_are_ordered_by_title_by_default(client, library):
    for title in ("Muscle knots", "Ageing discs", "Zygapophyseal joints"):
        published_article(library.causes, title=title)

    titles = [a["title"] for a in client.get("/api/v1/articles/").json()["results"]]

    assert titles == ["Ageing discs", "Muscle knots", "Zygapophyseal joints"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("title", ["Alpha", "Bravo", "Charlie"]),
        ("-title", ["Charlie", "Bravo", "Alpha"]),
        ("updated_at", ["Bravo", "Charlie", "Alpha"]),
        ("-updated_at", ["Alpha", "Charlie", "Bravo"]),
    ],
)
def test_articles_can_be_ordered_by_title_or_update_time(client, library, ordering, expected):
    now = timezone.now()
    for title, days_ago in (("Alpha", 1), ("Bravo", 3), ("Charlie", 2)):
        page = published_article(library.causes, title=title)
        ArticlePage.objects.filter(pk=page.pk).update(
            last_published_at=now - datetime.timedelta(days=days_ago)
        )

    response = client.get("/api/v1/articles/", {"ordering": ordering})

    assert [a["title"] for a in response.json()["results"]] == expected


def test_limit_and_offset_page_through_articles_without_repeats(client, library):
    for n in range(5):
        published_article(library.causes, title=f"Article {n}")

    first = client.get("/api/v1/articles/", {"limit": 2}).json()
    second = client.get(first["next"]).json()
    last = client.get(second["next"]).json()

    assert first["count"] == second["count"] == last["count"] == 5
    assert first["next"] == "http://testserver/api/v1/articles/?limit=2&offset=2"
    assert second["previous"] == "http://testserver/api/v1/articles/?limit=2"
    assert last["next"] is None
    titles = [a["title"] for page in (first, second, last) for a in page["results"]]
    assert titles == [f"Article {n}" for n in range(5)]


def test_article_list_returns_twenty_by_default_and_at_most_one_hundred(client, library):
    for n in range(21):
        published_article(library.causes, title=f"Article {n:02}")

    assert len(result_ids(client.get("/api/v1/articles/"))) == 20
    assert len(result_ids(client.get("/api/v1/articles/", {"limit": 100}))) == 21
    assert_problem(client.get("/api/v1/articles/", {"limit": 101}), 400, invalid="limit")


def test_section_filter_lists_only_that_sections_articles(client, library, article):
    cause = published_article(library.causes, title="Tight hips")

    assert result_ids(client.get("/api/v1/articles/", {"section": "causes"})) == [cause.id]
    assert result_ids(client.get("/api/v1/articles/", {"section": "conditions"})) == [article.id]


def test_muscle_and_region_filters_list_articles_tagged_with_them(
    client, library, rich_article, article
):
    assert result_ids(client.get("/api/v1/articles/", {"muscle": "piriformis"})) == [
        rich_article.id
    ]
    assert result_ids(client.get("/api/v1/articles/", {"region": "buttock"})) == [rich_article.id]


def test_updated_since_lists_articles_published_at_or_after_that_time(client, library):
    old = published_article(library.causes, title="Old news")
    new = published_article(library.causes, title="New news")
    ArticlePage.objects.filter(pk=old.pk).update(
        last_published_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    )
    ArticlePage.objects.filter(pk=new.pk).update(
        last_published_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    )

    since_may = client.get("/api/v1/articles/", {"updated_since": "2026-05-01T00:00:00Z"})
    since_new = client.get("/api/v1/articles/", {"updated_since": "2026-06-01T01:00:00+01:00"})

    assert result_ids(since_may) == [new.id]
    assert result_ids(since_new) == [new.id]


def test_filters_combine(client, library, rich_article, article):
    both = client.get("/api/v1/articles/", {"section": "causes", "muscle": "piriformis"})
    none = client.get("/api/v1/articles/", {"section": "conditions", "muscle": "piriformis"})

    assert result_ids(both) == [rich_article.id]
    assert result_ids(none) == []


@pytest.mark.parametrize(
    ("params", "invalid"),
    [
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"updated_since": "2026-13-01T00:00:00Z"}, "updated_since"),
        ({"updated_since": "0001-01-01T00:00:00+14:00"}, "updated_since"),
        ({"updated_since": ""}, "updated_since"),
        ({"section": "no-such-section"}, "section"),
        ({"section": ""}, "section"),
        ({"muscle": "no-such-muscle"}, "muscle"),
        ({"region": "no-such-region"}, "region"),
        ({"ordering": "summary"}, "ordering"),
        ({"ordering": ""}, "ordering"),
        ({"ordering": "title,"}, "ordering"),
        ({"limit": "ten"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"limit": "-1"}, "limit"),
        ({"limit": "1.5"}, "limit"),
        ({"limit": "²"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "x"}, "offset"),
        ({"offset": str(2**64)}, "offset"),
        ({"difficulty": "gentle"}, "difficulty"),
        ({"page": "2"}, "page"),
        ({"format": "xml"}, "format"),
    ],
)
def test_invalid_article_list_parameters_are_a_400_naming_the_parameter(
    client, article, params, invalid
):
    assert_problem(client.get("/api/v1/articles/", params), 400, invalid=invalid)


def test_a_section_filter_may_not_name_a_draft_section(client, library):
    factories.SectionPageFactory(parent=library.home, slug="coming-soon", live=False)

    assert_problem(client.get("/api/v1/articles/", {"section": "coming-soon"}), 400)


def test_article_detail_has_exactly_the_documented_fields(client, rich_article):
    detail = client.get(f"/api/v1/articles/{rich_article.id}/").json()

    assert set(detail) == DETAIL_FIELDS
    assert detail["id"] == rich_article.id
    assert detail["type"] == "article"


def test_article_detail_body_is_typed_blocks_with_html_and_absolute_links(client, rich_article):
    body = client.get(f"/api/v1/articles/{rich_article.id}/").json()["body"]

    assert [block["type"] for block in body] == [
        "heading",
        "text",
        "callout",
        "care_card",
        "image",
        "key_facts",
        "questions",
        "stretch",
        "stretch",
        "further_reading",
    ]
    assert all(set(block) == {"id", "type", "value"} and block["id"] for block in body)
    heading, text, callout, care_card, image, facts, questions, _, _, _ = body
    assert heading["value"] == {"text": "What it is"}
    assert 'href="http://testserver/conditions/sciatica/"' in text["value"]["html"]
    assert "linktype" not in text["value"]["html"]
    assert callout["value"] == {"tone": "tip", "title": "Start gently", "html": "<p>Go slow.</p>"}
    assert care_card["value"] == {
        "title": "When to get help",
        "emergency": ["Numbness in the saddle area"],
        "see_doctor": ["Pain that keeps getting worse"],
        "self_care": ["A dull ache that eases as you move"],
    }
    assert image["value"]["caption"] == "Massage"
    assert image["value"]["image"]["alt"] == "Hands on a back"
    assert facts["value"] == {"title": "Key facts", "facts": ["It is common."]}
    assert questions["value"] == {
        "items": [{"question": "Is it serious?", "answer_html": "<p>Rarely.</p>"}]
    }


def test_stretch_blocks_are_expanded_to_the_stretch_and_drop_unpublished_ones(
    client, rich_article, stretch
):
    body = client.get(f"/api/v1/articles/{rich_article.id}/").json()["body"]
    public, unpublished = (block["value"] for block in body if block["type"] == "stretch")

    assert public == {
        "stretch": {
            "id": stretch.id,
            "type": "stretch",
            "title": "Figure-four stretch",
            "url": "http://testserver/stretches/figure-four-stretch/",
            "summary": stretch.summary,
        },
        "note": "Eases the muscle.",
    }
    assert unpublished == {"stretch": None, "note": "Not public."}


def test_further_reading_keeps_public_pages_and_web_links_only(client, rich_article, article):
    body = client.get(f"/api/v1/articles/{rich_article.id}/").json()["body"]
    links = body[-1]["value"]["links"]

    assert [link["title"] for link in links] == ["Sciatica", "The NHS on sciatica"]
    assert links[0]["url"] == "http://testserver/conditions/sciatica/"
    assert links[0]["page"]["id"] == article.id
    assert links[1] == {"title": "The NHS on sciatica", "url": "https://nhs.example", "page": None}


def test_rich_text_links_to_unpublished_pages_keep_their_text_but_not_their_address(
    client, rich_article
):
    html = client.get(f"/api/v1/articles/{rich_article.id}/").json()["body"][1]["value"]["html"]

    assert html == (
        '<p>Often mistaken for <a href="http://testserver/conditions/sciatica/">sciatica</a>, '
        "and not to be confused with this.</p>"
    )


def test_images_are_renditions_with_absolute_urls_sizes_and_alt_text(client, rich_article, photo):
    detail = client.get(f"/api/v1/articles/{rich_article.id}/").json()
    hero = detail["hero_image"]
    in_body = next(b for b in detail["body"] if b["type"] == "image")["value"]["image"]

    assert hero["id"] == in_body["id"] == photo.id
    assert hero["alt"] == "A therapist at work"
    assert set(hero["renditions"]) == {"small", "medium"}
    assert (hero["width"], hero["height"]) == (800, 533)
    assert hero["url"] == hero["renditions"]["medium"]["url"]
    assert (hero["renditions"]["small"]["width"], hero["renditions"]["small"]["height"]) == (
        400,
        266,
    )
    for rendition in hero["renditions"].values():
        assert rendition["url"].startswith("http://testserver/media/images/")
        assert isinstance(rendition["width"], int) and isinstance(rendition["height"], int)


def test_related_pages_are_public_links_in_the_editors_order(
    client, rich_article, stretch, article
):
    related = client.get(f"/api/v1/articles/{rich_article.id}/").json()["related"]

    assert [(link["type"], link["id"]) for link in related] == [
        ("stretch", stretch.id),
        ("article", article.id),
    ]
    assert set(related[0]) == {"id", "type", "title", "url", "summary"}


def test_references_give_null_for_parts_the_editor_left_empty(client, rich_article):
    references = client.get(f"/api/v1/articles/{rich_article.id}/").json()["references"]

    assert references == [
        {
            "title": "Piriformis syndrome review",
            "publisher": "A journal",
            "year": 2020,
            "url": "https://journal.example/piriformis",
        },
        {"title": "A leaflet", "publisher": None, "year": None, "url": None},
    ]


def test_article_with_its_own_call_to_action_shows_it(client, rich_article):
    cta = client.get(f"/api/v1/articles/{rich_article.id}/").json()["cta"]

    assert cta == {
        "heading": "Talk to a therapist",
        "text": "We will call you back.",
        "button_label": "Book",
        "action": "phone",
        "href": "tel:07700900123",
    }


def test_article_without_a_call_to_action_shows_the_clinics_default(client, article):
    cta = client.get(f"/api/v1/articles/{article.id}/").json()["cta"]

    assert cta["heading"] == "Book a massage session"
    assert cta["action"] == "form"
    assert cta["href"] == "http://testserver/book/"


def test_article_detail_carries_licence_and_attribution(client, article, settings):
    detail = client.get(f"/api/v1/articles/{article.id}/").json()

    assert detail["licence"] == settings.CONTENT_LICENCE
    assert detail["attribution"] == (
        "Sciatica, Demo Back Care Clinic, http://testserver/conditions/sciatica/"
    )


def test_article_json_ld_is_a_reviewed_medical_web_page(client, rich_article):
    detail = client.get(f"/api/v1/articles/{rich_article.id}/").json()
    json_ld = detail["json_ld"]

    assert json_ld["@context"] == "https://schema.org"
    assert json_ld["@type"] == "MedicalWebPage"
    assert json_ld["url"] == detail["url"]
    assert json_ld["name"] == "Piriformis syndrome"
    assert json_ld["lastReviewed"] == rich_article.last_reviewed.isoformat()
    assert json_ld["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr Sam Sample",
        "description": "MBBS, general practitioner",
    }
    assert json_ld["dateModified"] == detail["updated_at"]
    assert json_ld["about"] == [{"@type": "AnatomicalStructure", "name": "Piriformis"}]
    assert json_ld["license"] == detail["licence"]["url"]
    assert "mainEntity" not in json_ld


@pytest.mark.parametrize("path", ["999999/", "99999999999999999999999/", "abc/", "-1/", "1.5/"])
def test_unknown_article_ids_are_a_404_problem(client, article, path):
    assert_problem(client.get(f"/api/v1/articles/{path}"), 404)


def test_a_stretch_is_not_found_at_the_articles_address(client, stretch):
    assert_problem(client.get(f"/api/v1/articles/{stretch.id}/"), 404)


def test_article_detail_takes_no_query_parameters(client, article):
    assert_problem(client.get(f"/api/v1/articles/{article.id}/", {"fields": "*"}), 400)


def test_updated_since_with_an_unusual_offset_is_compared_in_utc(client, library, article):
    # +22:20 parses as ISO 8601; PostgreSQL would refuse it as a time zone.
    response = client.get("/api/v1/articles/", {"updated_since": "1148-05-13T11:36:10+22:20"})

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [article.id]


def test_alt_text_is_the_images_description_never_its_file_title(client, rich_article, photo):
    """Finding: alt text was the image's title ("IMG_0042"), ignoring its description.
    No description means a decorative image: an empty alt that screen readers skip."""
    hero = client.get(f"/api/v1/articles/{rich_article.id}/").json()["hero_image"]
    assert hero["alt"] == "A therapist at work"

    photo.description = ""
    photo.save()
    hero = client.get(f"/api/v1/articles/{rich_article.id}/").json()["hero_image"]
    assert hero["alt"] == ""
