"""``/api/v1/plans/?s=...``: a routine made on a phone, carried whole in its URL."""

import datetime

import pytest

from api import plans

from .helpers import assert_problem


@pytest.fixture
def guides(library):
    from tests import factories

    return [
        factories.publish(factories.StretchGuidePageFactory(parent=library.stretches, slug=f"g{n}"))
        for n in range(2)
    ]


def test_a_plan_is_a_routine_with_the_dosage_from_its_url(client, guides):
    first, second = guides
    body = client.get(f"/api/v1/plans/?s={first.id}.r1.h30.p0.left&s={second.id}").json()

    assert body["type"] == "plan"
    assert [item["stretch"]["id"] for item in body["items"]] == [first.id, second.id]
    assert body["items"][0]["dosage"] == {
        "hold_seconds": 30,
        "repetitions": 1,
        "sets": 1,
        "sides": "left",
        "rest_seconds": 0,
    }
    # First: 1 x (5 + 30); second (the factory's): 2 sides x 2 reps x (5 + 20) + 4 rests of 10.
    assert body["total_seconds"] == 35 + 4 * 25 + 4 * 10
    assert body["url"] == f"http://testserver/my-routine/?s={first.id}.r1.h30.p0.left&s={second.id}"


def test_a_plan_carries_its_stretches_safety_net_and_their_soonest_review(client, library):
    from tests import factories

    today = datetime.date.today()
    soon, later = (
        factories.publish(
            factories.StretchGuidePageFactory(
                parent=library.stretches,
                slug=f"guide-{name}",
                next_review_due=today + datetime.timedelta(days=days),
                safety_net_urgent=f"A sign of the {name} guide",
            )
        )
        for name, days in (("soon", 100), ("later", 200))
    )

    body = client.get(f"/api/v1/plans/?s={later.id}&s={soon.id}").json()

    assert body["next_review_due"] == (today + datetime.timedelta(days=100)).isoformat()
    net = body["safety_net"]
    assert net["urgent"] == [
        "A sign of the later guide",
        "A sign of the soon guide",
        "A high temperature with back pain",
        "Weight loss you cannot explain",
    ]
    assert net["emergency"][0] == "Numbness around your genitals or bottom"
    assert net["emergency_call"]["number"] == "999"
    assert net["urgent_call"]["number"] == "111"


def test_a_withdrawn_guide_is_named_and_the_rest_still_runs(client, guides):
    first, second = guides
    first.unpublish()

    body = client.get(f"/api/v1/plans/?s={first.id}&s={second.id}").json()

    assert body["items"][0]["stretch"] is None
    assert str(first.id) in body["items"][0]["unavailable"]
    assert body["items"][1]["unavailable"] is None
    assert body["total_seconds"] == 4 * 25 + 3 * 10


@pytest.mark.parametrize(
    "query, message",
    [
        ("s=1.r10000", "repetitions must be from 1 to 20, not 10000"),
        ("s=1.h0", "hold (seconds) must be from 1 to 300, not 0"),
        ("s=1.q5", "is not a setting"),
        ("s=banana", "does not start with a stretch number"),
        ("s=99999999999", "does not start with a stretch number"),
        ("", "Choose at least one stretch"),
        ("&".join(["s=1"] * 13), "up to 12 stretches"),
    ],
)
def test_bad_plans_are_a_400_that_says_what_is_wrong(client, db, query, message):
    body = assert_problem(client.get(f"/api/v1/plans/?{query}"), 400, invalid="s")

    assert message in " ".join(body["errors"]["s"])


def test_encode_is_the_inverse_of_parse():
    values = ["27.r2.x2.h30.p10.both", "31"]

    assert plans.encode(plans.parse(values).entries) == values
