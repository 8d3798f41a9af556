"""``/api/v1/routines/`` and ``/api/v1/routines/{id}/``: stretch guides in order, dosed."""

import pytest

from cms.models import RoutinePage
from tests import factories
from tests.factories import routine_item

from .helpers import assert_problem, result_ids

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
    "audience",
    "schedule",
    "total_seconds",
}
DETAIL_FIELDS = SUMMARY_FIELDS | {
    "related",
    "references",
    "cta",
    "licence",
    "attribution",
    "json_ld",
    "items",
    "safety_net",  # help first: a routine has its own, like every library page
}


@pytest.fixture
def guides(library):
    """Two guides: "Cross" (2 reps, both sides, 10 s rest; 5 s + 20 s steps) and "Lean"."""
    cross = factories.publish(
        factories.StretchGuidePageFactory(parent=library.stretches, title="Cross", slug="cross")
    )
    lean = factories.publish(
        factories.StretchGuidePageFactory(
            parent=library.stretches,
            title="Lean",
            slug="lean",
            sides="none",
            repetitions=1,
            steps=[
                {
                    "type": "step",
                    "value": {"instruction": "Lean.", "hold_seconds": 0, "position_seconds": 8},
                }
            ],
        )
    )
    return cross, lean


@pytest.fixture
def routine(library, guides, piriformis):
    cross, lean = guides
    page = factories.RoutinePageFactory(
        parent=library.stretches,
        title="Desk break",
        slug="desk-break",
        items=[
            routine_item(cross, repetitions=1, hold_seconds=30, rest_seconds=0),
            routine_item(lean),
        ],
    )
    page.muscles = [piriformis]
    return factories.publish(page)


def test_a_routine_lists_its_schedule_and_total_time(client, routine):
    body = client.get("/api/v1/routines/").json()

    (item,) = body["results"]
    assert set(item) == SUMMARY_FIELDS
    assert item["type"] == "routine"
    assert item["schedule"] == "Once a day for two weeks"
    # Cross: 2 sides x 1 rep x (5 s position + 30 s hold), no rest; Lean: 10 s rest, then 8 s.
    assert item["total_seconds"] == 2 * 35 + 10 + 8


def test_the_detail_carries_each_guide_with_the_dosage_it_is_done_at(client, routine, guides):
    cross, lean = guides
    body = client.get(f"/api/v1/routines/{routine.id}/").json()

    assert set(body) == DETAIL_FIELDS
    first, second = body["items"]
    assert first["stretch"]["id"] == cross.id
    assert first["stretch"]["steps"][0]["seconds"] == 5  # the default position time
    assert first["dosage"] == {
        "hold_seconds": 30,
        "repetitions": 1,
        "sets": 1,
        "sides": "both",
        "rest_seconds": 0,
    }
    # Left empty, the guide's own dosage applies.
    assert second["dosage"] == {
        "hold_seconds": None,
        "repetitions": 1,
        "sets": 1,
        "sides": "none",
        "rest_seconds": 10,
    }
    assert second["stretch"]["steps"][0]["seconds"] == 8
    assert "Soon after hip surgery." in second["stretch"]["when_not_to_do_it"]


def test_a_guide_withdrawn_since_is_null_and_the_rest_still_counts(client, routine, guides):
    cross, _lean = guides
    cross.unpublish()

    body = client.get(f"/api/v1/routines/{routine.id}/").json()

    assert body["items"][0]["stretch"] is None
    assert body["items"][0]["dosage"] is None
    assert body["items"][1]["stretch"]["title"] == "Lean"
    assert body["total_seconds"] == 8  # the first guide that runs has no rest before it


def test_json_ld_is_an_exercise_plan_with_a_part_per_guide(client, routine):
    body = client.get(f"/api/v1/routines/{routine.id}/").json()

    plan = body["json_ld"]["mainEntity"]
    assert body["json_ld"]["@type"] == "MedicalWebPage"
    assert plan["@type"] == "ExercisePlan"
    assert plan["activityDuration"] == "PT88S"
    assert plan["activityFrequency"] == "Once a day for two weeks"
    assert [part["name"] for part in plan["hasPart"]] == ["Cross", "Lean"]


def test_routine_pages_embed_the_same_json_ld(client, routine):
    html = client.get("/stretches/desk-break/").content.decode()

    assert '"@type": "ExercisePlan"' in html
    assert 'id="player-data"' in html


def test_a_draft_routine_is_not_found(client, library, guides):
    draft = factories.RoutinePageFactory(
        parent=library.stretches, slug="draft", items=[routine_item(guides[0])], live=False
    )

    assert result_ids(client.get("/api/v1/routines/")) == []
    assert_problem(client.get(f"/api/v1/routines/{draft.id}/"), 404)


def test_routines_filter_like_articles_and_stretches(client, routine):
    assert result_ids(client.get("/api/v1/routines/?muscle=piriformis")) == [routine.id]
    assert_problem(client.get("/api/v1/routines/?muscle=nope"), 400, invalid="muscle")
    assert_problem(client.get("/api/v1/routines/?difficulty=gentle"), 400, invalid="difficulty")


def test_an_unchanged_routine_is_a_304(client, routine):
    first = client.get(f"/api/v1/routines/{routine.id}/")

    again = client.get(f"/api/v1/routines/{routine.id}/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304


def _changes(client, since=0):
    results = client.get(f"/api/v1/changes/?since={since}&limit=1000").json()["results"]
    return [(c["action"], c["type"], c["id"], c["api_url"]) for c in results]


def test_publishing_a_routine_logs_it_in_the_changes_feed(client, routine):
    assert _changes(client)[-1] == (
        "publish",
        "routine",
        routine.id,
        f"http://testserver/api/v1/routines/{routine.id}/",
    )


def test_changing_a_guide_logs_an_update_of_the_routines_using_it(client, routine, guides):
    since = client.get("/api/v1/changes/").json()["next_since"]
    cross, _lean = guides
    cross.title = "Cross, revised"
    factories.publish(cross)

    assert [change[:3] for change in _changes(client, since)] == [
        ("update", "stretch", cross.id),
        ("update", "routine", routine.id),
    ]


@pytest.mark.parametrize("count", [2, 12])
def test_the_routine_list_costs_the_same_queries_however_long(
    client, library, guides, django_assert_max_num_queries, count
):
    for n in range(count):
        factories.publish(
            factories.RoutinePageFactory(
                parent=library.stretches, slug=f"r{n}", items=[routine_item(g) for g in guides]
            )
        )

    with django_assert_max_num_queries(18):
        body = client.get("/api/v1/routines/?limit=100").json()

    assert body["count"] == count
    assert RoutinePage.objects.live().count() == count
