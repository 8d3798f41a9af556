"""The guided stretch player in a phone's browser, driven by Playwright's fake clock."""

import pytest
from playwright.sync_api import expect

from wagtail.models import Site

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Counts wake-lock requests and releases, where the real API would need a screen.
FAKE_WAKE_LOCK = """
window.wakeLocks = { requested: 0, released: 0 };
Object.defineProperty(navigator, "wakeLock", { value: { async request(type) {
  wakeLocks.requested += 1;
  const sentinel = new EventTarget();
  sentinel.release = async () => {
    wakeLocks.released += 1;
    sentinel.dispatchEvent(new Event("release"));
  };
  return sentinel;
} } });
"""


def step(instruction, hold_seconds=0):
    return {"type": "step", "value": {"instruction": instruction, "hold_seconds": hold_seconds}}


@pytest.fixture
def make_stretch(library):
    # The live server answers on localhost, which must find the test site.
    Site.objects.exclude(pk=library.site.pk).delete()

    def make(**fields):
        defaults = {
            "title": "Short stretch",
            "slug": "short-stretch",
            "steps": [step("Get into position."), step("Hold it gently.", 5)],
            "repetitions": 2,
            "sets": 1,
            "sides": "both",
            "rest_seconds": 3,
        }
        return factories.publish(
            factories.StretchGuidePageFactory(parent=library.stretches, **{**defaults, **fields})
        )

    return make


@pytest.fixture
def player(phone, make_stretch):
    """A phone on a stretch guide with a fake clock; call it with the stretch's fields."""

    def open_player(**fields):
        stretch = make_stretch(**fields)
        page = phone.new_page()
        page.add_init_script(FAKE_WAKE_LOCK)
        page.clock.install()
        page.goto(f"/stretches/{stretch.slug}/")
        return page

    return open_player


def begin(page):
    page.get_by_role("button", name="Start guided stretch").click()
    page.get_by_role("button", name="I'm ready, start").click()


def test_without_javascript_the_player_stays_hidden_and_the_steps_remain(
    browser, live_server, make_stretch
):
    stretch = make_stretch()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()

    page.goto(f"/stretches/{stretch.slug}/")

    expect(page.locator("[data-stretch-player]")).to_be_hidden()
    expect(page.locator(".steps")).to_contain_text("Hold it gently.")
    context.close()


def test_a_safety_reminder_comes_before_the_first_step(player):
    page = player()

    page.get_by_role("button", name="Start guided stretch").click()

    reminder = page.locator("[data-screen=safety]")
    expect(reminder.get_by_role("heading", name="Before you start")).to_be_focused()
    expect(reminder).to_contain_text("Stop if pain shoots down the leg.")  # the guide's notes
    expect(reminder).to_contain_text("Stop straight away if pain shoots down your leg")
    expect(reminder).to_contain_text("numbness")
    expect(page.locator(".player__step")).to_be_hidden()


def test_the_player_runs_a_short_guide_to_the_end(player):
    page = player()
    where, step_heading = page.locator(".player__where"), page.locator(".player__step")
    seconds, live = page.locator(".player__seconds"), page.locator("[aria-live]")
    begin(page)

    for side in ("Left side", "Right side"):
        for rep in (1, 2):
            expect(where).to_have_text(f"{side} · Repetition {rep} of 2")
            expect(step_heading).to_have_text("Step 1 of 2")
            expect(page.locator(".player__instruction")).to_have_text("Get into position.")
            expect(page.locator(".player__clock")).to_be_hidden()  # a movement waits for Next
            page.get_by_role("button", name="Next").click()

            expect(step_heading).to_have_text("Step 2 of 2")
            expect(seconds).to_have_text("5")
            expect(live).to_have_text("Step 2: Hold it gently. Hold for 5 seconds.")
            page.clock.run_for(2_000)
            expect(seconds).to_have_text("3")
            page.clock.run_for(3_100)  # the hold runs out by itself

            if (side, rep) == ("Right side", 2):
                break
            expect(step_heading).to_have_text("Rest")
            coming = ("Right side", 1) if rep == 2 else (side, rep + 1)
            expect(where).to_have_text(f"Next: {coming[0]} · Repetition {coming[1]} of 2")
            expect(live).to_have_text(
                f"Rest for 3 seconds. Next: {coming[0]}, Repetition {coming[1]} of 2."
            )
            expect(seconds).to_have_text("3")
            page.clock.run_for(3_100)
            expect(live).to_contain_text(f"{coming[0]}, Repetition {coming[1]} of 2.")

    done = page.locator(".player__done")
    expect(done).to_have_text("Well done! You have finished this stretch.")
    expect(done).to_be_focused()
    expect(page.get_by_role("button", name="Start again")).to_be_visible()


def test_pause_stops_the_countdown_and_resume_carries_on(player):
    page = player()
    seconds = page.locator(".player__seconds")
    begin(page)
    page.get_by_role("button", name="Next").click()

    page.clock.run_for(2_100)
    expect(seconds).to_have_text("3")
    page.get_by_role("button", name="Pause").click()
    expect(page.locator("[aria-live]")).to_have_text("Paused")
    expect(page.locator(".player__unit")).to_have_text("paused")
    page.clock.run_for(10_000)
    expect(seconds).to_have_text("3")
    expect(page.locator(".player__step")).to_have_text("Step 2 of 2")

    page.get_by_role("button", name="Resume").click()
    page.clock.run_for(1_000)
    expect(seconds).to_have_text("2")
    page.clock.run_for(2_000)
    expect(page.locator(".player__step")).to_have_text("Rest")


def test_next_skips_a_hold_or_a_rest_and_stop_returns_to_the_start(player):
    page = player()
    begin(page)
    page.get_by_role("button", name="Next").click()

    page.get_by_role("button", name="Next").click()  # skip the hold
    expect(page.locator(".player__step")).to_have_text("Rest")
    page.get_by_role("button", name="Skip rest").click()
    expect(page.locator(".player__where")).to_have_text("Left side · Repetition 2 of 2")

    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_role("button", name="Start guided stretch")).to_be_focused()
    expect(page.locator("[aria-live]")).to_have_text("Stopped")


def test_one_sided_and_not_sided_stretches_say_so(player):
    page = player(sides="right", repetitions=1, sets=2, steps=[step("Lean over.")])
    begin(page)

    where = page.locator(".player__where")
    expect(where).to_have_text("Set 1 of 2 · Right side · Repetition 1 of 1")
    page.get_by_role("button", name="Next").click()
    page.clock.run_for(3_100)
    expect(where).to_have_text("Set 2 of 2 · Right side · Repetition 1 of 1")
    expect(page.get_by_role("button", name="Finish")).to_be_visible()

    page = player(slug="together", sides="none", repetitions=2, steps=[step("Lean over.")])
    begin(page)
    expect(page.locator(".player__where")).to_have_text("Repetition 1 of 2")
    expect(page.locator("[aria-live]")).to_have_text("Repetition 1 of 2. Step 1: Lean over.")


def test_long_holds_are_announced_at_ten_seconds_and_at_three(player):
    page = player(steps=[step("Hold it.", 12)], repetitions=1, sides="none")
    live = page.locator("[aria-live]")
    begin(page)

    expect(live).to_have_text("Repetition 1 of 1. Step 1: Hold it. Hold for 12 seconds.")
    page.clock.run_for(2_100)
    expect(live).to_have_text("10 seconds left")
    page.clock.run_for(1_000)
    expect(live).to_have_text("10 seconds left")  # not every second
    page.clock.run_for(6_000)
    expect(live).to_have_text("3, 2, 1")


def test_keyboard_focus_stays_on_the_button_that_was_pressed(player):
    page = player()
    begin(page)
    next_button = page.get_by_role("button", name="Next")

    next_button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".player__step")).to_have_text("Step 2 of 2")
    expect(page.locator("[data-do=next]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".player__step")).to_have_text("Rest")
    expect(page.get_by_role("button", name="Skip rest")).to_be_focused()


def test_the_screen_is_kept_awake_while_running_but_not_when_paused_or_done(player):
    page = player(repetitions=1, sides="none")
    locks = lambda: page.evaluate("[wakeLocks.requested, wakeLocks.released]")  # noqa: E731
    begin(page)
    page.get_by_role("button", name="Next").click()
    expect(page.locator(".player__seconds")).to_have_text("5")
    assert locks() == [1, 0]

    page.get_by_role("button", name="Pause").click()
    page.wait_for_function("wakeLocks.released === 1")
    page.get_by_role("button", name="Resume").click()
    page.wait_for_function("wakeLocks.requested === 2")
    page.clock.run_for(5_100)

    expect(page.locator(".player__done")).to_be_visible()
    page.wait_for_function("wakeLocks.released === 2")
    assert locks() == [2, 2]


def test_with_reduced_motion_the_count_has_no_ring(player):
    page = player()
    page.emulate_media(reduced_motion="reduce")
    begin(page)
    page.get_by_role("button", name="Next").click()

    expect(page.locator(".player__seconds")).to_have_text("5")
    expect(page.locator(".player__ring")).to_be_hidden()


def test_buttons_are_at_least_44_pixels_tall(player):
    page = player()
    begin(page)

    for button in page.locator("[data-screen=play] button:visible").all():
        assert button.bounding_box()["height"] >= 44
