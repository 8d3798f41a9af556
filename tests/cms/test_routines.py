"""Routines in the admin, and the session time their dosage gives."""

import pytest

from wagtail.blocks import StreamBlockValidationError

from cms import dosage
from tests import factories

pytestmark = pytest.mark.django_db


def test_editors_can_open_the_routine_form_in_the_stretches_section(admin_client, library):
    response = admin_client.get(f"/admin/pages/add/cms/routinepage/{library.stretches.id}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Who it is for" in html
    assert "Time to get into position" not in html  # a guide's field, not a routine's


def test_a_stretch_step_offers_a_get_into_position_time(admin_client, library):
    response = admin_client.get(f"/admin/pages/add/cms/stretchguidepage/{library.stretches.id}/")

    assert "Time to get into position" in response.content.decode()


def test_a_routine_cannot_ask_for_absurd_dosage(library):
    stretch = factories.publish(factories.StretchGuidePageFactory(parent=library.stretches))
    routine = factories.RoutinePageFactory.build(
        items=[factories.routine_item(stretch, repetitions=10_000)]
    )
    block = routine.items.stream_block

    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(routine.items)

    assert "less than or equal to 20" in str(error.value.as_json_data())


def test_session_time_counts_holds_positions_sides_and_rests():
    steps = [
        {"hold_seconds": 0},
        {"hold_seconds": 20, "position_seconds": 9},
        {"hold_seconds": 0, "position_seconds": 3},
    ]
    item = {"repetitions": 2, "sets": 1, "sides": "both", "rest_seconds": 10}

    # 4 repetitions of (5 + 20 + 3) s, 3 rests; a second guide adds a rest before it.
    assert dosage.session_seconds([(steps, item)]) == 4 * 28 + 3 * 10
    assert dosage.session_seconds([(steps, item), (steps, {**item, "hold_seconds": 40})]) == (
        4 * 28 + 3 * 10 + 4 * 48 + 4 * 10
    )
