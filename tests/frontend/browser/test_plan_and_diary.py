"""A shared plan travels in its link; the diary stays on the phone, offline too."""

import pytest
from playwright.sync_api import expect

from django.core.signals import request_started

from wagtail.models import Site

from tests import factories

from .test_stretch_player import FAKE_VOICE, FAKE_WAKE_LOCK, frozen_clock, step
from .workers import CONTROLLED, open_controlled

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
NO_INDEXED_DB = """Object.defineProperty(window, "indexedDB", {
  get() { throw new Error("blocked"); },
});"""


@pytest.fixture
def guides(library):
    Site.objects.exclude(pk=library.site.pk).delete()
    return [
        factories.publish(
            factories.StretchGuidePageFactory(
                parent=library.stretches,
                title=title,
                slug=title.lower(),
                steps=[step("Reach.", position_seconds=3), step("Hold.", 6)],
                repetitions=1,
                sides="none",
            )
        )
        for title in ("Reach", "Twist")
    ]


def finish_a_session(phone, path, init=""):
    page = phone.new_page()
    page.add_init_script(FAKE_WAKE_LOCK + FAKE_VOICE + init)
    frozen_clock(page)
    page.goto(path)
    page.get_by_role("button", name="Start").click()
    page.clock.run_for(60_000)
    expect(page.locator("[data-player-state]")).to_have_attribute("data-player-state", "finished")
    return page


def test_a_plan_made_on_one_phone_opens_the_same_on_another(browser, phone, live_server, guides):
    reach, twist = guides
    page = phone.new_page()
    page.goto("/my-routine/")
    page.get_by_label("Reach").check()
    page.get_by_label("Twist").check()
    page.locator(f"[name=reps-{twist.id}]").fill("2")
    page.get_by_role("button", name="Make my routine").click()

    expect(page).to_have_url(f"{live_server.url}/my-routine/?s={reach.id}&s={twist.id}.r2")
    shared = page.locator("#share-link").input_value()
    summary = page.locator("[data-screen=ready] p").first.text_content()
    other = browser.new_context(base_url=live_server.url)
    elsewhere = other.new_page()
    elsewhere.goto(shared)
    expect(elsewhere.locator("[data-screen=ready] p").first).to_have_text(summary)
    expect(elsewhere.locator(".routine__items h3")).to_have_text(["Reach", "Twist"])
    expect(elsewhere.locator(".routine__items .dosage").nth(1)).to_contain_text("2 times")
    other.close()


def test_a_bad_plan_link_says_what_is_wrong_and_starts_nothing(phone, guides):
    page = phone.new_page()
    page.goto(f"/my-routine/?s={guides[0].id}.r10000")

    expect(page.get_by_role("alert")).to_contain_text("repetitions must be from 1 to 20")
    expect(page.locator("[data-stretch-player]")).to_have_count(0)


def test_the_diary_keeps_a_session_on_the_phone_through_a_reload_and_offline(phone, guides):
    diary = open_controlled(phone, "/my-diary/")
    sent = []
    phone.on("request", lambda request: sent.append(request.post_data or ""))
    session = finish_a_session(phone, "/stretches/reach/")
    session.get_by_label("Pain before (0–10)").select_option("6")
    session.get_by_label("Pain after (0–10)").select_option("3")
    session.get_by_label("How did it go?").fill("Easier today")
    session.get_by_role("button", name="Save in my diary").click()
    expect(session.get_by_role("status").filter(has_text="Saved")).to_be_visible()

    diary.reload()
    expect(diary.locator("[data-diary-page]")).to_have_attribute("data-sessions", "1")
    phone.set_offline(True)
    diary.reload()
    table = diary.locator(".diary-table")
    expect(table).to_contain_text("Reach")
    expect(table).to_contain_text("Easier today")
    assert not any("Easier today" in body for body in sent)

    diary.once("dialog", lambda dialog: dialog.accept())
    diary.get_by_role("button", name="Delete everything").click()
    expect(diary.locator("[data-diary-page]")).to_have_attribute("data-sessions", "0")
    diary.reload()
    expect(diary.locator("[data-diary-body]")).to_contain_text("No sessions yet")


def test_without_indexed_db_the_diary_is_off_and_says_so(phone, guides):
    session = finish_a_session(phone, "/stretches/reach/", init=NO_INDEXED_DB)

    expect(session.locator("[data-diary-off]")).to_contain_text("The diary is off")


@pytest.fixture
def reached_server():
    """Every request that reached the live server, as (method, path, query string).

    Recorded where Django starts each request, so nothing a phone kept to itself
    (a service worker's answer, a failed offline fetch) can count as sent.
    """
    seen = []

    def record(sender, environ, **kwargs):
        seen.append((environ["REQUEST_METHOD"], environ["PATH_INFO"], environ["QUERY_STRING"]))

    request_started.connect(record)
    yield seen
    request_started.disconnect(record)


def test_a_shared_routine_saved_then_run_offline_lands_in_the_diary(phone, guides, reached_server):
    """The issue's "done when": a new reader opens a shared link, saves it, goes
    offline, taps Start once and hears every cue; the diary then has the session,
    and nothing about it reached the server, even once back online."""
    reach, twist = guides
    link = f"/my-routine/?s={reach.id}.r1&s={twist.id}.left"
    tab = phone.new_page()
    tab.add_init_script(FAKE_WAKE_LOCK + FAKE_VOICE)
    frozen_clock(tab)
    tab.goto(link)  # the reader's first page on this site
    assert tab.evaluate(CONTROLLED) == "activated"
    tab.get_by_role("button", name="Save for offline").click()
    expect(tab.locator("[data-offline-page-status]")).to_have_text(
        "Saved on this phone for reading offline.", timeout=30_000
    )

    phone.set_offline(True)
    tab.reload()
    session_started = len(reached_server)
    tab.get_by_role("button", name="Start").click()
    tab.clock.run_for(60_000)
    expect(tab.locator("[data-player-state]")).to_have_attribute("data-player-state", "finished")
    assert tab.evaluate("spoken") == [
        "Reach. Repetition 1 of 1. Step 1: Reach.",
        "Step 2: Hold. Hold for 6 seconds.",
        "3, 2, 1",
        "Rest for 10 seconds. Next: Twist.",
        "3, 2, 1",
        "Twist. Left side, Repetition 1 of 1. Step 1: Reach.",
        "Step 2: Hold. Hold for 6 seconds.",
        "3, 2, 1",
        "Well done. You have finished.",
    ]
    tab.get_by_label("Pain before (0–10)").select_option("7")
    tab.get_by_label("Pain after (0–10)").select_option("2")
    tab.get_by_label("How did it go?").fill("Stiff at first")
    tab.get_by_role("button", name="Save in my diary").click()
    expect(tab.get_by_text("Saved in your diary on this phone.")).to_be_visible()

    phone.set_offline(False)
    diary = phone.new_page()
    diary.goto("/my-diary/")
    table = diary.locator(".diary-table")
    expect(table).to_contain_text("Your routine")
    expect(table).to_contain_text("Stiff at first")
    since = reached_server[session_started:]
    assert since, "back online, the diary page came from the server"
    assert {method for method, _, _ in since} == {"GET"}
    assert not [hit for hit in since if "Stiff" in hit[1] + hit[2] or "pain" in hit[2].lower()]
