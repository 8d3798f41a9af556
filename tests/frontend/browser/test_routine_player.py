"""A whole demo routine, hands-free, on a phone with a fake clock."""

import pytest
from playwright.sync_api import expect

from cms.models import RoutinePage

from .test_stretch_player import FAKE_VOICE, FAKE_WAKE_LOCK, frozen_clock

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_demo_routine_runs_from_start_to_summary_in_exactly_its_total_time(phone, demo_site):
    routine = RoutinePage.objects.get(slug="gentle-start-for-sciatica")
    total_ms = phone.request.get(f"/api/v1/routines/{routine.id}/").json()["total_seconds"] * 1000
    page = phone.new_page()
    page.add_init_script(FAKE_WAKE_LOCK + FAKE_VOICE)
    frozen_clock(page)
    page.goto("/stretches/gentle-start-for-sciatica/")
    player = page.locator("[data-player-state]")

    page.get_by_role("button", name="Start").click()  # the only input
    expect(page.locator(".player__item")).to_have_text("Stretch 1 of 3: Knees-to-chest stretch")
    page.clock.run_for(total_ms - 50)
    expect(player).to_have_attribute("data-player-state", "running")
    expect(page.locator(".player__item")).to_have_text("Stretch 3 of 3: Figure-four stretch")
    page.clock.run_for(100)

    expect(player).to_have_attribute("data-player-state", "finished")
    expect(page.locator(".player__summary")).to_contain_text("Gentle start for sciatica")
    spoken = page.evaluate("spoken")
    titles = ["Knees-to-chest stretch", "Seated piriformis stretch", "Figure-four stretch"]
    # Each stretch is announced once, as it begins, in the routine's order.
    assert [title for cue in spoken for title in titles if cue.startswith(f"{title}. ")] == titles
    assert spoken[-1] == "Well done. You have finished."
