"""``/my-routine/``: make your own routine without JavaScript, share it, and bad links."""

import datetime

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides(library):
    return [
        factories.publish(
            factories.StretchGuidePageFactory(
                parent=library.stretches, title=f"Guide {n}", slug=f"g{n}"
            )
        )
        for n in range(2)
    ]


def test_the_builder_form_redirects_to_the_plans_short_link(client, guides):
    first, second = guides

    response = client.get(
        "/my-routine/",
        {"pick": [first.id, second.id], f"reps-{first.id}": "1", f"hold-{first.id}": ""},
    )

    assert response.status_code == 302
    assert response["Location"] == f"/my-routine/?s={first.id}.r1&s={second.id}"


def test_a_shared_link_shows_the_routine_its_player_and_a_qr_code(client, guides):
    first, second = guides

    html = client.get(f"/my-routine/?s={first.id}.r1&s={second.id}").content.decode()

    assert "Guide 0" in html and "Guide 1" in html
    assert 'id="player-data"' in html
    assert '<svg role="img" viewBox=' in html and 'class="qr"' in html
    assert "QR code that opens this routine" in html


def test_a_shared_plan_puts_help_first_and_says_when_it_is_next_reviewed(client, guides):
    first, second = guides
    first.next_review_due = datetime.date.today() + datetime.timedelta(days=40)
    factories.publish(first)

    html = client.get(f"/my-routine/?s={first.id}&s={second.id}").content.decode()

    assert html.index("When to get help") < html.index("The stretches")
    assert "Call 999 or go to A&amp;E now" in html and "Call NHS 111 on 111" in html
    assert f"Next review due {first.next_review_due:%-d %B %Y}." in html


def test_absurd_dosage_is_a_400_with_a_clear_message_and_no_player(client, guides):
    response = client.get(f"/my-routine/?s={guides[0].id}.r10000")

    html = response.content.decode()
    assert response.status_code == 400
    assert "This routine link has a problem" in html
    assert "repetitions must be from 1 to 20, not 10000" in html
    assert 'id="player-data"' not in html


def test_a_stretch_gone_from_the_library_is_named_and_the_rest_is_kept(client, guides):
    first, second = guides
    first.unpublish()

    html = client.get(f"/my-routine/?s={first.id}&s={second.id}").content.decode()

    assert f"Stretch number {first.id} is not in the library any more." in html
    assert "Guide 1" in html


def test_a_routine_page_prints_with_a_qr_code_back_to_itself(client, guides, library):
    factories.publish(
        factories.RoutinePageFactory(
            parent=library.stretches,
            slug="desk",
            items=[factories.routine_item(guide) for guide in guides],
        )
    )

    html = client.get("/stretches/desk/").content.decode()

    assert "QR code for the online version" in html
    assert "Next review due" in html
    assert "Soon after hip surgery." in html  # the guides' "when not to" points, once
    assert html.count("Soon after hip surgery.") == 1 + html.count('"when_not_to_do_it"')
