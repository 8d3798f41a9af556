"""Only live, public content: what readers may not see, the API never shows.

Drafts, unpublished, expired (``expire_at`` passed, cron not yet run) and
privacy-restricted pages (on the page or a section above it) are absent from
lists and search, a 404 in detail, and gone from a replay of the change feed.
Every change a reader could see is visible at once, although responses are
cached: the cache key is the content version, which every such change moves.
"""

import json

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from tests import factories

from .helpers import (
    assert_problem,
    expire,
    published_article,
    published_stretch,
    replay_changes,
    restrict,
    result_ids,
)

WORD = "zebrafish"  # in every hidden page's title, so search would find it


def _draft(page, library):
    return page


def _unpublished(page, library):
    factories.publish(page).unpublish()


def _expired(page, library):
    expire(factories.publish(page))


def _private(page, library):
    restrict(factories.publish(page))


def _in_private_section(page, library):
    factories.publish(page)
    restrict(page.get_parent())


HIDING = {
    "draft": _draft,
    "unpublished": _unpublished,
    "expired": _expired,
    "private": _private,
    "in a private section": _in_private_section,
}
# kind -> (resource, page factory, visible page's section, a second section of that kind)
KINDS = {
    "article": (
        "articles",
        factories.ArticlePageFactory,
        lambda lib: lib.conditions,
        lambda lib: factories.SectionPageFactory(parent=lib.home, slug="members"),
    ),
    "stretch": (
        "stretches",
        factories.StretchGuidePageFactory,
        lambda lib: lib.stretches,
        lambda lib: factories.StretchIndexPageFactory(parent=lib.home, slug="members"),
    ),
}


@pytest.fixture(params=list(KINDS))
def kind(request):
    return request.param


@pytest.fixture(params=list(HIDING))
def hidden(request, library, kind):
    """A page of ``kind``, hidden in one of the ways, beside a visible one of the same kind."""
    resource, factory, section, other_section = KINDS[kind]
    # Hidden with its section, it gets a section of its own.
    parent = other_section if request.param == "in a private section" else section
    page = factory(parent=parent(library), title=f"Hidden {WORD}", live=False)
    HIDING[request.param](page, library)
    page.refresh_from_db()
    return resource, page


@pytest.fixture
def visible(library, kind):
    _resource, factory, section, _other = KINDS[kind]
    return factories.publish(factory(parent=section(library), title=f"Visible {WORD}"))


def test_hidden_pages_are_not_listed(client, hidden, visible):
    resource, page = hidden

    assert result_ids(client.get(f"/api/v1/{resource}/")) == [visible.id]


def test_hidden_pages_are_not_found_in_search(client, hidden, visible):
    assert result_ids(client.get("/api/v1/search/", {"q": WORD})) == [visible.id]


def test_hidden_pages_are_a_404_in_detail(client, hidden, visible):
    resource, page = hidden

    assert_problem(client.get(f"/api/v1/{resource}/{page.id}/"), 404)
    assert client.get(f"/api/v1/{resource}/{visible.id}/").status_code == 200


def test_hidden_pages_do_not_survive_a_replay_of_the_change_feed(client, hidden, visible, kind):
    # Reading the feed never writes: an expiry reaches it when the cron applies it.
    call_command("publish_scheduled")
    mirror = replay_changes(client)

    assert {key for key in mirror if key[0] == kind} == {(kind, visible.id)}


def test_hidden_pages_are_not_linked_from_visible_ones(client, hidden, library, stretch):
    _resource, page = hidden
    linking = published_article(
        library.causes,
        related_pages=[{"type": "page", "value": page.id}, {"type": "page", "value": stretch.id}],
    )

    related = client.get(f"/api/v1/articles/{linking.id}/").json()["related"]

    assert [link["id"] for link in related] == [stretch.id]


def test_publishing_shows_at_once_although_the_list_was_cached(client, library, article):
    assert result_ids(client.get("/api/v1/articles/")) == [article.id]

    new = published_article(library.causes, title="Brand new")

    assert result_ids(client.get("/api/v1/articles/")) == [new.id, article.id]


def test_unpublishing_hides_at_once_although_detail_and_list_were_cached(client, article):
    assert client.get(f"/api/v1/articles/{article.id}/").status_code == 200
    assert result_ids(client.get("/api/v1/articles/")) == [article.id]

    article.unpublish()

    assert_problem(client.get(f"/api/v1/articles/{article.id}/"), 404)
    assert result_ids(client.get("/api/v1/articles/")) == []


def test_a_published_edit_shows_at_once_and_a_draft_edit_does_not(client, article):
    assert client.get(f"/api/v1/articles/{article.id}/").json()["title"] == "Sciatica"

    article.title = "Sciatica, revised"
    article.save_revision()
    assert client.get(f"/api/v1/articles/{article.id}/").json()["title"] == "Sciatica"

    factories.publish(article)  # reviewed and approved
    assert client.get(f"/api/v1/articles/{article.id}/").json()["title"] == "Sciatica, revised"


def test_a_privacy_restriction_hides_at_once_and_lifting_it_shows_again(client, article):
    assert client.get(f"/api/v1/articles/{article.id}/").status_code == 200

    restriction = restrict(article.get_parent())
    assert_problem(client.get(f"/api/v1/articles/{article.id}/"), 404)

    restriction.delete()
    assert client.get(f"/api/v1/articles/{article.id}/").status_code == 200


def test_an_expiry_hides_at_once_before_the_cron_unpublishes(client, article, stretch):
    assert result_ids(client.get("/api/v1/articles/")) == [article.id]

    expire(article)

    assert result_ids(client.get("/api/v1/articles/")) == []
    assert_problem(client.get(f"/api/v1/articles/{article.id}/"), 404)
    call_command("publish_scheduled")  # the feed learns of it from the cron, not from a read
    assert ("article", article.id) not in replay_changes(client)


def test_moving_a_page_into_a_private_section_hides_it_at_once(client, library, article):
    private = factories.SectionPageFactory(parent=library.home, slug="staff-only")
    restrict(private)
    assert client.get(f"/api/v1/articles/{article.id}/").status_code == 200

    article.move(private, pos="last-child")

    assert_problem(client.get(f"/api/v1/articles/{article.id}/"), 404)


def test_renaming_a_muscle_shows_at_once_in_pages_tagged_with_it(client, rich_article, piriformis):
    assert client.get(f"/api/v1/articles/{rich_article.id}/").json()["muscles"][0]["name"] == (
        "Piriformis"
    )

    piriformis.name = "Piriformis muscle"
    piriformis.save()

    detail = client.get(f"/api/v1/articles/{rich_article.id}/").json()
    assert detail["muscles"][0]["name"] == "Piriformis muscle"
    assert client.get("/api/v1/muscles/").json()[0]["name"] == "Piriformis muscle"


def test_a_new_clinic_phone_number_shows_at_once_in_calls_to_action(client, rich_article, library):
    assert client.get(f"/api/v1/articles/{rich_article.id}/").json()["cta"]["href"] == (
        "tel:07700900123"
    )

    library.clinic.phone = "07700 900999"
    library.clinic.save()

    assert client.get(f"/api/v1/articles/{rich_article.id}/").json()["cta"]["href"] == (
        "tel:07700900999"
    )
    assert client.get("/api/v1/clinic/").json()["phone"] == "07700 900999"


def test_unpublishing_the_booking_page_shows_at_once_in_form_calls_to_action(
    client, library, article
):
    assert client.get(f"/api/v1/articles/{article.id}/").json()["cta"]["href"] == (
        "http://testserver/book/"
    )
    assert client.get("/api/v1/clinic/").json()["booking_page_url"] == "http://testserver/book/"

    library.booking.unpublish()

    assert client.get(f"/api/v1/articles/{article.id}/").json()["cta"]["href"] is None
    assert client.get("/api/v1/clinic/").json()["booking_page_url"] is None


@pytest.fixture
def editor_trail(library, article, stretch):
    """Pages owned, revised, locked and published by a named editor."""
    eve = get_user_model().objects.create_user(
        username="eve-the-editor", email="eve@editors.example", first_name="Evelyn"
    )
    for page in (article, stretch):
        page.owner = page.locked_by = eve
        page.locked = True
        page.save()
        page.save_revision(user=eve).publish()
    return eve


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/",
        "/api/v1/articles/",
        "/api/v1/stretches/",
        "/api/v1/sections/",
        "/api/v1/clinic/",
        "/api/v1/changes/",
        "/api/v1/search/?q=sciatica",
    ],
)
def test_no_editor_or_owner_data_in_lists(client, editor_trail, path):
    _assert_no_editor_data(client.get(path))


def test_no_editor_or_owner_data_in_details(client, editor_trail, article, stretch):
    _assert_no_editor_data(client.get(f"/api/v1/articles/{article.id}/"))
    _assert_no_editor_data(client.get(f"/api/v1/stretches/{stretch.id}/"))


def _assert_no_editor_data(response):
    assert response.status_code == 200
    text = response.content.decode()
    for trace in ("eve-the-editor", "eve@editors.example", "Evelyn"):
        assert trace not in text
    keys = set(_all_keys(json.loads(text)))
    assert not keys & {"owner", "locked", "locked_by", "user", "latest_revision", "username"}


def _all_keys(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _all_keys(value)
    elif isinstance(data, list):
        for item in data:
            yield from _all_keys(item)


def test_a_visible_page_stays_visible_with_an_expiry_in_the_future(client, library):
    import datetime

    from django.utils import timezone

    page = published_stretch(library.stretches, title="Short-lived")
    type(page).objects.filter(pk=page.pk).update(
        expire_at=timezone.now() + datetime.timedelta(days=1)
    )

    assert result_ids(client.get("/api/v1/stretches/")) == [page.id]
