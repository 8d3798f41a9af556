"""The hands-free player in a phone's browser, driven by Playwright's fake clock.

One tap on Start, then nothing: every test below runs the clock, never taps Next.
"""

import datetime
import re

import pytest
from playwright.sync_api import expect

from wagtail.models import Site

from cms.demo.loader import save_svg_image
from cms.demo.poses import pose_svg, pose_title
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
# A voice that records what it was asked to say, in order.
FAKE_VOICE = """
window.spoken = [];
window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
Object.defineProperty(window, "speechSynthesis", { value: {
  getVoices: () => [{ name: "Test voice", lang: "en-GB" }],
  speak: (utterance) => spoken.push(utterance.text),
  cancel() {},
} });
"""
START = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
# The phone locks or the tab goes to the background, then comes back.
HIDE = """() => {
  Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
  document.dispatchEvent(new Event("visibilitychange"));
}"""
SHOW = """() => {
  Object.defineProperty(document, "visibilityState", { value: "visible", configurable: true });
  document.dispatchEvent(new Event("visibilitychange"));
}"""


def frozen_clock(page):
    """Fake time that moves only when a test runs it (installed time otherwise flows)."""
    page.clock.install(time=START)
    page.clock.pause_at(START + datetime.timedelta(hours=1))


def step(instruction, hold_seconds=0, position_seconds=None, image=None):
    value = {"instruction": instruction, "hold_seconds": hold_seconds}
    if position_seconds:
        value["position_seconds"] = position_seconds
    if image:
        value["image"] = image.id
    return {"type": "step", "value": value}


@pytest.fixture
def make_stretch(library):
    # The live server answers on localhost, which must find the test site.
    Site.objects.exclude(pk=library.site.pk).delete()

    def make(**fields):
        defaults = {
            "title": "Short stretch",
            "slug": "short-stretch",
            "steps": [step("Get into position.", position_seconds=4), step("Hold it gently.", 6)],
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
    """A phone on a stretch guide with a fake clock and voice; call it with the stretch's fields."""

    def open_player(**fields):
        stretch = make_stretch(**fields)
        page = phone.new_page()
        page.add_init_script(FAKE_WAKE_LOCK + FAKE_VOICE)
        frozen_clock(page)
        page.goto(f"/stretches/{stretch.slug}/")
        return page

    return open_player


def state(page):
    return page.locator("[data-player-state]")


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


def test_the_safety_points_share_the_screen_with_the_single_start_button(player):
    page = player()

    ready = page.locator("[data-screen=ready]")
    expect(state(page)).to_have_attribute("data-player-state", "ready")
    expect(ready).to_contain_text("Soon after hip surgery.")  # when not to do it
    expect(ready).to_contain_text("Stop if pain shoots down the leg.")  # the guide's notes
    expect(ready).to_contain_text("numbness")
    expect(ready.get_by_role("button")).to_have_count(1)
    expect(ready.get_by_role("button", name="Start")).to_be_visible()
    expect(page.locator(".player__step")).to_be_hidden()


def test_one_tap_runs_every_step_rest_and_side_to_the_summary(player):
    # 2 sides x 2 repetitions x (4 s position + 6 s hold) + 3 rests of 3 s = 49 s.
    page = player()
    where, step_heading = page.locator(".player__where"), page.locator(".player__step")
    page.get_by_role("button", name="Start").click()
    expect(state(page)).to_have_attribute("data-player-state", "running")
    expect(page.locator("[data-stretch-player]")).to_have_attribute("data-focus", "")

    expect(where).to_have_text("Left side · Repetition 1 of 2")
    expect(step_heading).to_have_text("Step 1 of 2")
    expect(page.locator(".player__seconds")).to_have_text("4")
    page.clock.run_for(4_000)
    expect(step_heading).to_have_text("Step 2 of 2: hold")
    page.clock.run_for(6_000)
    expect(step_heading).to_have_text("Rest")
    expect(where).to_have_text("Next: Left side · Repetition 2 of 2")
    page.clock.run_for(3_000 + 10_000)
    expect(step_heading).to_have_text("Rest")
    expect(where).to_have_text("Next: Right side · Repetition 1 of 2")
    page.clock.run_for(3_000 + 2_000)
    expect(where).to_have_text("Right side · Repetition 1 of 2")
    expect(page.locator(".player__image")).to_have_class("player__image player__image--mirrored")

    page.clock.run_for(49_000 - 28_000 - 100)  # 28 s have run so far
    expect(state(page)).to_have_attribute("data-player-state", "running")
    page.clock.run_for(200)
    expect(state(page)).to_have_attribute("data-player-state", "finished")
    expect(page.locator(".player__done")).to_be_focused()
    expect(page.locator(".player__summary")).to_have_text("Short stretch: 49 seconds.")
    expect(page.locator("[data-stretch-player]")).not_to_have_attribute("data-focus", "")


def test_cues_are_spoken_in_order_and_not_repeated_in_the_live_region(player):
    page = player(repetitions=1)
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(23_100)

    assert page.evaluate("spoken") == [
        "Short stretch. Left side, Repetition 1 of 1. Step 1: Get into position.",
        "Step 2: Hold it gently. Hold for 6 seconds.",
        "3, 2, 1",
        "Rest for 3 seconds. Next: Right side, Repetition 1 of 1.",
        "Switch sides. Right side, Repetition 1 of 1. Step 1: Get into position.",
        "Step 2: Hold it gently. Hold for 6 seconds.",
        "3, 2, 1",
        "Well done. You have finished.",
    ]
    expect(page.locator("[aria-live]")).to_have_text("")


def test_with_the_voice_off_the_screen_reader_gets_the_cues_and_the_choice_is_kept(player):
    page = player(repetitions=1)
    page.get_by_label("Speak the steps aloud").uncheck()
    page.get_by_role("button", name="Start").click()

    expect(page.locator("[aria-live]")).to_have_text(
        "Short stretch. Left side, Repetition 1 of 1. Step 1: Get into position."
    )
    assert page.evaluate("spoken") == []
    page.reload()
    expect(page.get_by_label("Speak the steps aloud")).not_to_be_checked()


def test_a_locked_phone_resumes_where_the_clock_says_not_from_the_start(player):
    page = player()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(6_000)  # 2 s into the first hold
    expect(page.locator(".player__step")).to_have_text("Step 2 of 2: hold")

    page.evaluate(HIDE)
    # Like closing a laptop's lid: time jumps, and a timer due meanwhile fires once, late.
    page.clock.fast_forward(21_000)
    page.evaluate(SHOW)

    # 27 s in: rest (10-13), rep 2 (13-23), rest (23-26), right side position (26-30).
    expect(page.locator(".player__where")).to_have_text("Right side · Repetition 1 of 2")
    expect(page.locator(".player__step")).to_have_text("Step 1 of 2")
    expect(page.locator(".player__seconds")).to_have_text("3")
    expect(state(page)).to_have_attribute("data-player-state", "running")


def test_a_reload_carries_on_the_running_session(player):
    page = player()
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(11_000)
    expect(page.locator(".player__step")).to_have_text("Rest")

    page.reload()
    expect(state(page)).to_have_attribute("data-player-state", "running")
    expect(page.locator(".player__where")).to_have_text("Next: Left side · Repetition 2 of 2")


def test_pause_holds_the_count_and_resume_carries_on(player):
    page = player()
    seconds = page.locator(".player__seconds")
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(6_000)
    expect(seconds).to_have_text("4")

    page.get_by_role("button", name="Pause").click()
    expect(state(page)).to_have_attribute("data-player-state", "paused")
    expect(page.locator(".player__unit")).to_have_text("paused")
    page.clock.run_for(30_000)
    expect(seconds).to_have_text("4")

    page.get_by_role("button", name="Resume").click()
    expect(state(page)).to_have_attribute("data-player-state", "running")
    page.clock.run_for(1_000)
    expect(seconds).to_have_text("3")
    page.clock.run_for(3_000)
    expect(page.locator(".player__step")).to_have_text("Rest")


def test_skip_back_and_stop(player):
    page = player()
    step_heading = page.locator(".player__step")
    page.get_by_role("button", name="Start").click()

    page.get_by_role("button", name="Skip").click()
    expect(step_heading).to_have_text("Step 2 of 2: hold")
    expect(page.get_by_role("button", name="Skip")).to_be_focused()
    page.get_by_role("button", name="Back").click()
    expect(step_heading).to_have_text("Step 1 of 2")
    page.get_by_role("button", name="Stop").click()
    expect(state(page)).to_have_attribute("data-player-state", "ready")
    expect(page.get_by_role("button", name="Start")).to_be_focused()


def test_the_screen_is_kept_awake_while_running_but_not_when_paused_or_done(player):
    page = player(repetitions=1, sides="none")
    page.get_by_role("button", name="Start").click()
    page.wait_for_function("wakeLocks.requested === 1")

    page.get_by_role("button", name="Pause").click()
    page.wait_for_function("wakeLocks.released === 1")
    page.get_by_role("button", name="Resume").click()
    page.wait_for_function("wakeLocks.requested === 2")
    page.clock.run_for(10_100)

    expect(state(page)).to_have_attribute("data-player-state", "finished")
    page.wait_for_function("wakeLocks.released === 2")


def test_with_reduced_motion_the_count_has_no_ring(player):
    page = player()
    page.emulate_media(reduced_motion="reduce")
    page.get_by_role("button", name="Start").click()

    expect(page.locator(".player__seconds")).to_have_text("4")
    expect(page.locator(".player__ring")).to_be_hidden()


def test_buttons_are_at_least_44_pixels_tall(player):
    page = player()
    page.get_by_role("button", name="Start").click()

    for button in page.locator("[data-screen=play] button:visible").all():
        assert button.bounding_box()["height"] >= 44


def test_each_step_shows_its_pose_mirrored_with_its_words_for_the_right_side(player):
    slug = "figure-four-stretch"
    start, held = (
        save_svg_image(
            pose_svg(slug, stage),
            f"{slug}-{stage}.svg",
            title=stage,
            description=pose_title(slug, stage),
        )
        for stage in ("start", "stretch")
    )
    page = player(
        steps=[step("Get into position.", 0, 4, image=start), step("Hold it.", 6, image=held)],
        repetitions=1,
    )
    image = page.locator(".player__image")
    mirrored = "() => getComputedStyle(document.querySelector('.player__image')).transform"
    page.get_by_role("button", name="Start").click()

    expect(image).to_have_attribute("src", re.compile(rf"{slug}-start[._][^/]*$"))
    expect(image).to_have_attribute("data-side", "left")
    expect(image).to_have_attribute("alt", re.compile("left ankle crossed over the right knee"))
    assert page.evaluate(mirrored) == "none"
    response = page.request.get(image.get_attribute("src"))
    assert response.ok and response.headers["content-type"] == "image/svg+xml"

    page.clock.run_for(4_000)
    expect(image).to_have_attribute("src", re.compile(rf"{slug}-stretch[._][^/]*$"))
    expect(image).to_have_attribute("data-side", "left")
    page.clock.run_for(6_000 + 3_000)  # the hold, then the rest before the right side
    expect(page.locator(".player__where")).to_have_text("Right side · Repetition 1 of 1")
    expect(image).to_have_attribute("src", re.compile(rf"{slug}-start[._][^/]*$"))
    expect(image).to_have_attribute("data-side", "right")
    expect(image).to_have_attribute("alt", re.compile("right ankle crossed over the left knee"))
    assert page.evaluate(mirrored) == "matrix(-1, 0, 0, 1, 0, 0)"
    page.clock.run_for(4_000)
    expect(image).to_have_attribute("src", re.compile(rf"{slug}-stretch[._][^/]*$"))
    expect(image).to_have_attribute("alt", re.compile("^Lying on your back, right ankle"))
    assert page.evaluate(mirrored) == "matrix(-1, 0, 0, 1, 0, 0)"
