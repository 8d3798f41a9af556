"""``/api/v1/stretches/`` and ``/api/v1/stretches/{id}/``: the dosage is data."""

import pytest

from cms.models import StretchGuidePage
from tests import factories

from .helpers import assert_problem, published_stretch, result_ids

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
    "difficulty",
    "sides",
    "illustration",
    "total_seconds",
}
DETAIL_FIELDS = SUMMARY_FIELDS | {
    "safety_net",
    "related",
    "references",
    "cta",
    "licence",
    "attribution",
    "json_ld",
    "purpose",
    "equipment",
    "start_position",
    "steps",
    "repetitions",
    "sets",
    "rest_seconds",
    "safety_notes",
    "when_not_to_do_it",
}


@pytest.fixture
def dosed_stretch(library, photo, piriformis):
    """A one-sided, moderate stretch with an illustration and a picture on one step."""
    page = StretchGuidePage(
        title="Seated piriformis stretch",
        slug="seated-piriformis-stretch",
        summary="A buttock stretch on a chair.",
        purpose="<p>Loosens the <b>piriformis</b>.</p>",
        difficulty=StretchGuidePage.Difficulty.MODERATE,
        equipment="A chair",
        start_position="<p>Sit tall.</p>",
        steps=[
            {"type": "step", "value": {"instruction": "Cross your ankle.", "hold_seconds": 0}},
            {
                "type": "step",
                "value": {"instruction": "Lean forward.", "hold_seconds": 30, "image": photo.id},
            },
        ],
        repetitions=3,
        sets=2,
        sides=StretchGuidePage.Sides.LEFT,
        rest_seconds=20,
        safety_notes="<ul><li>Stop if it tingles.</li></ul>",
        when_not_to_do_it="<ul><li>After hip surgery.</li></ul>",
        illustration=photo,
        last_reviewed="2026-05-12",
        next_review_due="2027-05-12",
        reviewer_name="Jo Example",
        reviewer_credentials="BSc, sports massage therapist",
        live=False,
    )
    library.stretches.add_child(instance=page)
    page.muscles = [piriformis]
    return factories.publish(page)


def test_stretch_summary_adds_difficulty_sides_and_illustration(client, dosed_stretch, photo):
    summary = client.get("/api/v1/stretches/").json()["results"][0]

    assert set(summary) == SUMMARY_FIELDS
    assert summary["type"] == "stretch"
    assert summary["api_url"] == f"http://testserver/api/v1/stretches/{dosed_stretch.id}/"
    assert summary["url"] == "http://testserver/stretches/seated-piriformis-stretch/"
    assert summary["section"]["slug"] == "stretches"
    assert summary["difficulty"] == "moderate"
    assert summary["sides"] == "left"
    assert summary["illustration"]["id"] == photo.id
    assert summary["illustration"]["url"].startswith("http://testserver/media/images/")


def test_stretch_list_is_paginated_and_ordered_by_title(client, library):
    for title in ("Knee hug", "Cat-cow", "Child's pose"):
        published_stretch(library.stretches, title=title)

    first = client.get("/api/v1/stretches/", {"limit": 2}).json()
    rest = client.get(first["next"]).json()

    assert first["count"] == 3
    assert [s["title"] for s in first["results"] + rest["results"]] == [
        "Cat-cow",
        "Child's pose",
        "Knee hug",
    ]


@pytest.mark.parametrize("difficulty", ["gentle", "moderate", "challenging"])
def test_difficulty_filter_lists_only_stretches_of_that_difficulty(client, library, difficulty):
    pages = {
        level: published_stretch(library.stretches, difficulty=level)
        for level in ("gentle", "moderate", "challenging")
    }

    assert result_ids(client.get("/api/v1/stretches/", {"difficulty": difficulty})) == [
        pages[difficulty].id
    ]


def test_stretch_filters_by_muscle_region_section_and_update_time(client, dosed_stretch, stretch):
    assert result_ids(client.get("/api/v1/stretches/", {"muscle": "piriformis"})) == [
        dosed_stretch.id
    ]
    assert result_ids(client.get("/api/v1/stretches/", {"region": "buttock"})) == []
    assert len(result_ids(client.get("/api/v1/stretches/", {"section": "stretches"}))) == 2
    assert result_ids(client.get("/api/v1/stretches/", {"section": "conditions"})) == []
    assert len(result_ids(client.get("/api/v1/stretches/", {"ordering": "-updated_at"}))) == 2
    future = client.get("/api/v1/stretches/", {"updated_since": "2999-01-01T00:00:00Z"})
    assert result_ids(future) == []


@pytest.mark.parametrize(
    ("params", "invalid"),
    [
        ({"difficulty": "extreme"}, "difficulty"),
        ({"difficulty": ""}, "difficulty"),
        ({"muscle": "no-such-muscle"}, "muscle"),
        ({"updated_since": "2026-02-30T00:00:00Z"}, "updated_since"),
        ({"limit": "1000"}, "limit"),
        ({"offset": "1e3"}, "offset"),
        ({"sides": "left"}, "sides"),
    ],
)
def test_invalid_stretch_list_parameters_are_a_400_naming_the_parameter(
    client, stretch, params, invalid
):
    assert_problem(client.get("/api/v1/stretches/", params), 400, invalid=invalid)


def test_stretch_detail_has_exactly_the_documented_fields(client, dosed_stretch):
    detail = client.get(f"/api/v1/stretches/{dosed_stretch.id}/").json()

    assert set(detail) == DETAIL_FIELDS


def test_stretch_detail_carries_the_dosage_as_numbers(client, dosed_stretch):
    detail = client.get(f"/api/v1/stretches/{dosed_stretch.id}/").json()

    assert (detail["repetitions"], detail["sets"], detail["rest_seconds"]) == (3, 2, 20)
    assert detail["sides"] == "left"
    assert detail["difficulty"] == "moderate"
    assert detail["equipment"] == "A chair"


def test_stretch_steps_are_numbered_with_hold_times_and_optional_images(
    client, dosed_stretch, photo
):
    steps = client.get(f"/api/v1/stretches/{dosed_stretch.id}/").json()["steps"]

    assert [(step["position"], step["instruction"], step["hold_seconds"]) for step in steps] == [
        (1, "Cross your ankle.", 0),
        (2, "Lean forward.", 30),
    ]
    assert steps[0]["image"] is None
    assert steps[1]["image"]["id"] == photo.id
    assert steps[1]["image"]["renditions"]["small"]["width"] == 400


def test_stretch_rich_text_fields_are_html(client, dosed_stretch):
    detail = client.get(f"/api/v1/stretches/{dosed_stretch.id}/").json()

    assert detail["purpose"] == "<p>Loosens the <b>piriformis</b>.</p>"
    assert detail["start_position"] == "<p>Sit tall.</p>"
    assert detail["safety_notes"] == "<ul><li>Stop if it tingles.</li></ul>"
    assert detail["when_not_to_do_it"] == "<ul><li>After hip surgery.</li></ul>"


def test_stretch_json_ld_is_a_medical_web_page_about_an_exercise_plan(client, dosed_stretch):
    detail = client.get(f"/api/v1/stretches/{dosed_stretch.id}/").json()
    json_ld = detail["json_ld"]

    assert json_ld["@type"] == "MedicalWebPage"
    assert json_ld["lastReviewed"] == "2026-05-12"
    assert json_ld["reviewedBy"]["name"] == "Jo Example"
    plan = json_ld["mainEntity"]
    assert plan["@type"] == "ExercisePlan"
    assert plan["name"] == "Seated piriformis stretch"
    assert plan["intensity"] == "moderate"
    assert plan["repetitions"] == 3
    assert plan["restPeriods"] == "PT20S"
    assert plan["activityDuration"] == "PT30S"
    assert plan["image"] == detail["illustration"]["url"]


def test_stretch_without_illustration_has_null_image_everywhere(client, stretch):
    detail = client.get(f"/api/v1/stretches/{stretch.id}/").json()

    assert detail["illustration"] is None
    assert detail["json_ld"]["mainEntity"]["image"] is None


def test_an_article_is_not_found_at_the_stretches_address(client, article):
    assert_problem(client.get(f"/api/v1/stretches/{article.id}/"), 404)


@pytest.mark.parametrize("path", ["0/", "2147483648/", "x/", "1/extra/"])
def test_unknown_stretch_ids_are_a_404_problem(client, stretch, path):
    assert_problem(client.get(f"/api/v1/stretches/{path}"), 404)


def test_stretch_rich_text_links_point_to_public_pages_only(client, library, article):
    draft = factories.ArticlePageFactory(parent=library.causes, slug="secret-draft", live=False)
    page = published_stretch(
        library.stretches,
        safety_notes=f'<p>See <a linktype="page" id="{article.id}">sciatica</a> and '
        f'<a linktype="page" id="{draft.id}">this</a>.</p>',
    )

    notes = client.get(f"/api/v1/stretches/{page.id}/").json()["safety_notes"]

    assert notes == (
        '<p>See <a href="http://testserver/conditions/sciatica/">sciatica</a> and this.</p>'
    )
